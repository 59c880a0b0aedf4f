package dev.netwright.runtime.train;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Distillation;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Distillation runs in this JVM: a teacher trained for one epoch on 8×8 images of 3 classes, and students that learn
 * from it, or are refused with a message when the teacher cannot teach them.
 */
class DistillationSessionTest {
    @TempDir
    static Path shared;
    static Path idx;
    static Path teacher;

    @TempDir
    Path runDir;

    @BeforeAll
    static void trainTheTeacher() throws Exception {
        idx = SyntheticIdx.write(shared.resolve("idx"), 64, 16);
        teacher = shared.resolve("teacher");
        Design design = TestDesigns.start().image(8, 8, 1).then("flat", "Flatten").then("dense1", "Dense", "units", 16)
                .then("output", "Output", "units", 3).build();
        TrainingEvent end = new TrainingSession(request(design, "idx:" + idx), teacher, new RecordingListener()).run();
        assertThat(end).isInstanceOf(TrainingEvent.Finished.class);
    }

    private static Design student(int classes) {
        return TestDesigns.start().image(8, 8, 1).then("flat", "Flatten").then("output", "Output", "units", classes)
                .build();
    }

    private static RunRequest request(Design design, String data) {
        return RunRequest.of(design, data).withBatchSize(32).withEpochs(1)
                .withSettings(TrainingSettings.defaults().withLearningRate(0.01).withSeed(3));
    }

    private static RunRequest distilling(Design student, String data, Path from) {
        return request(student, data).withDistillation(new Distillation(from.toString(), 0.5, 4));
    }

    @Test
    void aStudentTrainsAgainstTheTeacherAndIsSavedAsAnOrdinaryClassifier() throws Exception {
        RecordingListener events = new RecordingListener();
        TrainingEvent end = new TrainingSession(distilling(student(3), "idx:" + idx, teacher), runDir, events).run();

        assertThat(end).isInstanceOf(TrainingEvent.Finished.class);
        assertThat(events.of(TrainingEvent.Notice.class)).anySatisfy(n -> assertThat(n.message())
                .startsWith("Distilling from the run " + teacher).contains("0.5·cross-entropy + 0.5·T²·KL")
                .contains("T = 4"));
        assertThat(events.of(TrainingEvent.Iteration.class)).isNotEmpty()
                .allSatisfy(i -> assertThat(i.loss()).isFinite().isPositive());
        assertThat(events.of(TrainingEvent.Evaluation.class)).hasSize(1);
        // run.json records the teacher; the saved model trains on plain cross-entropy, as any classifier
        assertThat(new RunRequestJson().read(runDir).distillation())
                .isEqualTo(new Distillation(teacher.toString(), 0.5, 4));
        String configuration = ModelZip.read(runDir.resolve(RunFolder.MODEL), false).getConfiguration().toJson();
        assertThat(configuration).contains("LossMCXENT").doesNotContain("Distillation");
    }

    @Test
    void theTeachersLogitsAreItsModelsOutputBeforeTheSoftmax() throws Exception {
        List<String> classes = ((TrainingEvent.Evaluation) TrainingEvents.fromJsonLine(
                Files.readString(teacher.resolve(RunFolder.EVALUATION)).strip())).classNames();
        Teacher loaded = Teacher.load(teacher, request(student(3), "idx:" + idx), classes);
        ComputationGraph model = ModelZip.read(teacher.resolve(RunFolder.MODEL), false);
        INDArray features = Nd4j.rand(DataType.FLOAT, 5, 1, 8, 8);

        INDArray logits = loaded.logits(features);
        INDArray probabilities = model.outputSingle(false, features);

        INDArray softmax = Transforms.softmax(logits, true);
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 3; k++) {
                assertThat(softmax.getDouble(i, k)).isCloseTo(probabilities.getDouble(i, k), within(1e-6));
            }
        }
        assertThat(loaded.parameterCount()).isEqualTo(model.numParams());
    }

    @Test
    void aFolderThatIsNoRunIsRefused() throws Exception {
        Path empty = Files.createDirectories(shared.resolve("empty"));
        TrainingEvent end = new TrainingSession(distilling(student(3), "idx:" + idx, empty), runDir,
                new RecordingListener()).run();

        assertThat(end).isInstanceOf(TrainingEvent.Failed.class);
        assertThat(((TrainingEvent.Failed) end).reason()).contains(empty.toString())
                .contains("is no run folder (it has no run.json)").contains("Nothing was trained");
    }

    @Test
    void aTeacherThatDidNotFinishIsRefused() throws Exception {
        Path stopped = shared.resolve("stopped");
        Files.createDirectories(stopped);
        for (String name : new String[]{RunRequestJson.FILE_NAME, RunFolder.MODEL}) {
            Files.copy(teacher.resolve(name), stopped.resolve(name));
        }
        TrainingEvent end = new TrainingSession(distilling(student(3), "idx:" + idx, stopped), runDir,
                new RecordingListener()).run();

        assertThat(((TrainingEvent.Failed) end).reason()).contains("has not finished (it has no evaluation.json)")
                .contains("Name a run that trained to its end");
    }

    @Test
    void aStudentWithOtherClassesIsRefused() {
        TrainingEvent end = new TrainingSession(distilling(student(2), "idx:" + idx + "#classes=0,1", teacher), runDir,
                new RecordingListener()).run();

        assertThat(((TrainingEvent.Failed) end).reason())
                .contains("The student's Output 'output' has 2 classes but the teacher run")
                .contains("predicts 3");
    }

    @Test
    void aStudentWhoseDataHasOtherClassNamesIsRefused() throws Exception {
        Path twoClassTeacher = shared.resolve("two-classes");
        TrainingEvent trained = new TrainingSession(request(student(2), "idx:" + idx + "#classes=0,1"), twoClassTeacher,
                new RecordingListener()).run();
        assertThat(trained).isInstanceOf(TrainingEvent.Finished.class);

        TrainingEvent end = new TrainingSession(distilling(student(2), "idx:" + idx + "#classes=1,2", twoClassTeacher),
                runDir, new RecordingListener()).run();

        assertThat(((TrainingEvent.Failed) end).reason()).contains("The student's data has the classes")
                .contains("distillation needs the same classes in the same order");
    }
}
