package dev.netwright.charts.fx;

import dev.netwright.charts.metrics.Downsampler;
import dev.netwright.charts.metrics.Series;
import org.jfree.data.xy.XYSeries;

/** Copies a metrics series into a JFreeChart series, downsampled, with one change event. */
final class SeriesFill {
    /** Points drawn per series at most; beyond this the curve is downsampled (min/max per bucket). */
    static final int MAX_POINTS = 2000;

    private SeriesFill() {
    }

    static void fill(XYSeries target, Series source) {
        fill(target, source, MAX_POINTS);
    }

    static void fill(XYSeries target, Series source, int maxPoints) {
        target.setNotify(false);
        target.clear();
        for (int i : Downsampler.indices(source, maxPoints)) {
            target.add(source.x(i), source.y(i), false);
        }
        target.setNotify(true);
    }
}
