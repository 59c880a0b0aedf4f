package dev.netwright.runtime.design;

/**
 * How a run that starts from trained weights treats the nodes that have them ("pretrained"), as against the nodes
 * that start from random weights (a replaced head): a lower learning rate for the pretrained ones, and a schedule that
 * keeps them frozen at first and lets them train later, all at once ({@code headFirstEpochs}) or one node at a time
 * from the output backwards ({@code unfreezeEvery}).
 *
 * @param pretrainedRateFactor the pretrained nodes' learning-rate factor, times each node's own; 1 leaves them alone
 * @param headFirstEpochs      0 for none; otherwise only the nodes without pretrained weights train for this many
 *                             epochs, then the pretrained ones join
 * @param unfreezeEvery        0 for none; otherwise the pretrained nodes join one at a time, from the output
 *                             backwards, one every this many epochs (the first after {@code headFirstEpochs}, or after
 *                             this many epochs when there is no head-first phase)
 */
public record FineTuning(double pretrainedRateFactor, int headFirstEpochs, int unfreezeEvery) {
    /** Pretrained nodes train as the others do, from the first epoch. */
    public static final FineTuning NONE = new FineTuning(1.0, 0, 0);

    /** Checks every value; a wrong one is an {@link IllegalArgumentException} naming the field as the files do. */
    public FineTuning {
        if (!(pretrainedRateFactor > 0) || !Double.isFinite(pretrainedRateFactor)) {
            throw new IllegalArgumentException("'pretrainedRateFactor' must be a number above 0, not "
                    + pretrainedRateFactor);
        }
        if (headFirstEpochs < 0 || headFirstEpochs > TrainingPlan.MAX_EPOCHS) {
            throw new IllegalArgumentException("'headFirstEpochs' must be a whole number from 0 to "
                    + TrainingPlan.MAX_EPOCHS + ", not " + headFirstEpochs);
        }
        if (unfreezeEvery < 0 || unfreezeEvery > TrainingPlan.MAX_EPOCHS) {
            throw new IllegalArgumentException("'unfreezeEvery' must be a whole number from 0 to "
                    + TrainingPlan.MAX_EPOCHS + ", not " + unfreezeEvery);
        }
    }

    public boolean isNone() {
        return equals(NONE);
    }

    /** Whether the pretrained nodes start frozen and join later. */
    public boolean changesFrozenNodes() {
        return headFirstEpochs > 0 || unfreezeEvery > 0;
    }

    /** The first epoch in which pretrained nodes train (1 when they train from the start). */
    public int firstUnfreezingEpoch() {
        if (headFirstEpochs > 0) {
            return headFirstEpochs + 1;
        }
        return unfreezeEvery > 0 ? unfreezeEvery + 1 : 1;
    }

    public FineTuning withPretrainedRateFactor(double value) {
        return new FineTuning(value, headFirstEpochs, unfreezeEvery);
    }

    public FineTuning withHeadFirstEpochs(int value) {
        return new FineTuning(pretrainedRateFactor, value, unfreezeEvery);
    }

    public FineTuning withUnfreezeEvery(int value) {
        return new FineTuning(pretrainedRateFactor, headFirstEpochs, value);
    }
}
