package dev.netwright.runtime.train;

import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.data.DataSplit;
import dev.netwright.runtime.data.Normalisation;
import dev.netwright.runtime.design.Augmentation;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Distillation;
import dev.netwright.runtime.design.FineTuning;
import dev.netwright.runtime.design.LearningRateSchedule;

import java.util.Objects;

/**
 * Everything a run needs: the design, the data reference, the training settings, the run options and the engine
 * choices. Written into the run folder as {@code run.json} for the worker ({@link RunRequestJson}). The defaults
 * here ({@code DEFAULT_…}, {@link TrainingSettings#defaults()}, {@link EngineChoices#forDesign}) are the window's
 * and the command line's.
 *
 * @param maxTrainExamples      0 for all; otherwise the run uses only the first N training examples
 * @param maxValidationExamples 0 for all; otherwise only the first N validation examples
 * @param earlyStoppingPatience 0 for off; otherwise stop after this many epochs without a better validation loss
 * @param resumeFrom            a checkpoint zip to continue from, or null
 * @param resumeLearningRate    a new learning rate for a resumed run, or null to keep the checkpoint's
 * @param engine                the LSTM engine, oneDNN's helpers and the CPU worker's threads
 * @param lrSchedule            how the learning rate changes over the run (constant by default)
 * @param augmentation          how the run changes its training images (none by default)
 * @param split                 what the data's own test files are for: held out for the final evaluation (new runs),
 *                              or validating (run files written before the test split)
 * @param initFrom              where the run's starting weights came from ({@code --init-from}: a run folder, a design
 *                              or a model zip), for the record; null for random or the design's own weights
 * @param fineTuning            how the nodes that start from given weights train ({@link FineTuning#NONE}: as the others)
 * @param distillation          the teacher run and the loss's α and T where the run distils; null for an ordinary run
 */
public record RunRequest(Design design, String data, TrainingSettings settings, int epochs, int batchSize,
                         Normalisation normalisation, double validationFraction, int earlyStoppingPatience,
                         Backend backend, int maxTrainExamples, int maxValidationExamples,
                         String resumeFrom, Double resumeLearningRate, EngineChoices engine,
                         LearningRateSchedule lrSchedule, Augmentation augmentation, DataSplit split,
                         String initFrom, FineTuning fineTuning, Distillation distillation) {
    public static final int DEFAULT_EPOCHS = 1;
    public static final int DEFAULT_BATCH_SIZE = 64;
    public static final Normalisation DEFAULT_NORMALISATION = Normalisation.SCALE_0_1;
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;
    /** Early stopping off. */
    public static final int DEFAULT_PATIENCE = 0;
    public static final Backend DEFAULT_BACKEND = Backend.AUTO;
    /** All examples. */
    public static final int DEFAULT_EXAMPLE_LIMIT = 0;

    public RunRequest {
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(normalisation, "normalisation");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(lrSchedule, "lrSchedule");
        Objects.requireNonNull(augmentation, "augmentation");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(fineTuning, "fineTuning");
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, not " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be between 0 and 1, not " + validationFraction);
        }
        if (earlyStoppingPatience < 0 || maxTrainExamples < 0 || maxValidationExamples < 0) {
            throw new IllegalArgumentException("patience and example limits cannot be negative");
        }
        if (resumeLearningRate != null && !(resumeLearningRate > 0)) {
            throw new IllegalArgumentException("the new learning rate must be positive, not " + resumeLearningRate);
        }
    }

    /** A run that does not distil. */
    public RunRequest(Design design, String data, TrainingSettings settings, int epochs, int batchSize,
                      Normalisation normalisation, double validationFraction, int earlyStoppingPatience,
                      Backend backend, int maxTrainExamples, int maxValidationExamples,
                      String resumeFrom, Double resumeLearningRate, EngineChoices engine,
                      LearningRateSchedule lrSchedule, Augmentation augmentation, DataSplit split,
                      String initFrom, FineTuning fineTuning) {
        this(design, data, settings, epochs, batchSize, normalisation, validationFraction, earlyStoppingPatience,
                backend, maxTrainExamples, maxValidationExamples, resumeFrom, resumeLearningRate, engine, lrSchedule,
                augmentation, split, initFrom, fineTuning, null);
    }

    /** A run that starts from random weights or from the design's own. */
    public RunRequest(Design design, String data, TrainingSettings settings, int epochs, int batchSize,
                      Normalisation normalisation, double validationFraction, int earlyStoppingPatience,
                      Backend backend, int maxTrainExamples, int maxValidationExamples,
                      String resumeFrom, Double resumeLearningRate, EngineChoices engine,
                      LearningRateSchedule lrSchedule, Augmentation augmentation, DataSplit split) {
        this(design, data, settings, epochs, batchSize, normalisation, validationFraction, earlyStoppingPatience,
                backend, maxTrainExamples, maxValidationExamples, resumeFrom, resumeLearningRate, engine, lrSchedule,
                augmentation, split, null, FineTuning.NONE, null);
    }

    /** A run that treats every node alike, whatever weights it starts from. */
    public RunRequest(Design design, String data, TrainingSettings settings, int epochs, int batchSize,
                      Normalisation normalisation, double validationFraction, int earlyStoppingPatience,
                      Backend backend, int maxTrainExamples, int maxValidationExamples,
                      String resumeFrom, Double resumeLearningRate, EngineChoices engine,
                      LearningRateSchedule lrSchedule, Augmentation augmentation, DataSplit split, String initFrom) {
        this(design, data, settings, epochs, batchSize, normalisation, validationFraction, earlyStoppingPatience,
                backend, maxTrainExamples, maxValidationExamples, resumeFrom, resumeLearningRate, engine, lrSchedule,
                augmentation, split, initFrom, FineTuning.NONE, null);
    }

    /** A run with a constant learning rate. */
    public RunRequest(Design design, String data, TrainingSettings settings, int epochs, int batchSize,
                      Normalisation normalisation, double validationFraction, int earlyStoppingPatience,
                      Backend backend, int maxTrainExamples, int maxValidationExamples,
                      String resumeFrom, Double resumeLearningRate, EngineChoices engine) {
        this(design, data, settings, epochs, batchSize, normalisation, validationFraction, earlyStoppingPatience,
                backend, maxTrainExamples, maxValidationExamples, resumeFrom, resumeLearningRate, engine,
                LearningRateSchedule.constant(), Augmentation.NONE, DataSplit.HOLD_OUT_TEST, null, FineTuning.NONE, null);
    }

    /** A run without augmentation, its data's test files held out. */
    public RunRequest(Design design, String data, TrainingSettings settings, int epochs, int batchSize,
                      Normalisation normalisation, double validationFraction, int earlyStoppingPatience,
                      Backend backend, int maxTrainExamples, int maxValidationExamples,
                      String resumeFrom, Double resumeLearningRate, EngineChoices engine,
                      LearningRateSchedule lrSchedule) {
        this(design, data, settings, epochs, batchSize, normalisation, validationFraction, earlyStoppingPatience,
                backend, maxTrainExamples, maxValidationExamples, resumeFrom, resumeLearningRate, engine, lrSchedule,
                Augmentation.NONE, DataSplit.HOLD_OUT_TEST, null, FineTuning.NONE, null);
    }

    /**
     * A run of the design on the given data with default settings: 1 epoch, batch 64, inputs scaled to 0-1, the
     * engine choices for this design on this machine.
     */
    public static RunRequest of(Design design, String data) {
        return new RunRequest(design, data, TrainingSettings.defaults(), DEFAULT_EPOCHS, DEFAULT_BATCH_SIZE,
                DEFAULT_NORMALISATION, DEFAULT_VALIDATION_FRACTION, DEFAULT_PATIENCE, DEFAULT_BACKEND,
                DEFAULT_EXAMPLE_LIMIT, DEFAULT_EXAMPLE_LIMIT, null, null, EngineChoices.forDesign(design));
    }

    public RunRequest withEpochs(int value) {
        return new RunRequest(design, data, settings, value, batchSize, normalisation, validationFraction,
                earlyStoppingPatience, backend, maxTrainExamples, maxValidationExamples, resumeFrom, resumeLearningRate,
                engine, lrSchedule, augmentation, split, initFrom, fineTuning, distillation);
    }

    public RunRequest withBatchSize(int value) {
        return new RunRequest(design, data, settings, epochs, value, normalisation, validationFraction,
                earlyStoppingPatience, backend, maxTrainExamples, maxValidationExamples, resumeFrom, resumeLearningRate,
                engine, lrSchedule, augmentation, split, initFrom, fineTuning, distillation);
    }

    public RunRequest withSettings(TrainingSettings value) {
        return new RunRequest(design, data, value, epochs, batchSize, normalisation, validationFraction,
                earlyStoppingPatience, backend, maxTrainExamples, maxValidationExamples, resumeFrom, resumeLearningRate,
                engine, lrSchedule, augmentation, split, initFrom, fineTuning, distillation);
    }

    public RunRequest withEarlyStopping(int patience) {
        return new RunRequest(design, data, settings, epochs, batchSize, normalisation, validationFraction,
                patience, backend, maxTrainExamples, maxValidationExamples, resumeFrom, resumeLearningRate,
                engine, lrSchedule, augmentation, split, initFrom, fineTuning, distillation);
    }

    public RunRequest withBackend(Backend value) {
        return new RunRequest(design, data, settings, epochs, batchSize, normalisation, validationFraction,
                earlyStoppingPatience, value, maxTrainExamples, maxValidationExamples, resumeFrom, resumeLearningRate,
                engine, lrSchedule, augmentation, split, initFrom, fineTuning, distillation);
    }

    public RunRequest withLimits(int train, int validation) {
        return new RunRequest(design, data, settings, epochs, batchSize, normalisation, validationFraction,
                earlyStoppingPatience, backend, train, validation, resumeFrom, resumeLearningRate,
                engine, lrSchedule, augmentation, split, initFrom, fineTuning, distillation);
    }

    public RunRequest resumingFrom(String checkpoint, Double newLearningRate) {
        return new RunRequest(design, data, settings, epochs, batchSize, normalisation, validationFraction,
                earlyStoppingPatience, backend, maxTrainExamples, maxValidationExamples, checkpoint, newLearningRate,
                engine, lrSchedule, augmentation, split, initFrom, fineTuning, distillation);
    }

    public RunRequest withEngine(EngineChoices value) {
        return new RunRequest(design, data, settings, epochs, batchSize, normalisation, validationFraction,
                earlyStoppingPatience, backend, maxTrainExamples, maxValidationExamples, resumeFrom, resumeLearningRate,
                value, lrSchedule, augmentation, split, initFrom, fineTuning, distillation);
    }

    public RunRequest withLrSchedule(LearningRateSchedule value) {
        return new RunRequest(design, data, settings, epochs, batchSize, normalisation, validationFraction,
                earlyStoppingPatience, backend, maxTrainExamples, maxValidationExamples, resumeFrom, resumeLearningRate,
                engine, value, augmentation, split, initFrom, fineTuning, distillation);
    }

    public RunRequest withAugmentation(Augmentation value) {
        return new RunRequest(design, data, settings, epochs, batchSize, normalisation, validationFraction,
                earlyStoppingPatience, backend, maxTrainExamples, maxValidationExamples, resumeFrom, resumeLearningRate,
                engine, lrSchedule, value, split, initFrom, fineTuning, distillation);
    }

    public RunRequest withSplit(DataSplit value) {
        return new RunRequest(design, data, settings, epochs, batchSize, normalisation, validationFraction,
                earlyStoppingPatience, backend, maxTrainExamples, maxValidationExamples, resumeFrom, resumeLearningRate,
                engine, lrSchedule, augmentation, value, initFrom, fineTuning, distillation);
    }

    /** The run with {@code design} (its starting weights, its frozen nodes), recording where the weights came from. */
    public RunRequest initialisedFrom(Design value, String source) {
        return new RunRequest(value, data, settings, epochs, batchSize, normalisation, validationFraction,
                earlyStoppingPatience, backend, maxTrainExamples, maxValidationExamples, resumeFrom, resumeLearningRate,
                engine, lrSchedule, augmentation, split, source, fineTuning, distillation);
    }

    public RunRequest withFineTuning(FineTuning value) {
        return new RunRequest(design, data, settings, epochs, batchSize, normalisation, validationFraction,
                earlyStoppingPatience, backend, maxTrainExamples, maxValidationExamples, resumeFrom, resumeLearningRate,
                engine, lrSchedule, augmentation, split, initFrom, value, distillation);
    }

    /** The run distilling from a teacher as {@code value} says; null for an ordinary run. */
    public RunRequest withDistillation(Distillation value) {
        return new RunRequest(design, data, settings, epochs, batchSize, normalisation, validationFraction,
                earlyStoppingPatience, backend, maxTrainExamples, maxValidationExamples, resumeFrom, resumeLearningRate,
                engine, lrSchedule, augmentation, split, initFrom, fineTuning, value);
    }
}
