package dev.netwright.runtime.train;

import dev.netwright.runtime.design.Distillation;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Knowledge distillation's loss on a softmax output (Hinton et al. 2015): per example
 * {@code α·CE(y, softmax(z)) + (1−α)·T²·KL(softmax(t/T) ‖ softmax(z/T))}, where {@code z} are the student's logits
 * (the Output layer's pre-activation), {@code y} the one-hot labels and {@code t} the teacher's logits.
 *
 * <p>The labels carry both targets side by side: {@code [y | t]}, twice the classes wide. Labels only as wide as the
 * classes are the ordinary ones, and the loss is then plain cross-entropy (as α = 1), so a network that holds this
 * loss still scores an ordinary data set correctly. The gradient with respect to {@code z} is
 * {@code α·(softmax(z)·Σy − y) + (1−α)·T·(softmax(z/T) − softmax(t/T))}; it needs the softmax activation, which the
 * Output of a classifier has.
 */
public final class DistillationLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;

    private final double alpha;
    private final double temperature;

    /** @throws IllegalArgumentException for α outside [0, 1] or a temperature that is not above 0 */
    public DistillationLoss(double alpha, double temperature) {
        Distillation.requireValid(alpha, temperature);
        this.alpha = alpha;
        this.temperature = temperature;
    }

    public double alpha() {
        return alpha;
    }

    public double temperature() {
        return temperature;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        requireSoftmax(activationFn);
        Targets targets = Targets.of(labels, preOutput);
        INDArray logQ = logSoftmax(preOutput);
        // cross-entropy with the labels, per example
        INDArray score = targets.hard.mul(logQ).sum(true, 1).negi().muli(targets.hardWeight(alpha));
        if (targets.soft != null && alpha < 1) {
            INDArray logP = logSoftmax(targets.soft.div(temperature));
            INDArray logQt = logSoftmax(preOutput.div(temperature));
            INDArray kl = Transforms.exp(logP, true).muli(logP.sub(logQt)).sum(true, 1);
            score.addi(kl.muli((1 - alpha) * temperature * temperature));
        }
        return masked(score, mask);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        requireSoftmax(activationFn);
        Targets targets = Targets.of(labels, preOutput);
        INDArray q = Transforms.exp(logSoftmax(preOutput), false);
        double hardWeight = targets.hardWeight(alpha);
        // d CE / dz = softmax(z)·Σy − y (Σy = 1 for one-hot labels)
        INDArray gradient = q.mulColumnVector(targets.hard.sum(true, 1)).subi(targets.hard).muli(hardWeight);
        if (targets.soft != null && alpha < 1) {
            INDArray p = Transforms.exp(logSoftmax(targets.soft.div(temperature)), false);
            INDArray qt = Transforms.exp(logSoftmax(preOutput.div(temperature)), false);
            gradient.addi(qt.subi(p).muli((1 - alpha) * temperature));
        }
        if (mask != null) {
            gradient.muliColumnVector(mask.reshape(mask.size(0), 1).castTo(gradient.dataType()));
        }
        return gradient;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public String toString() {
        return "DistillationLoss(alpha=" + alpha + ", temperature=" + temperature + ")";
    }

    /** log softmax along each row, shifted by the row's largest value so that exp never overflows. */
    static INDArray logSoftmax(INDArray logits) {
        INDArray shifted = logits.subColumnVector(logits.max(true, 1));
        INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        return shifted.subiColumnVector(logSum);
    }

    private static INDArray masked(INDArray scores, INDArray mask) {
        return mask == null ? scores : scores.muli(mask.reshape(mask.size(0), 1).castTo(scores.dataType()));
    }

    private static void requireSoftmax(IActivation activation) {
        if (!(activation instanceof ActivationSoftmax)) {
            throw new IllegalStateException("Distillation needs a softmax Output, not " + activation);
        }
    }

    /** The labels split into the one-hot part and, where present, the teacher's logits. */
    private record Targets(INDArray hard, INDArray soft) {
        static Targets of(INDArray labels, INDArray preOutput) {
            long classes = preOutput.size(1);
            INDArray asType = labels.castTo(preOutput.dataType());
            if (labels.size(1) == classes) {
                return new Targets(asType, null);
            }
            if (labels.size(1) != 2 * classes) {
                throw new IllegalArgumentException("Distillation labels must be " + classes + " (labels) or "
                        + 2 * classes + " (labels and the teacher's logits) wide, not " + labels.size(1));
            }
            return new Targets(asType.get(NDArrayIndex.all(), NDArrayIndex.interval(0, classes)),
                    asType.get(NDArrayIndex.all(), NDArrayIndex.interval(classes, 2 * classes)));
        }

        /** The cross-entropy's weight: α with the teacher's targets, 1 without them. */
        double hardWeight(double alpha) {
            return soft == null ? 1 : alpha;
        }
    }
}
