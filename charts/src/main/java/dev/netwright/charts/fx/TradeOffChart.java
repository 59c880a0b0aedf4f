package dev.netwright.charts.fx;

import dev.netwright.charts.metrics.TradeOff;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.labels.XYItemLabelGenerator;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
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
    private final LabelsThatFit renderer;
    private TradeOff.Cost cost = TradeOff.Cost.SIZE;

    public TradeOffChart() {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(front);
        data.addSeries(original);
        data.addSeries(variants);
        LabelsThatFit renderer = new LabelsThatFit();
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
        renderer.setDefaultToolTipGenerator((dataset, series, item) -> labels.get(series).get(item));
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        accuracyAxis.setAutoRangeIncludesZero(false);
        accuracyAxis.setUpperMargin(0.12); // room for the labels above the top points
        costAxis.setAutoRangeIncludesZero(true);
        costAxis.setUpperMargin(0.3); // and right of the costliest (the original, usually)
        this.renderer = renderer;
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
            List<TradeOff.Point> onFront = TradeOff.front(points, cost);
            for (TradeOff.Point p : onFront) {
                front.add(x(p), p.accuracy(), false);
                labels.get(0).add(p.label());
            }
            // the front's points first: where labels crowd, theirs are drawn and the others' left to the tooltips
            List<TradeOff.Point> inOrder = new ArrayList<>(onFront);
            points.stream().filter(p -> !onFront.contains(p)).forEach(inOrder::add);
            for (TradeOff.Point p : inOrder) {
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

    /** The labels the last drawing showed, in the order drawn; a crowded one is left out (its tooltip names it). */
    public List<String> shownLabels() {
        return List.copyOf(renderer.shown);
    }

    /** What the cost axis shows now. */
    public TradeOff.Cost cost() {
        return cost;
    }

    /**
     * Draws each point's label right of it, or left of it where the right would cover a label drawn before or leave
     * the plot; a label that fits on neither side is left out, so that crowded points never print over each other.
     */
    private static final class LabelsThatFit extends XYLineAndShapeRenderer {
        private static final double GAP = 8;
        private final List<Rectangle2D> drawn = new ArrayList<>();
        private final List<String> shown = new ArrayList<>();
        private Rectangle2D area = new Rectangle2D.Double();

        @Override
        public XYItemRendererState initialise(Graphics2D g2, Rectangle2D dataArea, XYPlot plot, XYDataset dataset,
                                              PlotRenderingInfo info) {
            drawn.clear();
            shown.clear();
            area = dataArea;
            return super.initialise(g2, dataArea, plot, dataset, info);
        }

        @Override
        protected void drawItemLabel(Graphics2D g2, PlotOrientation orientation, XYDataset dataset, int series, int item,
                                     double x, double y, boolean negative) {
            XYItemLabelGenerator generator = getItemLabelGenerator(series, item);
            String label = generator == null ? null : generator.generateLabel(dataset, series, item);
            if (label == null) {
                return;
            }
            Font font = getItemLabelFont(series, item);
            FontMetrics metrics = g2.getFontMetrics(font);
            double width = metrics.stringWidth(label);
            double height = metrics.getAscent() + metrics.getDescent();
            Rectangle2D right = new Rectangle2D.Double(x + GAP, y - height / 2, width, height);
            Rectangle2D left = new Rectangle2D.Double(x - GAP - width, y - height / 2, width, height);
            Rectangle2D place = free(right) ? right : free(left) ? left : null;
            if (place == null) {
                return;
            }
            drawn.add(place);
            shown.add(label);
            g2.setFont(font);
            g2.setPaint(getItemLabelPaint(series, item));
            TextUtils.drawAlignedString(label, g2, (float) place.getX(), (float) place.getCenterY(), TextAnchor.CENTER_LEFT);
        }

        private boolean free(Rectangle2D place) {
            return area.contains(place) && drawn.stream().noneMatch(place::intersects);
        }
    }
}
