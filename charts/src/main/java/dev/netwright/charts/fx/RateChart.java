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

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;

/**
 * A slim strip under the metrics: learning rate and samples per second over iterations, lined up with them
 * ({@link #alignWith}); the planned learning rate, where the settings give one, dashed under the run's.
 */
public final class RateChart {
    private final XYSeries learningRate = new XYSeries("learning rate", false, true);
    /** The learning rate the settings plan, drawn dashed under the run's (before a run, and during it). */
    private final XYSeries plannedRate = new XYSeries("planned learning rate", false, true);
    private final XYSeries throughput = new XYSeries("samples/s", false, true);
    private static final BasicStroke PLANNED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[] {6f, 4f}, 0f);
    private final JFreeChart chart;
    private final ChartViewer viewer;

    private final NumberAxis iterations = new NumberAxis("iteration");
    private NumberAxis lead;
    private MetricsChart leader;

    public RateChart() {
        iterations.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(iterations);
        XYPlot rates = plot(learningRate, "LR", new Color(0x2c, 0xa0, 0x2c));
        ((XYSeriesCollection) rates.getDataset()).addSeries(plannedRate);
        XYLineAndShapeRenderer rateLines = (XYLineAndShapeRenderer) rates.getRenderer();
        rateLines.setSeriesPaint(1, new Color(0x2c, 0xa0, 0x2c, 0x99));
        rateLines.setSeriesStroke(1, PLANNED);
        combined.add(rates, 1);
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

    /**
     * Shows the planned learning rate, dashed: {@code points} are (iteration, rate) pairs; none clears it. The run's
     * own rate is drawn over it as it comes. Before a run the strip's iterations cover the plan; once the metrics chart
     * draws a run, they are that chart's again (so during a run the plan shows up to the iteration reached).
     */
    public void showPlannedRate(List<double[]> points) {
        chart.setNotify(false);
        try {
            plannedRate.clear();
            for (double[] p : points) {
                plannedRate.add(p[0], p[1], false);
            }
            plannedRate.fireSeriesChanged();
            followLead();
        } finally {
            chart.setNotify(true);
        }
    }

    /** The planned rate's points drawn now, as (iteration, rate). */
    public List<double[]> plannedRate() {
        List<double[]> points = new java.util.ArrayList<>();
        for (int i = 0; i < plannedRate.getItemCount(); i++) {
            points.add(new double[] {plannedRate.getX(i).doubleValue(), plannedRate.getY(i).doubleValue()});
        }
        return points;
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
        leader = metrics;
        lead = metrics.iterationAxis();
        lead.addChangeListener(e -> followLead());
        followLead();
    }

    /** The lead's range while it draws a run; before any run its own, so that the planned rate shows whole. */
    private void followLead() {
        if (lead == null) {
            return;
        }
        if (leader.drawsNothing() && plannedRate.getItemCount() > 0) {
            if (!iterations.isAutoRange()) {
                iterations.setAutoRange(true);
            }
        } else if (!lead.getRange().equals(iterations.getRange())) {
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
