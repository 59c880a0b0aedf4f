package dev.netwright.app.cli;

import dev.netwright.runtime.design.Distillation;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.kinds.OutputKind;
import dev.netwright.runtime.train.RunFailure;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.train.Teacher;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code netwright train}'s knowledge distillation options: a finished run that teaches the design being trained (the
 * student), and the loss's α and T ({@link Distillation}). A resumed run goes on with the teacher its run.json records.
 */
final class DistillationOptions {
    @Option(names = "--distil-from", paramLabel = "RUN_DIR", description = "Distil: train the design (the student) against a finished run's model (the teacher) as well as the labels; the teacher must predict the same classes from the same input. Loss = alpha * cross-entropy(labels) + (1 - alpha) * T^2 * KL(teacher || student at temperature T).")
    Path teacher;

    @Option(names = "--alpha", paramLabel = "A", description = "With --distil-from: the labels' share of the loss, from 0 (the teacher alone) to 1 (the labels alone) (default: " + Distillation.DEFAULT_ALPHA + ").")
    Double alpha;

    @Option(names = "--temperature", paramLabel = "T", description = "With --distil-from: how much the teacher's and the student's outputs are softened, above 0 (default: " + Distillation.DEFAULT_TEMPERATURE + ").")
    Double temperature;

    /**
     * The distillation the options ask for, checked: α and T in range, the teacher a finished run whose Output has
     * the student's classes; null when {@code --distil-from} is not given.
     */
    Distillation settings(RunRequest student, Path resume) throws CliException {
        if (teacher == null) {
            if (alpha != null || temperature != null) {
                throw refused((alpha != null ? "--alpha" : "--temperature") + " needs --distil-from RUN_DIR: it sets "
                        + "how a run distils from a teacher.");
            }
            return null;
        }
        if (resume != null) {
            throw refused("--distil-from cannot go with --resume: a resumed run goes on with the teacher its run.json "
                    + "records.");
        }
        double a = alpha == null ? Distillation.DEFAULT_ALPHA : alpha;
        double t = temperature == null ? Distillation.DEFAULT_TEMPERATURE : temperature;
        if (!(a >= 0 && a <= 1)) {
            throw refused("--alpha must be a number from 0 to 1 (the labels' share of the loss), not " + a);
        }
        if (!(t > 0 && t <= Distillation.MAX_TEMPERATURE)) {
            throw refused("--temperature must be a number above 0 and at most " + (int) Distillation.MAX_TEMPERATURE
                    + ", such as 4, not " + t);
        }
        Path runDir = teacher.toAbsolutePath().normalize();
        RunRequest taught;
        try {
            taught = Teacher.finishedRun(runDir);
        } catch (RunFailure e) {
            throw refused("--distil-from: " + e.getMessage());
        }
        Integer teacherClasses = classesOf(taught);
        Integer studentClasses = classesOf(student);
        if (teacherClasses != null && !Objects.equals(teacherClasses, studentClasses)) {
            throw refused("--distil-from: the teacher run " + runDir + " predicts " + teacherClasses + " classes but "
                    + "the student's Output has " + studentClasses + "; distillation needs a student with the "
                    + "teacher's classes.");
        }
        return new Distillation(runDir.toString(), a, t);
    }

    /** The request of a run resumed from {@code checkpoint} with the teacher its run records, if it distilled. */
    static RunRequest resumed(RunRequest request, Path checkpoint) throws CliException {
        Path runDir = checkpoint.toAbsolutePath().getParent() == null ? null
                : checkpoint.toAbsolutePath().getParent().getParent();
        if (runDir == null || !Files.isRegularFile(runDir.resolve(RunRequestJson.FILE_NAME))) {
            return request;
        }
        try {
            return request.withDistillation(new RunRequestJson().read(runDir).distillation());
        } catch (IOException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--resume: cannot read the run's settings: " + e.getMessage());
        }
    }

    private static Integer classesOf(RunRequest request) {
        return request.design().nodes().stream().filter(n -> n.kind().equals(OutputKind.ID)).findFirst()
                .map(Node::params).map(p -> p.get("units")).filter(Integer.class::isInstance).map(Integer.class::cast)
                .orElse(null);
    }

    private static CliException refused(String message) {
        return new CliException(ExitCodes.BAD_INPUT, message);
    }
}
