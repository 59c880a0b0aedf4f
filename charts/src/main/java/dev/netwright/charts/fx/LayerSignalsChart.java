package dev.netwright.charts.fx;

import dev.netwright.runtime.train.TrainingEvent;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;

import java.awt.Color;
import java.awt.Font;
import java.util.List;

/**
 * One layer's signals as the training doctor sampled them, over iterations: its update:parameter ratio and its
 * gradient norm (both on log axes, where a factor of ten is a step) and its activations' mean and standard deviation,
 * three small plots on one iteration axis.
 */
public final class LayerSignalsChart {
    private final XYSeries updateRatio = new XYSeries("update:parameter ratio", false, true);
    private final XYSeries gradientNorm = new XYSeries("gradient norm", false, true);
    private final XYSeries activationMean = new XYSeries("activation mean", false, true);
    private final XYSeries activationStd = new XYSeries("activation std", false, true);
    private final TextTitle title = new TextTitle("", new Font(Font.SANS_SERIF, Font.BOLD, 12));
    private final JFreeChart chart;
    private final ChartViewer viewer;

    public LayerSignalsChart() {
        NumberAxis iterations = new NumberAxis("iteration");
        iterations.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        iterations.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(iterations);
        combined.setGap(6);
        combined.add(plot(logAxis("update ratio"), new Color(0xd6, 0x27, 0x28), updateRatio), 1);
        combined.add(plot(logAxis("gradient norm"), new Color(0x1f, 0x77, 0xb4), gradientNorm), 1);
        NumberAxis activations = new NumberAxis("activations");
        activations.setAutoRangeIncludesZero(true);
        combined.add(plot(activations, new Color(0x2c, 0xa0, 0x2c), activationMean, activationStd), 1);
        ChartParts.fixValueAxisWidth(combined);
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, combined, true);
        chart.setTitle(title);
        chart.setBackgroundPaint(Color.WHITE);
        viewer = new ChartViewer(chart);
    }

    private static LogAxis logAxis(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setSmallestValue(1e-12); // a layer that did not update has no ratio to draw, not a ratio of zero
        axis.setBase(10);
        axis.setStandardTickUnits(NumberAxis.createStandardTickUnits());
        return axis;
    }

    private static XYPlot plot(ValueAxis axis, Color colour, XYSeries... series) {
        XYLineAndShapeRenderer renderer = ChartParts.lines();
        renderer.setDefaultShapesVisible(true);
        renderer.setDefaultShape(new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
        for (int i = 0; i < series.length; i++) {
            renderer.setSeriesPaint(i, i == 0 ? colour : colour.darker().darker());
            renderer.setSeriesStroke(i, i == 0 ? Palette.LINE : new java.awt.BasicStroke(1.5f,
                    java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_ROUND, 1f, new float[] {5f, 3f}, 0f));
            renderer.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
        }
        XYPlot plot = new XYPlot(ChartParts.collection(series), null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Palette.GRID);
        plot.setRangeGridlineStroke(Palette.GRID_LINE);
        plot.setDomainGridlineStroke(Palette.GRID_LINE);
        return plot;
    }

    /**
     * Draws node {@code node}'s signals from {@code signals} (a run's samples, in order); a node the samples do not
     * name draws nothing. A value that cannot be drawn (NaN; zero or less on a log axis) is left out.
     */
    public void show(List<TrainingEvent.Signals> signals, String node) {
        chart.setNotify(false);
        try {
            for (XYSeries series : List.of(updateRatio, gradientNorm, activationMean, activationStd)) {
                series.clear();
            }
            int drawn = 0;
            for (TrainingEvent.Signals sample : signals) {
                for (TrainingEvent.LayerSignals layer : sample.layers()) {
                    if (!layer.node().equals(node) || !layer.layer().equals(mainLayer(sample, node))) {
                        continue;
                    }
                    drawn++;
                    addPositive(updateRatio, sample.iteration(), layer.updateRatio());
                    addPositive(gradientNorm, sample.iteration(), layer.gradientNorm());
                    addFinite(activationMean, sample.iteration(), layer.activationMean());
                    addFinite(activationStd, sample.iteration(), layer.activationStd());
                }
            }
            for (XYSeries series : List.of(updateRatio, gradientNorm, activationMean, activationStd)) {
                series.fireSeriesChanged(); // the points went in without a notice each; the axes range to them now
            }
            title.setText(node == null ? "" : drawn == 0 ? "No signals of " + node + " in this run"
                    : "Signals of " + node + " (" + drawn + (drawn == 1 ? " sample)" : " samples)"));
        } finally {
            chart.setNotify(true);
        }
    }

    /**
     * The DL4J layer a node's figures are drawn from: a node that compiles to several layers (a Transformer block)
     * is drawn from its last one, whose output is the node's.
     */
    private static String mainLayer(TrainingEvent.Signals sample, String node) {
        String last = null;
        for (TrainingEvent.LayerSignals layer : sample.layers()) {
            if (layer.node().equals(node)) {
                last = layer.layer();
            }
        }
        return last;
    }

    private static void addPositive(XYSeries series, long x, double y) {
        if (y > 0 && Double.isFinite(y)) {
            series.add(x, y, false);
        }
    }

    private static void addFinite(XYSeries series, long x, double y) {
        if (Double.isFinite(y)) {
            series.add(x, y, false);
        }
    }

    /** How many points each plot draws: update ratio, gradient norm, activation mean, activation std. */
    public int[] pointCounts() {
        return new int[] {updateRatio.getItemCount(), gradientNorm.getItemCount(), activationMean.getItemCount(),
                activationStd.getItemCount()};
    }

    public String titleText() {
        return title.getText();
    }

    public ChartViewer viewer() {
        return viewer;
    }

    public JFreeChart chart() {
        return chart;
    }
}
