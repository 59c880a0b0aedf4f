package dev.netwright.charts.fx;

import dev.netwright.charts.metrics.RunMetrics;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.LegendItemSource;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;

import java.awt.Color;
import java.awt.geom.Line2D;
import java.util.Objects;

/**
 * Another run drawn dashed behind the live one in {@link MetricsChart}: its smoothed training loss and its
 * validation loss and accuracy per epoch, in the live run's colours, under one legend entry of its own.
 * Its series sit in a second dataset of each plot, so the live series and their update are untouched.
 */
final class ComparisonOverlay implements LegendItemSource {
    /** Dataset and renderer index of the comparison in each plot; 0 is the live run, drawn over it. */
    private static final int INDEX = 1;

    private final XYSeries smoothedLoss = new XYSeries("compared: training loss (smoothed)", false, true);
    private final XYSeries validationLoss = new XYSeries("compared: validation loss", false, true);
    private final XYSeries validationAccuracy = new XYSeries("compared: validation accuracy", false, true);
    private final XYPlot lossPlot;
    private final XYPlot accuracyPlot;
    private final int maxPoints;
    private String label;

    ComparisonOverlay(XYPlot lossPlot, XYPlot accuracyPlot, int maxPoints) {
        this.lossPlot = lossPlot;
        this.accuracyPlot = accuracyPlot;
        this.maxPoints = maxPoints;
        lossPlot.setRenderer(INDEX, renderer(new Color[] {Palette.TRAIN, Palette.VALIDATION}, new boolean[] {false, true}));
        accuracyPlot.setRenderer(INDEX, renderer(new Color[] {Palette.VALIDATION}, new boolean[] {true}));
    }

    /** Copies {@code other} as it is now; call again to refresh it or to replace it with another run. */
    void show(RunMetrics other, String label) {
        this.label = Objects.requireNonNull(label, "label");
        SeriesFill.fill(smoothedLoss, other.smoothedLoss(), maxPoints);
        SeriesFill.fill(validationLoss, other.validationLoss(), maxPoints);
        SeriesFill.fill(validationAccuracy, other.validationAccuracy(), maxPoints);
        if (lossPlot.getDataset(INDEX) == null) {
            lossPlot.setDataset(INDEX, ChartParts.collection(smoothedLoss, validationLoss));
            accuracyPlot.setDataset(INDEX, ChartParts.collection(validationAccuracy));
        }
    }

    /** Whether a run is drawn. */
    boolean isShown() {
        return label != null;
    }

    void clear() {
        label = null;
        lossPlot.setDataset(INDEX, null);
        accuracyPlot.setDataset(INDEX, null);
        for (XYSeries s : new XYSeries[] {smoothedLoss, validationLoss, validationAccuracy}) {
            s.clear();
        }
    }

    /** One entry, a dashed line with the label: the colours already say which curve is training or validation. */
    @Override
    public LegendItemCollection getLegendItems() {
        LegendItemCollection items = new LegendItemCollection();
        if (label != null) {
            items.add(new LegendItem(label, null, null, null, new Line2D.Double(-9, 0, 9, 0), Palette.COMPARED,
                    Palette.COMPARED_LEGEND));
        }
        return items;
    }

    private static XYLineAndShapeRenderer renderer(Color[] colours, boolean[] markers) {
        XYLineAndShapeRenderer r = ChartParts.lines();
        r.setDrawSeriesLineAsPath(true); // one path per series, or each short segment restarts the dash pattern
        r.setDefaultSeriesVisibleInLegend(false);
        for (int i = 0; i < colours.length; i++) {
            r.setSeriesPaint(i, colours[i]);
            r.setSeriesStroke(i, Palette.COMPARED);
            r.setSeriesShapesVisible(i, markers[i]);
            r.setSeriesShapesFilled(i, false);
            r.setSeriesShape(i, ChartParts.MARKER);
        }
        return r;
    }
}
