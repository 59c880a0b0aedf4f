package dev.netwright.runtime.layers;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One parameter of a layer kind: its name in the file, a label and group for the inspector, its type,
 * default, allowed range (numbers) or choices, and help text.
 */
public record ParamSpec(String name, String label, String group, ParamType type, Object defaultValue,
                        double min, double max, List<String> choices, String help) {

    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(help, "help");
        choices = List.copyOf(choices);
        if (!type.javaType().isInstance(defaultValue)) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " is not " + type.inWords());
        }
    }

    public static ParamSpec integer(String name, String label, String group, int defaultValue, int min, int max,
                                    String help) {
        return new ParamSpec(name, label, group, ParamType.INT, defaultValue, min, max, List.of(), help);
    }

    public static ParamSpec decimal(String name, String label, String group, double defaultValue, double min,
                                    double max, String help) {
        return new ParamSpec(name, label, group, ParamType.DOUBLE, defaultValue, min, max, List.of(), help);
    }

    public static ParamSpec flag(String name, String label, String group, boolean defaultValue, String help) {
        return new ParamSpec(name, label, group, ParamType.BOOLEAN, defaultValue, 0, 1, List.of(), help);
    }

    public static ParamSpec choice(String name, String label, String group, String defaultValue,
                                   List<String> choices, String help) {
        if (!choices.contains(defaultValue)) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " is not among " + choices);
        }
        return new ParamSpec(name, label, group, ParamType.CHOICE, defaultValue, 0, 0, choices, help);
    }

    /** The allowed values in words, e.g. "1–1024" or "relu, tanh, sigmoid". */
    public String allowed() {
        return switch (type) {
            case INT -> (long) min + "–" + (long) max;
            case DOUBLE -> trim(min) + "–" + trim(max);
            case BOOLEAN -> "true or false";
            case CHOICE -> String.join(", ", choices);
        };
    }

    /** Why a value is not allowed, or empty when it is. */
    /**
     * A value typed as text (the inspector's field, a sweep dimension, a doctor's action), as this parameter holds
     * it; empty when the text is not of its type. Whole numbers may be written as decimals ({@code 32.0}); one beyond
     * an int's range is kept at the range's end so that {@link #problemWith} says what is allowed. Numbers must be
     * finite; {@code true}/{@code false} in any case; a choice is taken as written (trimmed) and checked by
     * {@link #problemWith}.
     */
    public Optional<Object> parse(String text) {
        String typed = text == null ? "" : text.strip();
        return switch (type) {
            case INT -> decimal(typed).filter(n -> n.stripTrailingZeros().scale() <= 0)
                    .map(n -> n.max(BigDecimal.valueOf(Integer.MIN_VALUE)).min(BigDecimal.valueOf(Integer.MAX_VALUE)))
                    .map(BigDecimal::intValueExact);
            case DOUBLE -> decimal(typed).map(BigDecimal::doubleValue).filter(Double::isFinite).map(d -> d);
            case BOOLEAN -> typed.equalsIgnoreCase("true") ? Optional.of(Boolean.TRUE)
                    : typed.equalsIgnoreCase("false") ? Optional.of(Boolean.FALSE) : Optional.empty();
            case CHOICE -> Optional.of(typed);
        };
    }

    private static Optional<BigDecimal> decimal(String typed) {
        try {
            return typed.isEmpty() ? Optional.empty() : Optional.of(new BigDecimal(typed));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public Optional<String> problemWith(Object value) {
        if (!type.javaType().isInstance(value)) {
            return Optional.of(label + " must be " + type.inWords() + ", not " + value);
        }
        return switch (type) {
            case INT -> outside(((Integer) value).doubleValue(), String.valueOf(value));
            case DOUBLE -> {
                double d = (Double) value;
                yield Double.isFinite(d) ? outside(d, trim(d)) : Optional.of(label + " must be a finite number");
            }
            case BOOLEAN -> Optional.empty();
            case CHOICE -> choices.contains(value) ? Optional.empty()
                    : Optional.of(label + " '" + value + "' is not one of " + allowed());
        };
    }

    private Optional<String> outside(double value, String shown) {
        return value < min || value > max
                ? Optional.of(label + " " + shown + " is outside the allowed range " + allowed())
                : Optional.empty();
    }

    private static String trim(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
