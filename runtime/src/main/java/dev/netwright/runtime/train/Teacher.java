package dev.netwright.runtime.train;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.InputKind;
import dev.netwright.runtime.layers.kinds.OutputKind;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A finished run's model as the teacher of a distillation run, held in the worker only: its logits (the Output's
 * values before the softmax) for a minibatch, in inference mode. Loading it checks that it can teach the student: a
 * run that trained to its end, on the same classes, with the same input shape and normalisation.
 */
public final class Teacher {
    private final ComputationGraph logits;
    private final RunRequest ran;

    private Teacher(ComputationGraph logits, RunRequest ran) {
        this.logits = logits;
        this.ran = ran;
    }

    /** The teacher's logits for a minibatch of features as the student's run prepares them. */
    public INDArray logits(INDArray features) {
        return logits.outputSingle(false, features);
    }

    /** The parameter count of the teacher's network. */
    public long parameterCount() {
        return logits.numParams();
    }

    /** The teacher's run settings, as its run.json records them. */
    public RunRequest ran() {
        return ran;
    }

    /**
     * Reads the teacher run in {@code runDir} and checks it against the student's run.
     *
     * @param student        the student's run
     * @param studentClasses the class names of the student's data
     * @throws RunFailure naming the folder and what is wrong with it as a teacher
     */
    public static Teacher load(Path runDir, RunRequest student, List<String> studentClasses) throws RunFailure {
        RunRequest ran = finishedRun(runDir);
        Node teacherOutput = outputOf(ran.design(), runDir);
        Node studentOutput = outputOf(student.design(), null);
        int teacherUnits = (Integer) teacherOutput.params().get("units");
        int studentUnits = (Integer) studentOutput.params().get("units");
        if (teacherUnits != studentUnits) {
            throw new RunFailure("The student's Output '" + studentOutput.id() + "' has " + studentUnits
                    + " classes but the teacher run " + runDir + " predicts " + teacherUnits + "; distillation needs a "
                    + "student with the teacher's classes. Nothing was trained.");
        }
        List<String> teacherClasses = classesOf(runDir);
        if (!teacherClasses.equals(studentClasses)) {
            throw new RunFailure("The student's data has the classes " + studentClasses + " but the teacher run "
                    + runDir + " was trained on " + teacherClasses + "; distillation needs the same classes in the "
                    + "same order. Nothing was trained.");
        }
        Shape teacherInput = InputKind.shapeOf(ran.design()).orElse(null);
        Shape studentInput = InputKind.shapeOf(student.design()).orElse(null);
        if (teacherInput == null || !teacherInput.equals(studentInput)) {
            throw new RunFailure("The teacher run " + runDir + " reads inputs of shape " + teacherInput
                    + " but the student reads " + studentInput + "; distillation feeds both the same minibatch. "
                    + "Nothing was trained.");
        }
        if (ran.normalisation() != student.normalisation()) {
            throw new RunFailure("The teacher run " + runDir + " was trained on inputs normalised as "
                    + ran.normalisation() + " but the student's are " + student.normalisation()
                    + "; train the student with the teacher's normalisation. Nothing was trained.");
        }
        ComputationGraph model;
        try {
            model = ModelZip.read(new RunFolder(runDir).model(), false);
        } catch (ModelFileException e) {
            throw new RunFailure("The teacher run's model " + new RunFolder(runDir).model() + " cannot be read: "
                    + e.getMessage() + ". Nothing was trained.");
        }
        return new Teacher(withoutSoftmax(model, teacherOutput.id(), runDir), ran);
    }

    /**
     * The settings of the run in {@code runDir}, refused unless it trained to its end (its model and evaluation are
     * there): a quick check that reads no model, for the command line to refuse a wrong teacher before a run starts.
     */
    public static RunRequest finishedRun(Path runDir) throws RunFailure {
        if (!Files.isDirectory(runDir)) {
            throw new RunFailure("The teacher run folder " + runDir + " does not exist. Name the folder of a finished "
                    + "run. Nothing was trained.");
        }
        if (!Files.isRegularFile(runDir.resolve(RunRequestJson.FILE_NAME))) {
            throw new RunFailure("The teacher folder " + runDir + " is no run folder (it has no "
                    + RunRequestJson.FILE_NAME + "). Name the folder of a finished run. Nothing was trained.");
        }
        RunFolder folder = new RunFolder(runDir);
        if (!Files.isRegularFile(folder.model()) || !Files.isRegularFile(folder.evaluation())) {
            throw new RunFailure("The teacher run " + runDir + " has not finished (it has no "
                    + (Files.isRegularFile(folder.model()) ? RunFolder.EVALUATION : RunFolder.MODEL)
                    + "): it stopped, failed or is still training. Name a run that trained to its end. "
                    + "Nothing was trained.");
        }
        try {
            return new RunRequestJson().read(runDir);
        } catch (IOException e) {
            throw new RunFailure("The teacher run's settings cannot be read: " + e.getMessage() + ". Nothing was trained.");
        }
    }

    private static List<String> classesOf(Path runDir) throws RunFailure {
        Path file = new RunFolder(runDir).evaluation();
        try {
            TrainingEvent event = TrainingEvents.fromJsonLine(Files.readString(file).strip());
            if (event instanceof TrainingEvent.Evaluation evaluation && evaluation.classNames() != null) {
                return evaluation.classNames();
            }
            throw new RunFailure(file + " holds no evaluation with class names. Nothing was trained.");
        } catch (IOException | IllegalArgumentException e) {
            throw new RunFailure("The teacher run's evaluation " + file + " cannot be read (" + e.getMessage()
                    + "). Nothing was trained.");
        }
    }

    private static Node outputOf(Design design, Path runDir) throws RunFailure {
        List<Node> outputs = design.nodes().stream().filter(n -> n.kind().equals(OutputKind.ID)).toList();
        String whose = runDir == null ? "The student" : "The teacher run " + runDir;
        if (outputs.size() != 1) {
            throw new RunFailure(whose + " has " + outputs.size() + " Output nodes; distillation needs exactly one. "
                    + "Nothing was trained.");
        }
        Node output = outputs.get(0);
        if (!OutputKind.SOFTMAX.equals(output.params().get("loss"))) {
            throw new RunFailure(whose + "'s Output '" + output.id() + "' is no softmax classifier; distillation "
                    + "needs softmax + cross-entropy in both. Nothing was trained.");
        }
        return output;
    }

    /** The same network and parameters, its Output giving logits rather than probabilities. */
    private static ComputationGraph withoutSoftmax(ComputationGraph model, String outputId, Path runDir)
            throws RunFailure {
        ComputationGraphConfiguration configuration = model.getConfiguration().clone();
        if (!(configuration.getVertices().get(outputId) instanceof LayerVertex vertex)
                || !(vertex.getLayerConf().getLayer() instanceof BaseOutputLayer output)) {
            throw new RunFailure("The teacher run's model " + new RunFolder(runDir).model() + " has no output layer '"
                    + outputId + "' as its design says. Nothing was trained.");
        }
        output.setActivationFn(new ActivationIdentity());
        ComputationGraph logits = new ComputationGraph(configuration);
        logits.init(model.params(), false);
        return logits;
    }
}
