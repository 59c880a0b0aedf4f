package dev.netwright.runtime.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The values of one sweep dimension as the user wrote them: a list ({@code 32,64,128}) or a range
 * ({@code 1e-4..1e-2}, with {@code :log} for a log scale and {@code :N} for N evenly spaced grid points).
 */
public sealed interface SweepValues {
    /** Significant digits a number drawn from a range keeps, so that trials' settings read as people write them. */
    int DIGITS = 4;

    /** Explicit values, as written (typed by the dimension). */
    record Listed(List<String> texts) implements SweepValues {
        public Listed {
            texts = List.copyOf(texts);
        }
    }

    /**
     * Numbers from {@code low} to {@code high}: drawn uniformly (on a log scale where {@code log}) by random search,
     * or {@code count} evenly spaced points for a grid (0: no count given).
     */
    record Range(double low, double high, boolean log, int count) implements SweepValues {
        /** The grid's points; a range without a count has none, and says how to give one. */
        public List<Double> points(String name) {
            if (count == 0) {
                throw new IllegalArgumentException(name + ": a grid needs explicit values or a count, e.g. " + name
                        + "=" + plain(low) + ".." + plain(high) + (log ? ":log" : "") + ":4");
            }
            List<Double> points = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                double t = count == 1 ? 0 : (double) i / (count - 1);
                points.add(rounded(log ? Math.exp(Math.log(low) + t * (Math.log(high) - Math.log(low)))
                        : low + t * (high - low)));
            }
            return points;
        }

        /** A value drawn from the range with {@code u} uniform in [0, 1). */
        public double draw(double u) {
            return rounded(log ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low))) : low + u * (high - low));
        }
    }

    Pattern COUNT = Pattern.compile("\\d+");

    /**
     * Reads the part after {@code NAME=}. Lists are separated by commas, or by {@code |} where {@code textValues}
     * (a learning-rate schedule or augmentation has commas of its own).
     */
    static SweepValues parse(String name, String spec, boolean textValues) {
        String text = spec.trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException(name + ": no values after '='");
        }
        if (!textValues && text.contains("..")) {
            return range(name, text);
        }
        List<String> items = new ArrayList<>();
        for (String item : text.split(textValues ? "\\|" : ",", -1)) {
            if (item.isBlank()) {
                throw new IllegalArgumentException(name + ": an empty value in '" + spec + "'");
            }
            items.add(item.trim());
        }
        return new Listed(items);
    }

    private static Range range(String name, String text) {
        String[] parts = text.split(":");
        String[] ends = parts[0].split("\\.\\.", -1);
        if (ends.length != 2) {
            throw new IllegalArgumentException(name + ": a range is written LOW..HIGH, e.g. 1e-4..1e-2, not '" + parts[0] + "'");
        }
        double low = number(ends[0], name);
        double high = number(ends[1], name);
        boolean log = false;
        int count = 0;
        for (int i = 1; i < parts.length; i++) {
            String option = parts[i].trim().toLowerCase(Locale.ROOT);
            if (option.equals("log")) {
                log = true;
            } else if (COUNT.matcher(option).matches() && Integer.parseInt(option) >= 1 && Integer.parseInt(option) <= 1000) {
                count = Integer.parseInt(option);
            } else {
                throw new IllegalArgumentException(name + ": after a range comes ':log' or ':N' (grid points, 1-1000), not ':"
                        + parts[i] + "'");
            }
        }
        if (!(low < high)) {
            throw new IllegalArgumentException(name + ": the range's low end must be below its high end, not "
                    + plain(low) + ".." + plain(high));
        }
        if (log && !(low > 0)) {
            throw new IllegalArgumentException(name + ": a log range must be above 0, not " + plain(low) + ".." + plain(high));
        }
        return new Range(low, high, log, count);
    }

    static double number(String text, String name) {
        try {
            double value = Double.parseDouble(text.trim());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(name + ": '" + text.trim() + "' is not a number");
    }

    static int whole(String text, String name) {
        double value = number(text, name);
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + ": '" + text.trim() + "' is not a whole number");
        }
        return (int) value;
    }

    /** A number to {@value #DIGITS} significant digits. */
    static double rounded(double value) {
        return value == 0 ? 0 : new BigDecimal(value).round(new MathContext(DIGITS)).doubleValue();
    }

    /** As a person writes it: 0.001, 32, 1e-08 stays readable. */
    static String plain(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toString().replace("E", "e");
    }
}
