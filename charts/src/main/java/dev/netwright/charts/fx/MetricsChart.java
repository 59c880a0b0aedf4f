package dev.netwright.charts.fx;

import dev.netwright.charts.metrics.RunMetrics;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemSource;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;

import java.awt.Color;
import java.util.List;
import java.util.Objects;

/**
 * The live training chart: loss on top, accuracy below (as tall), over iterations. Training loss is drawn faint
 * (raw) with a smoothed line over it; training and validation figures per epoch are markers joined by
 * lines; epoch ends are vertical lines. {@link #update} redraws once however many points arrived.
 * Another run can be drawn dashed behind the live one to compare them ({@link #compareWith}).
 */
public final class MetricsChart {
    private final XYSeries rawLoss = series("training loss (raw)");
    private final XYSeries smoothLoss = series("training loss (smoothed)");
    private final XYSeries validationLoss = series("validation loss");
    private final XYSeries trainAccuracy = series("training accuracy");
    private final XYSeries validationAccuracy = series("validation accuracy");
    private final XYPlot lossPlot;
    private final XYPlot accuracyPlot;
    private final NumberAxis iterations;
    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final ComparisonOverlay comparison;
    private final int maxPointsPerSeries;
    private int epochMarkers;
    private RunMetrics shown;

    public MetricsChart() {
        this(SeriesFill.MAX_POINTS);
    }

    /** A chart drawing at most {@code maxPointsPerSeries} per series; the benchmark's baseline draws them all. */
    MetricsChart(int maxPointsPerSeries) {
        this.maxPointsPerSeries = maxPointsPerSeries;
        lossPlot = new XYPlot(ChartParts.collection(rawLoss, smoothLoss, validationLoss), null, new NumberAxis("loss"),
                renderer(new Color[] {Palette.TRAIN_RAW, Palette.TRAIN, Palette.VALIDATION}, new boolean[] {false, false, true}));
        accuracyPlot = new XYPlot(ChartParts.collection(trainAccuracy, validationAccuracy), null, new NumberAxis("accuracy"),
                renderer(new Color[] {Palette.TRAIN, Palette.VALIDATION}, new boolean[] {true, true}));
        ((NumberAxis) accuracyPlot.getRangeAxis()).setRange(0, 1);
        NumberAxis iterations = new NumberAxis("iteration");
        iterations.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        this.iterations = iterations;
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(iterations);
        combined.add(lossPlot, 1);
        combined.add(accuracyPlot, 1);
        combined.setGap(8);
        for (XYPlot p : List.of(lossPlot, accuracyPlot)) {
            p.setBackgroundPaint(Color.WHITE);
            p.setDomainGridlinePaint(Palette.GRID);
            p.setRangeGridlinePaint(Palette.GRID);
            p.setDomainGridlineStroke(Palette.GRID_LINE);
            p.setRangeGridlineStroke(Palette.GRID_LINE);
            ((NumberAxis) p.getRangeAxis()).setAutoRangeIncludesZero(false);
            // series in their order: the smoothed loss over the raw one, validation over training (XYPlot draws
            // the last series first by default, which hid validation accuracy under training accuracy)
            p.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        }
        ChartParts.fixValueAxisWidth(combined);
        comparison = new ComparisonOverlay(lossPlot, accuracyPlot, maxPointsPerSeries);
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, combined, true);
        // FXGraphics2D measures text a little narrower than it draws it: room after each label keeps them apart
        chart.getLegend().setItemLabelPadding(new org.jfree.chart.ui.RectangleInsets(2, 2, 2, 14));
        chart.getLegend().setSources(new LegendItemSource[] {combined, comparison});
        chart.setBackgroundPaint(Color.WHITE);
        viewer = new ChartViewer(chart);
    }

    public ChartViewer viewer() {
        return viewer;
    }

    public JFreeChart chart() {
        return chart;
    }

    /** The iteration axis the loss and accuracy share (and {@link RateChart#alignWith} follows). */
    NumberAxis iterationAxis() {
        return iterations;
    }

    /** Whether it draws no run at all (no iterations yet, nothing compared): its iteration axis then means nothing. */
    boolean drawsNothing() {
        return rawLoss.getItemCount() == 0 && validationLoss.getItemCount() == 0 && !comparison.isShown();
    }

    /** Redraws from the metrics: one repaint for all series (notifications are held while filling). */
    public void update(RunMetrics metrics) {
        chart.setNotify(false);
        try {
            if (metrics != shown) {
                // another run: its epochs end elsewhere, so the markers start again
                lossPlot.clearDomainMarkers();
                accuracyPlot.clearDomainMarkers();
                epochMarkers = 0;
                shown = metrics;
            }
            SeriesFill.fill(rawLoss, metrics.loss(), maxPointsPerSeries);
            SeriesFill.fill(smoothLoss, metrics.smoothedLoss(), maxPointsPerSeries);
            SeriesFill.fill(validationLoss, metrics.validationLoss(), maxPointsPerSeries);
            SeriesFill.fill(trainAccuracy, metrics.trainAccuracy(), maxPointsPerSeries);
            SeriesFill.fill(validationAccuracy, metrics.validationAccuracy(), maxPointsPerSeries);
            List<Double> ends = metrics.epochBoundaries();
            for (; epochMarkers < ends.size(); epochMarkers++) {
                for (XYPlot p : List.of(lossPlot, accuracyPlot)) {
                    ValueMarker marker = new ValueMarker(ends.get(epochMarkers), Palette.EPOCH, Palette.DASHED);
                    p.addDomainMarker(marker);
                }
            }
        } finally {
            chart.setNotify(true);
        }
    }

    /**
     * Draws {@code other} behind the live run on the same axes: its smoothed training loss and its validation loss
     * and accuracy per epoch, dashed with hollow markers, under one legend entry {@code label}. It is a copy of
     * {@code other} as it is now (a past run does not change); calling again replaces it. {@link #update} keeps
     * drawing the live run as before.
     */
    public void compareWith(RunMetrics other, String label) {
        Objects.requireNonNull(other, "other");
        Objects.requireNonNull(label, "label");
        chart.setNotify(false);
        try {
            comparison.show(other, label);
        } finally {
            chart.setNotify(true);
        }
    }

    /** Removes the compared run and its legend entry; nothing happens when there is none. */
    public void clearComparison() {
        chart.setNotify(false);
        try {
            comparison.clear();
        } finally {
            chart.setNotify(true);
        }
    }

    /** Points of the raw loss series now drawn (after downsampling). */
    int drawnLossPoints() {
        return rawLoss.getItemCount();
    }

    int drawnValidationPoints() {
        return validationAccuracy.getItemCount();
    }

    private static XYSeries series(String name) {
        return new XYSeries(name, false, true);
    }

    private static XYLineAndShapeRenderer renderer(Color[] colours, boolean[] markers) {
        XYLineAndShapeRenderer r = ChartParts.lines();
        for (int i = 0; i < colours.length; i++) {
            r.setSeriesPaint(i, colours[i]);
            r.setSeriesStroke(i, i == 0 && !markers[i] && colours.length == 3 ? Palette.THIN : Palette.LINE);
            r.setSeriesShapesVisible(i, markers[i]);
            r.setSeriesShape(i, ChartParts.MARKER);
        }
        return r;
    }
}
