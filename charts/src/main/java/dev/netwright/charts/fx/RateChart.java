package dev.netwright.charts.fx;

import dev.netwright.charts.metrics.RunMetrics;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;

/** A slim strip under the metrics: learning rate and samples per second over iterations. */
public final class RateChart {
    private final XYSeries learningRate = new XYSeries("learning rate", false, true);
    private final XYSeries throughput = new XYSeries("samples/s", false, true);
    private final JFreeChart chart;
    private final ChartViewer viewer;

    public RateChart() {
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(new NumberAxis("iteration"));
        combined.add(plot(learningRate, "LR", new Color(0x2c, 0xa0, 0x2c)), 1);
        combined.add(plot(throughput, "samples/s", new Color(0x94, 0x67, 0xbd)), 1);
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, combined, false);
        chart.setBackgroundPaint(Color.WHITE);
        viewer = new ChartViewer(chart);
    }

    private static XYPlot plot(XYSeries series, String label, Color colour) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, colour);
        renderer.setSeriesStroke(0, Palette.LINE);
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Palette.GRID);
        plot.setRangeGridlineStroke(Palette.GRID_LINE);
        plot.setDomainGridlineStroke(Palette.GRID_LINE);
        return plot;
    }

    public ChartViewer viewer() {
        return viewer;
    }

    public JFreeChart chart() {
        return chart;
    }

    public void update(RunMetrics metrics) {
        chart.setNotify(false);
        try {
            SeriesFill.fill(learningRate, metrics.learningRate());
            SeriesFill.fill(throughput, metrics.samplesPerSecond());
        } finally {
            chart.setNotify(true);
        }
    }
}
