package dev.netwright.runtime.sweep;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One trial of an experiment: its settings (dimension name to value), where it stands, and how it did. Its run
 * folder is the experiment's folder + {@code id}.
 *
 * @param rung                   the halving rung it trains in (0 for grid and random)
 * @param epochs                 epochs trained so far
 * @param bestValidationAccuracy the best validation accuracy of any epoch; NaN before the first
 * @param validationLoss         the validation loss of that epoch; NaN before the first
 * @param seconds                time spent training, over all its rungs
 * @param message                why it failed; null otherwise
 */
public record Trial(String id, Map<String, Object> settings, State state, int rung, int epochs,
                    double bestValidationAccuracy, double validationLoss, double seconds, String message) {
    /** Where a trial stands. */
    public enum State {
        /** Not started yet (or to be started again after a restart). */
        PENDING,
        RUNNING,
        /** Trained its budget. */
        FINISHED,
        /** Halving dropped it after a rung: the others did better. */
        STOPPED_EARLY,
        FAILED;

        /** In words, for tables. */
        public String inWords() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /** The best first: higher best validation accuracy, then lower loss, then the earlier trial; no result last. */
    public static final Comparator<Trial> BEST_FIRST = Comparator
            .comparingDouble((Trial t) -> Double.isNaN(t.bestValidationAccuracy) ? Double.NEGATIVE_INFINITY
                    : t.bestValidationAccuracy).reversed()
            .thenComparingDouble(t -> Double.isNaN(t.validationLoss) ? Double.POSITIVE_INFINITY : t.validationLoss)
            .thenComparing(Trial::id);

    public Trial {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(settings, "settings")));
    }

    /** A trial not yet started. */
    public static Trial pending(String id, Map<String, Object> settings) {
        return new Trial(id, settings, State.PENDING, 0, 0, Double.NaN, Double.NaN, 0, null);
    }

    /** The folder name of trial number {@code index} (from 1). */
    public static String idOf(int index) {
        return String.format(java.util.Locale.ROOT, "trial-%03d", index);
    }

    public Trial withState(State value) {
        return new Trial(id, settings, value, rung, epochs, bestValidationAccuracy, validationLoss, seconds,
                value == State.FAILED ? message : null);
    }

    public Trial failed(String why, double moreSeconds) {
        return new Trial(id, settings, State.FAILED, rung, epochs, bestValidationAccuracy, validationLoss,
                seconds + moreSeconds, why);
    }

    /** Promoted to {@code value}, to train on from where it is. */
    public Trial inRung(int value) {
        return new Trial(id, settings, State.PENDING, value, epochs, bestValidationAccuracy, validationLoss, seconds, null);
    }

    /** Trained to {@code epochsNow} epochs in {@code moreSeconds}; the better of its old and new best is kept. */
    public Trial finished(int epochsNow, double accuracy, double loss, double moreSeconds) {
        boolean better = !Double.isNaN(accuracy) && (Double.isNaN(bestValidationAccuracy) || accuracy > bestValidationAccuracy);
        return new Trial(id, settings, State.FINISHED, rung, epochsNow, better ? accuracy : bestValidationAccuracy,
                better ? loss : validationLoss, seconds + moreSeconds, null);
    }
}
