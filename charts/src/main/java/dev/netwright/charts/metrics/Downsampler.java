package dev.netwright.charts.metrics;

import java.util.Arrays;

/**
 * Picks at most about {@code maxPoints} points of a series to draw: the series is cut into buckets
 * along its order and each bucket keeps its lowest and highest point (in order), so spikes survive
 * while a 100,000-point curve costs no more to draw than a 2,000-point one.
 */
public final class Downsampler {
    private Downsampler() {
    }

    /** Indices of the points to draw, ascending; all of them when the series is small enough. */
    public static int[] indices(Series series, int maxPoints) {
        int n = series.size();
        if (n <= maxPoints) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int buckets = Math.max(1, maxPoints / 2);
        int[] picked = new int[buckets * 2 + 1];
        int count = 0;
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            int low = from;
            int high = from;
            for (int i = from + 1; i < to; i++) {
                if (series.y(i) < series.y(low)) {
                    low = i;
                }
                if (series.y(i) > series.y(high)) {
                    high = i;
                }
            }
            picked[count++] = Math.min(low, high);
            if (low != high) {
                picked[count++] = Math.max(low, high);
            }
        }
        if (picked[count - 1] != n - 1) {
            picked[count++] = n - 1; // always show the latest value
        }
        return Arrays.copyOf(picked, count);
    }
}
