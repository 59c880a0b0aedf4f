package dev.netwright.charts.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A parallel-coordinates picture of a sweep: one vertical axis per dimension and a last one for the score, one line
 * per trial through its value on each axis. Values are placed between 0 (bottom) and 1 (top): numbers by their range
 * (on a log scale where they are all positive and span 20× or more, as learning rates do), anything else (optimizer
 * names) evenly in sorted order. Immutable.
 *
 * @param axes  the dimensions, then the score
 * @param lines the trials, in the order given
 */
public record ParallelCoordinates(List<Axis> axes, List<Line> lines) {
    /** Numbers spanning this factor or more, all above zero, are placed on a log scale. */
    static final double LOG_SPAN = 20;

    /** A trial as given: its label, its value for each dimension (null where it has none), and its score (NaN: none). */
    public record Row(String label, List<Object> values, double score) {
        public Row {
            Objects.requireNonNull(label, "label");
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    /** A mark on an axis: where (0 to 1) and what it says. */
    public record Tick(double position, String label) {
    }

    /** An axis: its name and the marks it shows. */
    public record Axis(String name, List<Tick> ticks) {
        public Axis {
            ticks = List.copyOf(ticks);
        }
    }

    /**
     * A trial's line: its position on each axis (NaN where it has no value or no score yet), its score, and whether it
     * is the best trial.
     */
    public record Line(String label, double[] positions, double score, boolean best) {
    }

    public ParallelCoordinates {
        axes = List.copyOf(axes);
        lines = List.copyOf(lines);
    }

    /** The picture of {@code rows} over {@code dimensions}, with the score on a last axis named {@code scoreName}. */
    public static ParallelCoordinates of(List<String> dimensions, List<Row> rows, String scoreName) {
        int n = dimensions.size();
        for (Row row : rows) {
            if (row.values().size() != n) {
                throw new IllegalArgumentException(row.label() + " has " + row.values().size() + " values for "
                        + n + " dimensions");
            }
        }
        List<Axis> axes = new ArrayList<>();
        double[][] positions = new double[rows.size()][n + 1];
        for (int d = 0; d < n; d++) {
            List<Object> column = new ArrayList<>();
            for (Row row : rows) {
                column.add(row.values().get(d));
            }
            Scale scale = Scale.of(column);
            axes.add(new Axis(dimensions.get(d), scale.ticks()));
            for (int r = 0; r < rows.size(); r++) {
                positions[r][d] = scale.position(column.get(r));
            }
        }
        List<Object> scores = new ArrayList<>();
        for (Row row : rows) {
            scores.add(Double.isNaN(row.score()) ? null : row.score());
        }
        Scale scoreScale = Scale.linear(scores);
        axes.add(new Axis(scoreName, scoreScale.ticks()));
        int best = -1;
        for (int r = 0; r < rows.size(); r++) {
            positions[r][n] = scoreScale.position(scores.get(r));
            double score = rows.get(r).score();
            if (!Double.isNaN(score) && (best < 0 || score > rows.get(best).score())) {
                best = r;
            }
        }
        List<Line> lines = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            lines.add(new Line(rows.get(r).label(), positions[r], rows.get(r).score(), r == best));
        }
        return new ParallelCoordinates(axes, lines);
    }

    /** How one axis places its values. */
    private interface Scale {
        double position(Object value);

        List<Tick> ticks();

        static Scale of(List<Object> values) {
            boolean numbers = values.stream().filter(Objects::nonNull).allMatch(v -> v instanceof Number);
            return numbers ? linearOrLog(values) : categories(values);
        }

        static Scale linearOrLog(List<Object> values) {
            double min = min(values);
            double max = max(values);
            if (min > 0 && max / min >= LOG_SPAN) {
                double low = Math.log(min);
                double high = Math.log(max);
                return scale(v -> (Math.log(v) - low) / (high - low), min, max);
            }
            return linear(values);
        }

        static Scale linear(List<Object> values) {
            double min = min(values);
            double max = max(values);
            return scale(v -> max == min ? 0.5 : (v - min) / (max - min), min, max);
        }

        private static Scale scale(java.util.function.DoubleUnaryOperator place, double min, double max) {
            return new Scale() {
                @Override
                public double position(Object value) {
                    return value == null || Double.isNaN(min) ? Double.NaN : place.applyAsDouble(((Number) value).doubleValue());
                }

                @Override
                public List<Tick> ticks() {
                    if (Double.isNaN(min)) {
                        return List.of();
                    }
                    return min == max ? List.of(new Tick(0.5, number(min)))
                            : List.of(new Tick(0, number(min)), new Tick(1, number(max)));
                }
            };
        }

        static Scale categories(List<Object> values) {
            TreeSet<String> distinct = new TreeSet<>(Comparator.naturalOrder());
            values.stream().filter(Objects::nonNull).map(String::valueOf).forEach(distinct::add);
            List<String> sorted = new ArrayList<>(distinct);
            return new Scale() {
                @Override
                public double position(Object value) {
                    if (value == null) {
                        return Double.NaN;
                    }
                    int i = sorted.indexOf(String.valueOf(value));
                    return sorted.size() == 1 ? 0.5 : (double) i / (sorted.size() - 1);
                }

                @Override
                public List<Tick> ticks() {
                    List<Tick> ticks = new ArrayList<>();
                    for (String label : sorted) {
                        ticks.add(new Tick(position(label), label));
                    }
                    return ticks;
                }
            };
        }

        private static double min(List<Object> values) {
            return values.stream().filter(Objects::nonNull).mapToDouble(v -> ((Number) v).doubleValue()).min()
                    .orElse(Double.NaN);
        }

        private static double max(List<Object> values) {
            return values.stream().filter(Objects::nonNull).mapToDouble(v -> ((Number) v).doubleValue()).max()
                    .orElse(Double.NaN);
        }
    }

    /** Three significant digits, as people write them: 0.001, 64, 0.872, 1e-05. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return String.valueOf((long) value);
        }
        String text = String.format(Locale.ROOT, "%.3g", value);
        return new java.math.BigDecimal(text).stripTrailingZeros().toString().replace("E", "e");
    }
}
