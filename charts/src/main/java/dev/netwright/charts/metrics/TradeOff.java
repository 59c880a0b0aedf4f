package dev.netwright.charts.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Models compared by accuracy against cost (file size or latency): the points of a compression trade-off and the
 * Pareto front among them, the models that no other model beats on both (at least as accurate and no costlier, one of
 * the two strictly).
 */
public final class TradeOff {
    /**
     * One model.
     *
     * @param label     what the chart calls it ("original", "prune 90%")
     * @param accuracy  its accuracy, 0 to 1
     * @param fileBytes its file's size in bytes
     * @param latencyMs its inference latency per sample in milliseconds; NaN when not measured
     * @param original  whether it is the model the others were made from
     */
    public record Point(String label, double accuracy, long fileBytes, double latencyMs, boolean original) {
        public Point {
            Objects.requireNonNull(label, "label");
        }

        /** The cost on {@code axis}; NaN where it is not known. */
        public double cost(Cost axis) {
            return axis == Cost.SIZE ? fileBytes : latencyMs;
        }
    }

    /** What the cost axis measures. */
    public enum Cost {
        SIZE("model size (KB)"), LATENCY("latency per sample (ms)");

        private final String label;

        Cost(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private TradeOff() {
    }

    /**
     * The points on the Pareto front for {@code cost}, cheapest first; points whose cost or accuracy is not known take
     * no part.
     */
    public static List<Point> front(List<Point> points, Cost cost) {
        List<Point> known = points.stream().filter(p -> !Double.isNaN(p.cost(cost)) && !Double.isNaN(p.accuracy()))
                .sorted(Comparator.comparingDouble((Point p) -> p.cost(cost))
                        .thenComparing(Comparator.comparingDouble(Point::accuracy).reversed()))
                .toList();
        List<Point> front = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (Point p : known) {
            // cheapest first: a point is on the front when it is more accurate than every cheaper or equal one
            if (p.accuracy() > best) {
                front.add(p);
                best = p.accuracy();
            }
        }
        return front;
    }
}
