package dev.netwright.runtime.design;

import java.util.List;
import java.util.Objects;

/**
 * How the user means to train a design, saved with it: the training form's values (optimizer, learning rate and its
 * schedule, the image augmentation, batch size, epochs, L2, the dropout override, early stopping, seed, backend and
 * example limits). The design package sits below the compiler and the runs, so the optimizer and the backend are held by their names
 * ({@link #OPTIMIZERS}, {@link #BACKENDS}: the names of {@code TrainingSettings.Optimizer} and {@code train.Backend},
 * which a test holds equal); {@code train.TrainingPlans} turns a plan into a run's values and gives the defaults.
 *
 * @param dropoutOverride whether a run sets every Dropout layer's rate to {@code dropoutRate} (in its own copy)
 * @param patience        0 for no early stopping
 * @param maxTrainExamples      0 for all
 * @param maxValidationExamples 0 for all
 * @param lrSchedule            how the learning rate changes over a run (constant: it does not)
 * @param augmentation          how a run changes its training images ({@link Augmentation#NONE}: it does not)
 * @param fineTuning            how a run treats the nodes that start from trained weights ({@link FineTuning#NONE}:
 *                              as the others)
 * @param distillation          the teacher run and the loss's α and T where a run distils; null for none
 */
public record TrainingPlan(String optimizer, double learningRate, int batchSize, int epochs, double l2,
                           boolean dropoutOverride, double dropoutRate, int patience, long seed, String backend,
                           int maxTrainExamples, int maxValidationExamples, LearningRateSchedule lrSchedule,
                           Augmentation augmentation, FineTuning fineTuning, Distillation distillation) {
    /** The optimizers' names, as {@code TrainingSettings.Optimizer} spells them. */
    public static final List<String> OPTIMIZERS = List.of("ADAM", "SGD", "NESTEROV", "RMSPROP");
    /** The backends' names, as {@code train.Backend} spells them. */
    public static final List<String> BACKENDS = List.of("AUTO", "CPU", "GPU");
    /** The highest rate the dropout override takes. */
    public static final double MAX_DROPOUT_RATE = 0.95;
    /** The largest values the training form takes (its spinners' ranges): a file with more is refused, not cut. */
    public static final int MAX_BATCH_SIZE = 4096;
    public static final int MAX_EPOCHS = 10_000;
    public static final int MAX_PATIENCE = 1000;
    public static final int MAX_EXAMPLES = 10_000_000;

    /** Checks every value; a wrong one is an {@link IllegalArgumentException} naming the field as the file does. */
    public TrainingPlan {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(lrSchedule, "lrSchedule");
        Objects.requireNonNull(augmentation, "augmentation");
        Objects.requireNonNull(fineTuning, "fineTuning");
        if (!OPTIMIZERS.contains(optimizer)) {
            throw new IllegalArgumentException("'optimizer' must be one of " + lower(OPTIMIZERS) + ", not "
                    + Quote.text(optimizer));
        }
        if (!BACKENDS.contains(backend)) {
            throw new IllegalArgumentException("'backend' must be one of " + lower(BACKENDS) + ", not " + Quote.text(backend));
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("'learningRate' must be a number above 0, not " + learningRate);
        }
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("'l2' must be a number of 0 or more, not " + l2);
        }
        if (!(dropoutRate >= 0 && dropoutRate <= MAX_DROPOUT_RATE)) {
            throw new IllegalArgumentException("'dropoutRate' must be between 0 and " + MAX_DROPOUT_RATE + ", not " + dropoutRate);
        }
        between("batchSize", batchSize, 1, MAX_BATCH_SIZE);
        between("epochs", epochs, 1, MAX_EPOCHS);
        between("patience", patience, 0, MAX_PATIENCE);
        between("maxTrainExamples", maxTrainExamples, 0, MAX_EXAMPLES);
        between("maxValidationExamples", maxValidationExamples, 0, MAX_EXAMPLES);
    }

    /** A plan that does not distil. */
    public TrainingPlan(String optimizer, double learningRate, int batchSize, int epochs, double l2,
                        boolean dropoutOverride, double dropoutRate, int patience, long seed, String backend,
                        int maxTrainExamples, int maxValidationExamples, LearningRateSchedule lrSchedule,
                        Augmentation augmentation, FineTuning fineTuning) {
        this(optimizer, learningRate, batchSize, epochs, l2, dropoutOverride, dropoutRate, patience, seed, backend,
                maxTrainExamples, maxValidationExamples, lrSchedule, augmentation, fineTuning, null);
    }

    /** A plan without fine-tuning settings. */
    public TrainingPlan(String optimizer, double learningRate, int batchSize, int epochs, double l2,
                        boolean dropoutOverride, double dropoutRate, int patience, long seed, String backend,
                        int maxTrainExamples, int maxValidationExamples, LearningRateSchedule lrSchedule,
                        Augmentation augmentation) {
        this(optimizer, learningRate, batchSize, epochs, l2, dropoutOverride, dropoutRate, patience, seed, backend,
                maxTrainExamples, maxValidationExamples, lrSchedule, augmentation, FineTuning.NONE);
    }

    /** A plan with a constant learning rate and no augmentation. */
    public TrainingPlan(String optimizer, double learningRate, int batchSize, int epochs, double l2,
                        boolean dropoutOverride, double dropoutRate, int patience, long seed, String backend,
                        int maxTrainExamples, int maxValidationExamples) {
        this(optimizer, learningRate, batchSize, epochs, l2, dropoutOverride, dropoutRate, patience, seed, backend,
                maxTrainExamples, maxValidationExamples, LearningRateSchedule.constant());
    }

    /** A plan without augmentation. */
    public TrainingPlan(String optimizer, double learningRate, int batchSize, int epochs, double l2,
                        boolean dropoutOverride, double dropoutRate, int patience, long seed, String backend,
                        int maxTrainExamples, int maxValidationExamples, LearningRateSchedule lrSchedule) {
        this(optimizer, learningRate, batchSize, epochs, l2, dropoutOverride, dropoutRate, patience, seed, backend,
                maxTrainExamples, maxValidationExamples, lrSchedule, Augmentation.NONE);
    }

    private static void between(String field, int value, int least, int most) {
        if (value < least || value > most) {
            throw new IllegalArgumentException("'" + field + "' must be a whole number from " + least + " to " + most
                    + ", not " + value);
        }
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(java.util.Locale.ROOT)).toList();
    }

    public TrainingPlan withOptimizer(String value) {
        return new TrainingPlan(value, learningRate, batchSize, epochs, l2, dropoutOverride, dropoutRate, patience, seed,
                backend, maxTrainExamples, maxValidationExamples, lrSchedule, augmentation, fineTuning, distillation);
    }

    public TrainingPlan withLearningRate(double value) {
        return new TrainingPlan(optimizer, value, batchSize, epochs, l2, dropoutOverride, dropoutRate, patience, seed,
                backend, maxTrainExamples, maxValidationExamples, lrSchedule, augmentation, fineTuning, distillation);
    }

    public TrainingPlan withBatchSize(int value) {
        return new TrainingPlan(optimizer, learningRate, value, epochs, l2, dropoutOverride, dropoutRate, patience, seed,
                backend, maxTrainExamples, maxValidationExamples, lrSchedule, augmentation, fineTuning, distillation);
    }

    public TrainingPlan withEpochs(int value) {
        return new TrainingPlan(optimizer, learningRate, batchSize, value, l2, dropoutOverride, dropoutRate, patience, seed,
                backend, maxTrainExamples, maxValidationExamples, lrSchedule, augmentation, fineTuning, distillation);
    }

    public TrainingPlan withL2(double value) {
        return new TrainingPlan(optimizer, learningRate, batchSize, epochs, value, dropoutOverride, dropoutRate, patience,
                seed, backend, maxTrainExamples, maxValidationExamples, lrSchedule, augmentation, fineTuning, distillation);
    }

    public TrainingPlan withDropout(boolean override, double rate) {
        return new TrainingPlan(optimizer, learningRate, batchSize, epochs, l2, override, rate, patience, seed,
                backend, maxTrainExamples, maxValidationExamples, lrSchedule, augmentation, fineTuning, distillation);
    }

    public TrainingPlan withPatience(int value) {
        return new TrainingPlan(optimizer, learningRate, batchSize, epochs, l2, dropoutOverride, dropoutRate, value, seed,
                backend, maxTrainExamples, maxValidationExamples, lrSchedule, augmentation, fineTuning, distillation);
    }

    public TrainingPlan withSeed(long value) {
        return new TrainingPlan(optimizer, learningRate, batchSize, epochs, l2, dropoutOverride, dropoutRate, patience,
                value, backend, maxTrainExamples, maxValidationExamples, lrSchedule, augmentation, fineTuning, distillation);
    }

    public TrainingPlan withBackend(String value) {
        return new TrainingPlan(optimizer, learningRate, batchSize, epochs, l2, dropoutOverride, dropoutRate, patience,
                seed, value, maxTrainExamples, maxValidationExamples, lrSchedule, augmentation, fineTuning, distillation);
    }

    public TrainingPlan withLimits(int train, int validation) {
        return new TrainingPlan(optimizer, learningRate, batchSize, epochs, l2, dropoutOverride, dropoutRate, patience,
                seed, backend, train, validation, lrSchedule, augmentation, fineTuning, distillation);
    }

    public TrainingPlan withLrSchedule(LearningRateSchedule value) {
        return new TrainingPlan(optimizer, learningRate, batchSize, epochs, l2, dropoutOverride, dropoutRate, patience,
                seed, backend, maxTrainExamples, maxValidationExamples, value, augmentation, fineTuning, distillation);
    }

    public TrainingPlan withAugmentation(Augmentation value) {
        return new TrainingPlan(optimizer, learningRate, batchSize, epochs, l2, dropoutOverride, dropoutRate, patience,
                seed, backend, maxTrainExamples, maxValidationExamples, lrSchedule, value, fineTuning, distillation);
    }

    public TrainingPlan withFineTuning(FineTuning value) {
        return new TrainingPlan(optimizer, learningRate, batchSize, epochs, l2, dropoutOverride, dropoutRate, patience,
                seed, backend, maxTrainExamples, maxValidationExamples, lrSchedule, augmentation, value, distillation);
    }

    /** The plan distilling as {@code value} says; null for none. */
    public TrainingPlan withDistillation(Distillation value) {
        return new TrainingPlan(optimizer, learningRate, batchSize, epochs, l2, dropoutOverride, dropoutRate, patience,
                seed, backend, maxTrainExamples, maxValidationExamples, lrSchedule, augmentation, fineTuning, value);
    }
}
