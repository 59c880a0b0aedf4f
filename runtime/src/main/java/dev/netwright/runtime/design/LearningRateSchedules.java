package dev.netwright.runtime.design;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes {@link LearningRateSchedule}s from a type and named values, as the file, the command line
 * ({@code step:every=2,factor=0.5}) and the training form give them, with each type's defaults for values left out.
 */
public final class LearningRateSchedules {
    private LearningRateSchedules() {
    }

    /** Each type's fields, in the order they are written, with their defaults. */
    public static Map<String, Double> defaults(String type) {
        Map<String, Double> values = new LinkedHashMap<>();
        switch (type) {
            case "constant" -> { }
            case "step" -> {
                values.put("every", 2.0);
                values.put("factor", 0.5);
            }
            case "exponential" -> values.put("factor", 0.9);
            case "cosine" -> {
                values.put("warmup", 0.5);
                values.put("floor", 0.01);
            }
            case "onecycle" -> {
                values.put("peak", 10.0);
                values.put("at", 0.3);
            }
            case "plateau" -> {
                values.put("factor", 0.5);
                values.put("patience", 2.0);
            }
            default -> throw new IllegalArgumentException("the learning-rate schedule must be one of "
                    + String.join(", ", LearningRateSchedule.TYPES) + ", not " + Quote.text(type));
        }
        return values;
    }

    /** The fields of a type, in order. */
    public static List<String> fields(String type) {
        return List.copyOf(defaults(type).keySet());
    }

    /**
     * The schedule of {@code type} with {@code values} over its defaults; a value it does not take, a whole-number
     * field given a fraction, or a value out of range is an {@link IllegalArgumentException} naming the field.
     */
    public static LearningRateSchedule of(String type, Map<String, Double> values) {
        Map<String, Double> all = defaults(type);
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (!all.containsKey(e.getKey())) {
                throw new IllegalArgumentException("the " + type + " schedule has no value " + Quote.text(e.getKey())
                        + (all.isEmpty() ? "" : " (its values: " + String.join(", ", all.keySet()) + ")"));
            }
            all.put(e.getKey(), e.getValue());
        }
        return switch (type) {
            case "constant" -> LearningRateSchedule.constant();
            case "step" -> new LearningRateSchedule.Step(whole("every", all), all.get("factor"));
            case "exponential" -> new LearningRateSchedule.Exponential(all.get("factor"));
            case "cosine" -> new LearningRateSchedule.Cosine(all.get("warmup"), all.get("floor"));
            case "onecycle" -> new LearningRateSchedule.OneCycle(all.get("peak"), all.get("at"));
            case "plateau" -> new LearningRateSchedule.Plateau(all.get("factor"), whole("patience", all));
            default -> throw new IllegalStateException(type);
        };
    }

    /** A schedule's values by field, in order (what {@link #of} takes back). */
    public static Map<String, Double> values(LearningRateSchedule schedule) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (schedule instanceof LearningRateSchedule.Step s) {
            values.put("every", (double) s.every());
            values.put("factor", s.factor());
        } else if (schedule instanceof LearningRateSchedule.Exponential s) {
            values.put("factor", s.factor());
        } else if (schedule instanceof LearningRateSchedule.Cosine s) {
            values.put("warmup", s.warmup());
            values.put("floor", s.floor());
        } else if (schedule instanceof LearningRateSchedule.OneCycle s) {
            values.put("peak", s.peak());
            values.put("at", s.at());
        } else if (schedule instanceof LearningRateSchedule.Plateau s) {
            values.put("factor", s.factor());
            values.put("patience", (double) s.patience());
        }
        return values;
    }

    /** Whether a field takes whole numbers only. */
    public static boolean isWhole(String field) {
        return field.equals("every") || field.equals("patience");
    }

    /**
     * Reads {@code type} or {@code type:name=value,name=value} ({@code cosine:warmup=1,floor=0.01}); values left
     * out take the type's defaults. A wrong spec is an {@link IllegalArgumentException} saying what is wrong.
     */
    public static LearningRateSchedule parse(String spec) {
        String text = spec.strip();
        int colon = text.indexOf(':');
        String type = (colon < 0 ? text : text.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        defaults(type); // names the types when this is none of them
        Map<String, Double> values = new LinkedHashMap<>();
        if (colon >= 0 && !text.substring(colon + 1).isBlank()) {
            for (String pair : text.substring(colon + 1).split(",", -1)) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("write each value as name=value (" + type + ":"
                            + String.join("=…,", fields(type)) + (fields(type).isEmpty() ? "" : "=…") + "), not "
                            + Quote.text(pair.strip()));
                }
                String name = pair.substring(0, eq).strip();
                String number = pair.substring(eq + 1).strip();
                if (values.containsKey(name)) {
                    throw new IllegalArgumentException(Quote.text(name) + " is given twice");
                }
                try {
                    values.put(name, Double.parseDouble(number));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + name + "' must be a number, not " + Quote.text(number));
                }
            }
        }
        return of(type, values);
    }

    private static int whole(String field, Map<String, Double> values) {
        double value = values.get(field);
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + field + "' must be a whole number, not " + value);
        }
        return (int) value;
    }
}
