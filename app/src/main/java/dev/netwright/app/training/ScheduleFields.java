package dev.netwright.app.training;

import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.design.LearningRateSchedules;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training form's learning-rate schedule, without controls: the type ({@link LearningRateSchedule#TYPES}) and up
 * to two values typed as text, with their labels. Choosing another type puts that type's defaults in the values;
 * {@link #value} reads them or names what is wrong.
 */
public final class ScheduleFields {
    private static final Map<String, String> NAMES = Map.of("constant", "Constant", "step", "Step",
            "exponential", "Exponential", "cosine", "Cosine + warm-up", "onecycle", "One-cycle",
            "plateau", "Reduce on plateau");
    private static final Map<String, String> LABELS = Map.of("every", "Every (epochs)", "factor", "Factor",
            "warmup", "Warm-up (epochs)", "floor", "Floor (× rate)", "peak", "Peak (× rate)",
            "at", "Peak at (of run)", "patience", "Patience (epochs)");
    private static final Map<String, String> HELP = Map.of(
            "every", "The rate is multiplied by the factor every this many epochs.",
            "factor", "What the rate is multiplied by (between 0 and 1).",
            "warmup", "Epochs of linear warm-up from a small rate to the learning rate (0.5: half an epoch; 0: none).",
            "floor", "Where the cosine ends, as a fraction of the learning rate (0.01: a hundredth).",
            "peak", "The highest rate, as a multiple of the learning rate.",
            "at", "Where in the run the rate peaks (0.3: after 30 % of the iterations).",
            "patience", "Epochs without a better validation loss before the rate is lowered.");

    private final ObjectProperty<String> type = new SimpleObjectProperty<>("constant");
    private final StringProperty first = new SimpleStringProperty("");
    private final StringProperty second = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper firstLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper secondLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper(0);
    private boolean showing;

    public ScheduleFields() {
        type.addListener((o, old, now) -> typeChanged());
    }

    /** The types offered, in order. */
    public static List<String> types() {
        return LearningRateSchedule.TYPES;
    }

    /** A type's name in the form ("Cosine + warm-up"). */
    public static String displayName(String type) {
        return NAMES.getOrDefault(type, type);
    }

    /** A value's help, for a tooltip. */
    public static String help(String field) {
        return HELP.getOrDefault(field, "");
    }

    public ObjectProperty<String> typeProperty() {
        return type;
    }

    public StringProperty firstProperty() {
        return first;
    }

    public StringProperty secondProperty() {
        return second;
    }

    public ReadOnlyStringProperty firstLabelProperty() {
        return firstLabel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty secondLabelProperty() {
        return secondLabel.getReadOnlyProperty();
    }

    /** How many values the type takes (0 to 2). */
    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /** The type's value names, in order. */
    public List<String> fields() {
        return LearningRateSchedules.fields(currentType());
    }

    /** The schedule these values make; a wrong one is an {@link IllegalArgumentException} naming the value. */
    public LearningRateSchedule value() {
        String chosen = currentType();
        List<String> fields = LearningRateSchedules.fields(chosen);
        Map<String, Double> values = new LinkedHashMap<>();
        List<StringProperty> texts = List.of(first, second);
        for (int i = 0; i < fields.size(); i++) {
            String text = texts.get(i).get() == null ? "" : texts.get(i).get().strip();
            try {
                values.put(fields.get(i), Double.parseDouble(text));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Schedule: '" + fields.get(i) + "' must be a number, not '"
                        + texts.get(i).get() + "'");
            }
        }
        try {
            return LearningRateSchedules.of(chosen, values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Schedule: " + e.getMessage(), e);
        }
    }

    /** The schedule as the command line writes it ("step:every=2,factor=0.5"), or the type's name while a value is wrong. */
    public String describe() {
        try {
            return value().spec();
        } catch (IllegalArgumentException e) {
            return currentType();
        }
    }

    /** Shows a schedule; a value whose text already means it keeps its text. */
    public void show(LearningRateSchedule schedule) {
        showing = true;
        try {
            type.set(schedule.type());
            typeChanged();
            List<Double> values = List.copyOf(LearningRateSchedules.values(schedule).values());
            List<StringProperty> texts = List.of(first, second);
            for (int i = 0; i < texts.size(); i++) {
                if (i < values.size()) {
                    showNumber(texts.get(i), values.get(i));
                } else {
                    texts.get(i).set("");
                }
            }
        } finally {
            showing = false;
        }
    }

    private String currentType() {
        return type.get() == null ? "constant" : type.get();
    }

    /** The labels follow the type; the values become its defaults unless a schedule is being shown. */
    private void typeChanged() {
        List<String> fields = LearningRateSchedules.fields(currentType());
        count.set(fields.size());
        firstLabel.set(fields.size() > 0 ? LABELS.get(fields.get(0)) : "");
        secondLabel.set(fields.size() > 1 ? LABELS.get(fields.get(1)) : "");
        if (!showing) {
            List<Double> defaults = List.copyOf(LearningRateSchedules.defaults(currentType()).values());
            first.set(defaults.size() > 0 ? text(fields.get(0), defaults.get(0)) : "");
            second.set(defaults.size() > 1 ? text(fields.get(1), defaults.get(1)) : "");
        }
    }

    private void showNumber(StringProperty field, double value) {
        try {
            if (Double.parseDouble(field.get().strip()) == value) {
                return;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // not a number: shown below
        }
        field.set(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
    }

    private static String text(String field, double value) {
        return LearningRateSchedules.isWhole(field) ? Long.toString((long) value)
                : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
