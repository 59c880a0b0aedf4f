package dev.netwright.charts.fx;

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

    private ChartParts() {
    }

    static XYSeriesCollection collection(XYSeries... series) {
        XYSeriesCollection c = new XYSeriesCollection();
        for (XYSeries s : series) {
            c.addSeries(s);
        }
        return c;
    }

    /** Lines without markers, with a short legend line (the default one runs into the next label). */
    static XYLineAndShapeRenderer lines() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setLegendLine(new Line2D.Double(-8, 0, 8, 0));
        return r;
    }
}
