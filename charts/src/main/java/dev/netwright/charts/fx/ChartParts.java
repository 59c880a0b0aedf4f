package dev.netwright.charts.fx;

import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;

/** The pieces the metric charts are built from, made one way. */
final class ChartParts {
    /** The marker of a point per epoch. */
    static final Shape MARKER = new Ellipse2D.Double(-4, -4, 8, 8);
    /**
     * Width kept for the value axes (label and tick numbers) left of every plot of the training charts, so that
     * their plots start at the same x and an iteration lies at the same place in each.
     */
    static final double VALUE_AXIS_WIDTH = 64;

    private ChartParts() {
    }

    static XYSeriesCollection collection(XYSeries... series) {
        XYSeriesCollection c = new XYSeriesCollection();
        for (XYSeries s : series) {
            c.addSeries(s);
        }
        return c;
    }

    /**
     * Keeps {@link #VALUE_AXIS_WIDTH} left of each subplot for its value axis, however wide its numbers are. (The
     * axis's own fixed dimension: a combined plot recomputes its subplots' axis space and ignores a fixed one.)
     */
    static void fixValueAxisWidth(CombinedDomainXYPlot plot) {
        for (Object subplot : plot.getSubplots()) {
            ((XYPlot) subplot).getRangeAxis().setFixedDimension(VALUE_AXIS_WIDTH);
        }
    }

    /** Lines without markers, with a short legend line (the default one runs into the next label). */
    static XYLineAndShapeRenderer lines() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setLegendLine(new Line2D.Double(-8, 0, 8, 0));
        return r;
    }
}
