package dev.netwright.bench.training;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Min, median and max of a few values, and their Markdown cells. */
record Stats(double min, double median, double max) {

    static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Stats(sorted[0], median, sorted[n - 1]);
    }

    /** "min | median | max" with the given format. */
    String cells(String format) {
        return String.format(Locale.ROOT, format + " | " + format + " | " + format, min, median, max);
    }
}
