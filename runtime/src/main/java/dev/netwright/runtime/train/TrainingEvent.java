package dev.netwright.runtime.train;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import dev.netwright.runtime.data.TrainValidation;

import java.util.List;
import java.util.Map;

/**
 * What a training run reports, as immutable records. Each has a JSON-lines form
 * ({@link TrainingEvents#toJsonLine}) with a {@code type} field; the worker writes one per line on stdout.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TrainingEvent.RunStarted.class, name = "started"),
        @JsonSubTypes.Type(value = TrainingEvent.Iteration.class, name = "iteration"),
        @JsonSubTypes.Type(value = TrainingEvent.EpochEnd.class, name = "epoch"),
        @JsonSubTypes.Type(value = TrainingEvent.Checkpoint.class, name = "checkpoint"),
        @JsonSubTypes.Type(value = TrainingEvent.Paused.class, name = "paused"),
        @JsonSubTypes.Type(value = TrainingEvent.Resumed.class, name = "resumed"),
        @JsonSubTypes.Type(value = TrainingEvent.Evaluation.class, name = "evaluation"),
        @JsonSubTypes.Type(value = TrainingEvent.Finished.class, name = "finished"),
        @JsonSubTypes.Type(value = TrainingEvent.Stopped.class, name = "stopped"),
        @JsonSubTypes.Type(value = TrainingEvent.Failed.class, name = "failed"),
        @JsonSubTypes.Type(value = TrainingEvent.Notice.class, name = "notice"),
        @JsonSubTypes.Type(value = TrainingEvent.Signals.class, name = "signals"),
        @JsonSubTypes.Type(value = TrainingEvent.Finding.class, name = "finding"),
        @JsonSubTypes.Type(value = TrainingEvent.ClassCounts.class, name = "class-counts"),
        @JsonSubTypes.Type(value = TrainingEvent.EpochDetail.class, name = "epoch-detail")
})
public sealed interface TrainingEvent {

    /** Whether the run is over after this event. */
    default boolean isTerminal() {
        return false;
    }

    /** The run began: where it runs and how much it will see per epoch. */
    record RunStarted(String backend, String device, long parameters, int samplesPerEpoch, int validationSamples,
                      int firstEpoch, int epochs, int batchSize, String data) implements TrainingEvent {
    }

    /**
     * What the run is doing before it can report progress (reading the data, building the network), or a problem it
     * met and went on after (a checkpoint that could not be written); for the status line and the command line.
     */
    record Notice(String message) implements TrainingEvent {
    }

    /** One minibatch was trained. Epochs count from 1, iterations from 1 over the whole run. */
    record Iteration(int epoch, long iteration, double loss, double learningRate, double samplesPerSecond)
            implements TrainingEvent {
    }

    /** An epoch finished and was validated. */
    record EpochEnd(int epoch, long iteration, double trainLoss, double trainAccuracy, double validationLoss,
                    double validationAccuracy, double seconds) implements TrainingEvent {
    }

    /**
     * How many training examples each class has ({@code train[k]} of {@code classNames.get(k)}), as the run read its
     * data; reported once, after {@link RunStarted}, for the training doctor.
     */
    record ClassCounts(List<String> classNames, int[] train) implements TrainingEvent {
    }

    /**
     * What an epoch's figures do not show, for the training doctor, reported just before its {@link EpochEnd}: the
     * seconds the loop spent getting its minibatches ready (reading, augmenting) and the seconds it spent in the updates
     * themselves; how many validation examples each class has and how many of them the model classified right; and how
     * much the change of the validation loss since the run's best epoch so far varies from example to example.
     *
     * @param validationLossRiseSpread the standard deviation, over the validation examples, of each example's loss now
     *                                 minus its loss at the earlier epoch with the lowest validation loss (the same
     *                                 examples both times): what tells a rise of the validation loss from the sampling
     *                                 noise of a small validation set; null at the first epoch, and in runs recorded
     *                                 before it was measured
     */
    record EpochDetail(int epoch, double secondsWaitingForData, double secondsComputing, int[] validationClassCounts,
                       int[] validationClassCorrect, Double validationLossRiseSpread) implements TrainingEvent {
        /** An epoch's detail without the spread of the validation loss's change (not measured). */
        public EpochDetail(int epoch, double secondsWaitingForData, double secondsComputing,
                           int[] validationClassCounts, int[] validationClassCorrect) {
            this(epoch, secondsWaitingForData, secondsComputing, validationClassCounts, validationClassCorrect, null);
        }

        /** How many validation examples the epoch was validated on. */
        public int validationExamples() {
            int n = 0;
            for (int count : validationClassCounts) {
                n += count;
            }
            return n;
        }

        /** The share of the loop's time spent waiting for data: 0 when it did not wait, NaN before any time. */
        public double waitingShare() {
            double total = secondsWaitingForData + secondsComputing;
            return total > 0 ? secondsWaitingForData / total : Double.NaN;
        }

        /** Class {@code k}'s validation accuracy; NaN for a class with no validation example. */
        public double classAccuracy(int k) {
            return validationClassCounts[k] == 0 ? Double.NaN
                    : (double) validationClassCorrect[k] / validationClassCounts[k];
        }
    }

    /** A checkpoint (DL4J model zip with updater state) was written. */
    record Checkpoint(int epoch, long iteration, String file) implements TrainingEvent {
    }

    record Paused(long iteration) implements TrainingEvent {
    }

    record Resumed(long iteration) implements TrainingEvent {
    }

    /**
     * How a model does on the evaluation set: confusion[actual][predicted], per-class precision, recall
     * and F1, every misclassified sample and every correctly classified one. {@code epoch} and
     * {@code model} say which model was evaluated: {@link #LAST} (as training ended or was stopped, in that epoch)
     * or {@link #BEST} (the epoch early stopping kept). {@code set} says on which part of the data:
     * {@link TrainValidation#TEST} (held out from training and validation) or {@link TrainValidation#VALIDATION}.
     * Files written before these were recorded read back with {@code correct} empty, {@code model} null and
     * {@code set} "validation".
     */
    record Evaluation(int epoch, double accuracy, List<String> classNames, int[][] confusion, double[] precision,
                      double[] recall, double[] f1, List<Misclassified> misclassified, List<Misclassified> correct,
                      String model, String set) implements TrainingEvent {
        /** The model as training left it: at the end of its last epoch, or where it was stopped. */
        public static final String LAST = "last";
        /** The model of the epoch with the best validation loss, which early stopping kept. */
        public static final String BEST = "best";
        /** A design's own weights (an imported model), evaluated without training. */
        public static final String IMPORTED = "imported";

        public Evaluation {
            correct = correct == null ? List.of() : correct;
            set = set == null ? TrainValidation.VALIDATION : set;
        }

        /** An evaluation on the validation set. */
        public Evaluation(int epoch, double accuracy, List<String> classNames, int[][] confusion, double[] precision,
                          double[] recall, double[] f1, List<Misclassified> misclassified, List<Misclassified> correct,
                          String model) {
            this(epoch, accuracy, classNames, confusion, precision, recall, f1, misclassified, correct, model,
                    TrainValidation.VALIDATION);
        }

        /** Whether the evaluation is on a test set held out from training and validation. */
        public boolean onTestSet() {
            return TrainValidation.TEST.equals(set);
        }

        /** The last model's evaluation, without its correctly classified samples (for tests and old callers). */
        public Evaluation(int epoch, double accuracy, List<String> classNames, int[][] confusion, double[] precision,
                          double[] recall, double[] f1, List<Misclassified> misclassified) {
            this(epoch, accuracy, classNames, confusion, precision, recall, f1, misclassified, List.of(), LAST);
        }

        /** The same figures said to be of another model (epoch, {@link #LAST} or {@link #BEST}). */
        public Evaluation ofModel(int modelEpoch, String which) {
            return new Evaluation(modelEpoch, accuracy, classNames, confusion, precision, recall, f1, misclassified,
                    correct, which, set);
        }
    }

    /**
     * How the model classified one validation sample: its index in the validation set, its class, the class
     * predicted and with what confidence. Named for the samples it was first used for; an evaluation's
     * {@code correct} list holds the same form with {@code actual == predicted}.
     */
    record Misclassified(int index, int actual, int predicted, double confidence) {
    }

    /**
     * What the training doctor measured inside the network around one sampled update ({@code iteration}), layer by
     * layer from the input to the output; {@code classes} is the number of classes the run learns.
     */
    record Signals(int epoch, long iteration, int classes, List<LayerSignals> layers) implements TrainingEvent {
        public Signals {
            layers = List.copyOf(layers);
        }
    }

    /**
     * One layer's signals: {@code node} is the design node it belongs to, {@code layer} DL4J's vertex name. Norms are
     * L2 norms of the layer's parameters, of their gradient before the optimizer and of the update it made;
     * {@code updateRatio} is ‖update‖ / ‖parameters‖ (NaN for a layer that has none or did not train). The
     * activation figures are over the minibatch: mean, standard deviation, the share of units (features, or channels)
     * that were zero for every example, and the share of values at a sigmoid's or tanh's limits.
     */
    record LayerSignals(String node, String layer, String activation, long parameters, double weightNorm,
                        double gradientNorm, double updateRatio, double activationMean, double activationStd,
                        double deadShare, double saturatedShare) {
        /** The root-mean-square gradient per parameter, comparable across layers of different sizes. */
        public double gradientRms() {
            return parameters == 0 ? Double.NaN : gradientNorm / Math.sqrt(parameters);
        }
    }

    /**
     * A diagnosis of the training doctor: {@code kind} (e.g. {@code learning-rate-too-high}), the design node it
     * concerns (null where it concerns the run's settings or its data), a plain explanation, the figures it rests on
     * and what to try, seen at {@code epoch} and {@code iteration}.
     */
    record Finding(String kind, String node, String explanation, Map<String, Double> evidence, List<Action> actions,
                   int epoch, long iteration) implements TrainingEvent {
        public Finding {
            evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence)); // in the order given
            actions = List.copyOf(actions);
        }
    }

    /**
     * A change a finding suggests, as data: {@code kind} says what to do (e.g. {@code set-setting},
     * {@code insert-after}, {@code set-param}), {@code node} where (null for the run's settings), {@code name} which
     * setting, parameter or layer kind, {@code value} the new value where there is one, {@code description} in words.
     */
    record Action(String kind, String node, String name, String value, String description) {
    }

    /** All epochs ran (or early stopping ended the run, which is also a normal end). */
    record Finished(int epochs, long iterations, String modelFile, String reason) implements TrainingEvent {
        @Override
        public boolean isTerminal() {
            return true;
        }
    }

    /**
     * The user stopped the run; the model as of the last finished minibatch was saved, or, for a run stopped before its
     * first parameter update ({@link #beforeTraining()}), none ({@code modelFile} null).
     */
    record Stopped(int epoch, long iteration, String modelFile) implements TrainingEvent {
        /**
         * A run the user stopped before its first parameter update (before its first minibatch, or a cluster run's
         * first averaging round, or while Spark was still starting): it saved no model, since it would hold no training.
         */
        public static Stopped beforeTraining() {
            return new Stopped(0, 0, null);
        }

        /** Whether the run saved its model when it stopped (false only {@link #beforeTraining()}). */
        public boolean savedModel() {
            return modelFile != null;
        }

        @Override
        public boolean isTerminal() {
            return true;
        }
    }

    /**
     * The run could not go on. {@code reason} is for the user (what happened and what to try);
     * {@code exitCode} and {@code logTail} are filled when the worker process died.
     */
    record Failed(String reason, Integer exitCode, List<String> logTail) implements TrainingEvent {
        public Failed {
            logTail = logTail == null ? List.of() : List.copyOf(logTail);
        }

        public static Failed because(String reason) {
            return new Failed(reason, null, List.of());
        }

        @Override
        public boolean isTerminal() {
            return true;
        }
    }
}
