package dev.netwright.charts.fx;

import dev.netwright.charts.metrics.RunMetrics;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;

/** A slim strip under the metrics: learning rate and samples per second over iterations, lined up with them ({@link #alignWith}). */
public final class RateChart {
    private final XYSeries learningRate = new XYSeries("learning rate", false, true);
    private final XYSeries throughput = new XYSeries("samples/s", false, true);
    private final JFreeChart chart;
    private final ChartViewer viewer;

    private final NumberAxis iterations = new NumberAxis("iteration");
    private NumberAxis lead;

    public RateChart() {
        iterations.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(iterations);
        combined.add(plot(learningRate, "LR", new Color(0x2c, 0xa0, 0x2c)), 1);
        combined.add(plot(throughput, "samples/s", new Color(0x94, 0x67, 0xbd)), 1);
        ChartParts.fixValueAxisWidth(combined);
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

    /**
     * Draws the iterations as {@code metrics} does, on the same range and from the same x (both keep the same
     * width for their value axes), so that the strip lines up under the loss and accuracy. It follows the metrics
     * chart's range from then on, a compared longer run included; update the metrics chart first.
     */
    public void alignWith(MetricsChart metrics) {
        lead = metrics.iterationAxis();
        lead.addChangeListener(e -> followLead());
        followLead();
    }

    private void followLead() {
        if (lead != null && !lead.getRange().equals(iterations.getRange())) {
            iterations.setRange(lead.getRange());
        }
    }

    /** The iteration range drawn now. */
    public Range iterationRange() {
        return iterations.getRange();
    }

    public void update(RunMetrics metrics) {
        chart.setNotify(false);
        try {
            SeriesFill.fill(learningRate, metrics.learningRate());
            SeriesFill.fill(throughput, metrics.samplesPerSecond());
            followLead(); // the metrics chart's axis ranges itself to its data without telling its listeners
        } finally {
            chart.setNotify(true);
        }
    }
}
