package dev.netwright.charts.fx;

import dev.netwright.charts.metrics.ParallelCoordinates;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep's trials in parallel coordinates: one vertical axis per dimension and the score last, one line per trial,
 * darker the better it scored, the best one red and thicker, a trial without a score yet grey. The values at the ends
 * of each axis (every value, for names) are written beside it. For the Experiments panel.
 */
public final class ParallelCoordinatesChart {
    private static final Color BEST = new Color(0xd6, 0x27, 0x28);
    private static final Color NO_SCORE = new Color(0xbb, 0xbb, 0xbb);
    private static final Color AXIS = new Color(0x55, 0x55, 0x55);
    /** What the empty chart says instead of drawing a lone axis. */
    static final String NO_TRIALS = "No trials to draw yet: each trial of the chosen experiment becomes a line here.";
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

    private final XYSeriesCollection data = new XYSeriesCollection();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    private final XYPlot plot;
    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final List<String> lineLabels = new ArrayList<>();

    public ParallelCoordinatesChart() {
        NumberAxis values = new NumberAxis();
        values.setRange(-0.08, 1.08);
        values.setTickLabelsVisible(false);
        values.setTickMarksVisible(false);
        values.setAxisLineVisible(false);
        plot = new XYPlot(data, new SymbolAxis(null, new String[0]), values, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinesVisible(false);
        plot.setDomainGridlinePaint(AXIS);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setNoDataMessage(NO_TRIALS);
        plot.setNoDataMessagePaint(AXIS);
        renderer.setDefaultToolTipGenerator((dataset, series, item) -> lineLabels.get(series));
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        viewer = new ChartViewer(chart);
    }

    public ChartViewer viewer() {
        return viewer;
    }

    public JFreeChart chart() {
        return chart;
    }

    /** Draws {@code picture}: its axes left to right, its lines (the best drawn last, on top). */
    public void show(ParallelCoordinates picture) {
        chart.setNotify(false);
        try {
            data.removeAllSeries();
            lineLabels.clear();
            plot.clearAnnotations();
            // no lines: no axes either, so the no-data message stands alone rather than across a lone axis
            List<ParallelCoordinates.Axis> axes = picture.lines().isEmpty() ? List.of() : picture.axes();
            SymbolAxis names = new SymbolAxis(null, axes.stream().map(ParallelCoordinates.Axis::name).toArray(String[]::new));
            names.setGridBandsVisible(false);
            names.setLowerMargin(0.05);
            names.setUpperMargin(0.05);
            plot.setDomainAxis(names);
            List<ParallelCoordinates.Line> inOrder = new ArrayList<>(picture.lines());
            inOrder.sort((a, b) -> Boolean.compare(a.best(), b.best())); // the best on top
            double low = picture.lines().stream().mapToDouble(ParallelCoordinates.Line::score).filter(s -> !Double.isNaN(s))
                    .min().orElse(0);
            double high = picture.lines().stream().mapToDouble(ParallelCoordinates.Line::score).filter(s -> !Double.isNaN(s))
                    .max().orElse(1);
            for (ParallelCoordinates.Line line : inOrder) {
                XYSeries series = new XYSeries(line.label(), false, true);
                for (int axis = 0; axis < line.positions().length; axis++) {
                    double y = line.positions()[axis];
                    if (!Double.isNaN(y)) {
                        series.add(axis, y, false);
                    }
                }
                int index = data.getSeriesCount();
                data.addSeries(series);
                lineLabels.add(line.label());
                renderer.setSeriesPaint(index, colour(line, low, high));
                renderer.setSeriesStroke(index, new BasicStroke(line.best() ? 3f : 1.5f));
                renderer.setSeriesShape(index, new Ellipse2D.Double(-3, -3, 6, 6));
            }
            for (int axis = 0; axis < axes.size(); axis++) {
                for (ParallelCoordinates.Tick tick : axes.get(axis).ticks()) {
                    XYTextAnnotation label = new XYTextAnnotation(" " + tick.label(), axis, tick.position());
                    label.setFont(TICK_FONT);
                    label.setPaint(AXIS);
                    label.setTextAnchor(TextAnchor.CENTER_LEFT);
                    plot.addAnnotation(label, false);
                }
            }
        } finally {
            chart.setNotify(true);
        }
    }

    /** The labels of the lines drawn, in drawing order (the best last). */
    public List<String> lineLabels() {
        return List.copyOf(lineLabels);
    }

    /** The labels written on the axes, axis by axis, bottom to top. */
    /** The axes drawn, left to right (none while there are no lines). */
    public List<String> axisNames() {
        return List.of(((SymbolAxis) plot.getDomainAxis()).getSymbols());
    }

    public List<String> tickLabels() {
        return plot.getAnnotations().stream().map(a -> ((XYTextAnnotation) a).getText().strip()).toList();
    }

    /** Light blue for the worst score to dark blue for the best; red for the best trial; grey without a score. */
    private static Color colour(ParallelCoordinates.Line line, double low, double high) {
        if (line.best()) {
            return BEST;
        }
        if (Double.isNaN(line.score())) {
            return NO_SCORE;
        }
        double t = high > low ? (line.score() - low) / (high - low) : 1;
        return new Color(mix(0xc6, 0x08, t), mix(0xdb, 0x45, t), mix(0xef, 0x94, t));
    }

    private static int mix(int from, int to, double t) {
        return (int) Math.round(from + (to - from) * t);
    }
}
