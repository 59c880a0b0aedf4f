package dev.netwright.charts.fx;

import dev.netwright.charts.metrics.TradeOff;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.XYItemLabelGenerator;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Accuracy against model size or latency for a model and its compressed variants: the original as a square, each
 * variant as a dot labelled with its name, and the Pareto front (the variants nothing else beats on both) joined by a
 * line with its points filled. For the Compress panel.
 */
public final class TradeOffChart {
    private static final Color ORIGINAL = new Color(0x1f, 0x77, 0xb4);
    private static final Color VARIANT = new Color(0x7f, 0x7f, 0x7f);
    private static final Color FRONT = new Color(0xd6, 0x27, 0x28);

    private final XYSeries front = new XYSeries("Pareto front", false, true);
    private final XYSeries original = new XYSeries("original", false, true);
    private final XYSeries variants = new XYSeries("compressed", false, true);
    private final NumberAxis costAxis = new NumberAxis(TradeOff.Cost.SIZE.label());
    private final NumberAxis accuracyAxis = new NumberAxis("accuracy");
    private final JFreeChart chart;
    private final ChartViewer viewer;
    /** The labels of the points drawn, per series, in their order. */
    private final List<List<String>> labels = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    private TradeOff.Cost cost = TradeOff.Cost.SIZE;

    public TradeOffChart() {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(front);
        data.addSeries(original);
        data.addSeries(variants);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        renderer.setSeriesLinesVisible(0, true);
        renderer.setSeriesLinesVisible(1, false);
        renderer.setSeriesLinesVisible(2, false);
        renderer.setSeriesPaint(0, FRONT);
        renderer.setSeriesPaint(1, ORIGINAL);
        renderer.setSeriesPaint(2, VARIANT);
        renderer.setSeriesStroke(0, new BasicStroke(1.5f));
        renderer.setSeriesShape(0, new Ellipse2D.Double(-6, -6, 12, 12));
        renderer.setSeriesShape(1, new Rectangle2D.Double(-5, -5, 10, 10));
        renderer.setSeriesShape(2, new Ellipse2D.Double(-4, -4, 8, 8));
        XYItemLabelGenerator names = (dataset, series, item) -> series == 0 ? null : labels.get(series).get(item);
        renderer.setDefaultItemLabelGenerator(names);
        renderer.setDefaultItemLabelsVisible(true);
        // right of each point: a point near the left axis keeps its whole label, the axis's margin makes room at the right
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3,
                TextAnchor.CENTER_LEFT));
        renderer.setDefaultNegativeItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3,
                TextAnchor.CENTER_LEFT));
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        accuracyAxis.setAutoRangeIncludesZero(false);
        accuracyAxis.setUpperMargin(0.12); // room for the labels above the top points
        costAxis.setAutoRangeIncludesZero(true);
        costAxis.setUpperMargin(0.3); // and right of the costliest (the original, usually)
        XYPlot plot = new XYPlot(data, costAxis, accuracyAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xe0, 0xe0, 0xe0));
        plot.setDomainGridlinePaint(new Color(0xe0, 0xe0, 0xe0));
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        viewer = new ChartViewer(chart);
    }

    public ChartViewer viewer() {
        return viewer;
    }

    public JFreeChart chart() {
        return chart;
    }

    /** Draws {@code points} against {@code cost}; a point whose cost is not known (no latency measured) is left out. */
    public void show(List<TradeOff.Point> points, TradeOff.Cost cost) {
        this.cost = cost;
        chart.setNotify(false);
        try {
            costAxis.setLabel(cost.label());
            front.clear();
            original.clear();
            variants.clear();
            labels.forEach(List::clear);
            for (TradeOff.Point p : TradeOff.front(points, cost)) {
                front.add(x(p), p.accuracy(), false);
                labels.get(0).add(p.label());
            }
            for (TradeOff.Point p : points) {
                if (Double.isNaN(p.cost(cost)) || Double.isNaN(p.accuracy())) {
                    continue;
                }
                XYSeries series = p.original() ? original : variants;
                series.add(x(p), p.accuracy(), false);
                labels.get(p.original() ? 1 : 2).add(p.label());
            }
            front.fireSeriesChanged();
            original.fireSeriesChanged();
            variants.fireSeriesChanged();
        } finally {
            chart.setNotify(true);
        }
    }

    /** Sizes in KB (files of tens to hundreds of KB read better so), latencies in milliseconds. */
    private double x(TradeOff.Point p) {
        return cost == TradeOff.Cost.SIZE ? p.fileBytes() / 1024.0 : p.latencyMs();
    }

    /** The labels of the points on the Pareto front, as drawn, cheapest first. */
    public List<String> frontLabels() {
        return List.copyOf(labels.get(0));
    }

    /** The labels of every point drawn (the original first), as drawn. */
    public List<String> pointLabels() {
        List<String> all = new ArrayList<>(labels.get(1));
        all.addAll(labels.get(2));
        return all;
    }

    /** What the cost axis shows now. */
    public TradeOff.Cost cost() {
        return cost;
    }
}
