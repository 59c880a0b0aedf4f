package dev.netwright.runtime.doctor;

import dev.netwright.runtime.train.TrainingEvent.Action;
import dev.netwright.runtime.train.TrainingEvent.Finding;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The kinds of finding, and how a finding and its figures are put into words. */
final class Findings {
    static final String LEARNING_RATE_TOO_HIGH = "learning-rate-too-high";
    static final String LEARNING_RATE_TOO_LOW = "learning-rate-too-low";
    static final String VANISHING_GRADIENTS = "vanishing-gradients";
    static final String EXPLODING_GRADIENTS = "exploding-gradients";
    static final String DEAD_UNITS = "dead-units";
    static final String SATURATED_UNITS = "saturated-units";
    static final String OVERFITTING = "overfitting";
    static final String UNDERFITTING = "underfitting";
    static final String LOSS_AT_CHANCE = "data-loss-at-chance";
    static final String CLASS_NEVER_PREDICTED = "data-class-never-predicted";
    static final String CLASS_IMBALANCE = "data-class-imbalance";
    static final String SLOW_INPUT = "slow-input-pipeline";
    static final String CLASS_ACCURACY_DRIFT = "class-accuracy-drift";

    private Findings() {
    }

    static Optional<Finding> of(String kind, String node, String explanation, Map<String, Double> evidence,
                                List<Action> actions, RunHistory history) {
        return Optional.of(new Finding(kind, node, explanation, evidence, actions, history.epoch(),
                history.iteration()));
    }

    /** Figures in the order given, for the evidence of a finding. */
    static Map<String, Double> evidence(Object... namesAndValues) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], ((Number) namesAndValues[i + 1]).doubleValue());
        }
        return map;
    }

    static Action setSetting(String name, double value, String description) {
        return new Action("set-setting", null, name, plain(value), description);
    }

    static Action setSetting(String name, String value, String description) {
        return new Action("set-setting", null, name, value, description);
    }

    static Action setParam(String node, String name, String value, String description) {
        return new Action("set-param", node, name, value, description);
    }

    static Action insertAfter(String node, String kind, String description) {
        return new Action("insert-after", node, kind, null, description);
    }

    /**
     * Balance the classes: the data reference the run trains on is to end with {@code #per-class=N} (a
     * {@code #per-class=} it has already is replaced). The window applies it to the reference it trains on.
     */
    static Action perClass(int n, String description) {
        return new Action("set-data", null, "per-class", String.valueOf(n), description);
    }

    static Action advice(String description) {
        return new Action("advice", null, null, null, description);
    }

    /** Three significant digits, as people write them: 0.001, 12.3, 1.5e-07. */
    static String plain(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        BigDecimal rounded = new BigDecimal(String.format(Locale.ROOT, "%.3g", value)).stripTrailingZeros();
        return Math.abs(value) >= 1e-4 || value == 0 ? rounded.toPlainString() : rounded.toString();
    }

    static String text(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
