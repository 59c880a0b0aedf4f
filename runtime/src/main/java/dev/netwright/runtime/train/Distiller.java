package dev.netwright.runtime.train;

import dev.netwright.runtime.design.Distillation;
import dev.netwright.runtime.design.Node;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Trains a student network on one minibatch with the teacher's help: the teacher's logits for the batch go beside
 * the labels, and the student's Output trains on {@link DistillationLoss} for that step only. The network keeps its
 * own loss between steps, so that what is evaluated, checkpointed and saved is an ordinary classifier.
 */
public final class Distiller {
    private final Teacher teacher;
    private final DistillationLoss loss;
    private final String outputId;
    private final Distillation settings;

    private Distiller(Teacher teacher, Distillation settings, String outputId) {
        this.teacher = teacher;
        this.settings = settings;
        this.loss = new DistillationLoss(settings.alpha(), settings.temperature());
        this.outputId = outputId;
    }

    /**
     * The distiller of a run whose request names a teacher; the teacher is loaded and checked against the student.
     *
     * @param studentOutput  the student's Output node
     * @param studentClasses the class names of the student's data
     */
    public static Distiller of(RunRequest request, Node studentOutput, List<String> studentClasses) throws RunFailure {
        Distillation settings = request.distillation();
        Teacher teacher = Teacher.load(Path.of(settings.teacherRun()), request, studentClasses);
        return new Distiller(teacher, settings, studentOutput.id());
    }

    /** Fits {@code student} on one minibatch against the labels and the teacher's outputs. */
    public void fit(ComputationGraph student, DataSet batch) {
        INDArray labels = batch.getLabels();
        INDArray targets = Nd4j.hstack(labels, teacher.logits(batch.getFeatures()).castTo(labels.dataType()));
        DataSet withTeacher = new DataSet(batch.getFeatures(), targets, batch.getFeaturesMaskArray(),
                batch.getLabelsMaskArray());
        BaseOutputLayer output = (BaseOutputLayer) student.getLayer(outputId).conf().getLayer();
        ILossFunction own = output.getLossFn();
        output.setLossFn(loss);
        try {
            student.fit(withTeacher);
        } finally {
            output.setLossFn(own);
        }
    }

    /**
     * The loss of a student that guesses uniformly when the teacher is sure: {@code α·ln C + (1−α)·T²·ln C}, the
     * yardstick the run's divergence check holds the training loss against.
     */
    public double guessingLoss(int classes) {
        double chance = Math.log(Math.max(2, classes));
        double t = settings.temperature();
        return settings.alpha() * chance + (1 - settings.alpha()) * t * t * chance;
    }

    /** What the run does, in words, for a notice. */
    public String describe(long studentParameters) {
        return String.format(Locale.ROOT, "Distilling from the run %s (teacher: %,d parameters; student: %,d, %.0f %%): "
                + "loss = %s·cross-entropy + %s·T²·KL at temperature T = %s. The training loss is that loss; "
                + "validation and test figures are the student's own.", settings.teacherRun(),
                teacher.parameterCount(), studentParameters, 100.0 * studentParameters / teacher.parameterCount(),
                trim(settings.alpha()), trim(1 - settings.alpha()), trim(settings.temperature()));
    }

    private static String trim(double value) {
        return new BigDecimal(String.format(Locale.ROOT, "%.3g", value)).stripTrailingZeros().toPlainString();
    }
}
