package dev.netwright.charts.fx;

import dev.netwright.runtime.train.TrainingEvent;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The confusion matrix as a heatmap: actual class down, predicted class across, each cell shaded by its
 * share of its row and labelled with its count. Clicking a cell selects it (a thick border, until another is
 * clicked or another evaluation is shown) and reports (actual, predicted), which the evaluation panel uses to
 * list that cell's samples.
 */
public final class ConfusionMatrixChart {
    /** A clicked cell. */
    public record Cell(int actual, int predicted) {
    }

    private final XYPlot plot;
    private final JFreeChart chart;
    private final ChartViewer viewer;
    /** The border of the selected cell. */
    static final Color SELECTED_BORDER = new Color(230, 120, 0);

    private int[][] confusion = new int[0][0];
    private Consumer<Cell> onCellClicked = cell -> { };
    private Cell selected;
    private XYShapeAnnotation selectedBorder;

    public ConfusionMatrixChart() {
        XYBlockRenderer renderer = new XYBlockRenderer();
        LookupPaintScale scale = new LookupPaintScale(0, 1.0001, Color.WHITE);
        for (int step = 0; step <= 10; step++) {
            int shade = 255 - step * 20;
            scale.add(step / 10.0, new Color(shade, shade, 255));
        }
        renderer.setPaintScale(scale);
        plot = new XYPlot(new DefaultXYZDataset(), new SymbolAxis("predicted", new String[0]),
                new SymbolAxis("actual", new String[0]), renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.getRangeAxis().setInverted(true);
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        viewer = new ChartViewer(chart);
        viewer.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX event) {
                cellAt(event.getTrigger().getX(), event.getTrigger().getY()).ifPresent(cell -> {
                    select(cell);
                    onCellClicked.accept(cell);
                });
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX event) {
                // only clicks matter
            }
        });
    }

    public ChartViewer viewer() {
        return viewer;
    }

    public JFreeChart chart() {
        return chart;
    }

    public void setOnCellClicked(Consumer<Cell> listener) {
        onCellClicked = Objects.requireNonNull(listener, "listener");
    }

    /** Marks a cell as the selected one with a border (what a click does before it reports the cell). */
    public void select(Cell cell) {
        Objects.requireNonNull(cell, "cell");
        if (cell.actual() < 0 || cell.predicted() < 0 || cell.actual() >= confusion.length
                || cell.predicted() >= confusion.length) {
            throw new IllegalArgumentException("no cell " + cell + " in a " + confusion.length + "-class matrix");
        }
        if (selectedBorder != null) {
            plot.removeAnnotation(selectedBorder, false);
        }
        selected = cell;
        selectedBorder = new XYShapeAnnotation(new Rectangle2D.Double(cell.predicted() - 0.5, cell.actual() - 0.5, 1, 1),
                new BasicStroke(3f), SELECTED_BORDER);
        plot.addAnnotation(selectedBorder, true);
    }

    /** The cell last clicked (or selected), until another evaluation is shown. */
    public Optional<Cell> selected() {
        return Optional.ofNullable(selected);
    }

    /** Whether the selected cell's border is drawn on the plot (for tests). */
    public boolean isSelectionDrawn() {
        return selectedBorder != null && plot.getAnnotations().contains(selectedBorder);
    }

    /** Shows no matrix (a run without an evaluation). */
    public void clear() {
        confusion = new int[0][0];
        selected = null;
        selectedBorder = null;
        chart.setNotify(false);
        try {
            plot.clearAnnotations();
            plot.setDataset(new DefaultXYZDataset());
            plot.setDomainAxis(new SymbolAxis("predicted", new String[0]));
            SymbolAxis actualAxis = new SymbolAxis("actual", new String[0]);
            actualAxis.setInverted(true);
            plot.setRangeAxis(actualAxis);
        } finally {
            chart.setNotify(true);
        }
    }

    public void show(TrainingEvent.Evaluation evaluation) {
        if (evaluation == null) {
            clear();
            return;
        }
        selected = null;
        selectedBorder = null;
        confusion = evaluation.confusion();
        List<String> names = evaluation.classNames();
        int n = confusion.length;
        double[] xs = new double[n * n];
        double[] ys = new double[n * n];
        double[] zs = new double[n * n];
        chart.setNotify(false);
        try {
            plot.clearAnnotations();
            for (int actual = 0; actual < n; actual++) {
                int rowTotal = 0;
                for (int v : confusion[actual]) {
                    rowTotal += v;
                }
                for (int predicted = 0; predicted < n; predicted++) {
                    int i = actual * n + predicted;
                    xs[i] = predicted;
                    ys[i] = actual;
                    zs[i] = rowTotal == 0 ? 0 : (double) confusion[actual][predicted] / rowTotal;
                    XYTextAnnotation count = new XYTextAnnotation(Integer.toString(confusion[actual][predicted]), predicted, actual);
                    count.setFont(new Font(Font.SANS_SERIF, actual == predicted ? Font.BOLD : Font.PLAIN, 11));
                    plot.addAnnotation(count, false);
                }
            }
            DefaultXYZDataset data = new DefaultXYZDataset();
            data.addSeries("confusion", new double[][] {xs, ys, zs});
            plot.setDataset(data);
            String[] labels = names.toArray(String[]::new);
            plot.setDomainAxis(new SymbolAxis("predicted", labels));
            SymbolAxis actualAxis = new SymbolAxis("actual", labels);
            actualAxis.setInverted(true);
            plot.setRangeAxis(actualAxis);
        } finally {
            chart.setNotify(true);
        }
    }

    /** The cell under a point of the viewer, if any. */
    Optional<Cell> cellAt(double x, double y) {
        var info = viewer.getRenderingInfo();
        if (info == null || confusion.length == 0) {
            return Optional.empty();
        }
        var area = info.getPlotInfo().getDataArea();
        double predicted = plot.getDomainAxis().java2DToValue(x, area, RectangleEdge.BOTTOM);
        double actual = plot.getRangeAxis().java2DToValue(y, area, RectangleEdge.LEFT);
        int p = (int) Math.round(predicted);
        int a = (int) Math.round(actual);
        if (!area.contains(x, y) || p < 0 || a < 0 || p >= confusion.length || a >= confusion.length) {
            return Optional.empty();
        }
        return Optional.of(new Cell(a, p));
    }

    /** The centre of a cell in the viewer's coordinates, once the chart has been drawn (for keyboard access and tests). */
    public Optional<javafx.geometry.Point2D> centreOf(Cell cell) {
        var info = viewer.getRenderingInfo();
        if (info == null || cell.actual() >= confusion.length || cell.predicted() >= confusion.length) {
            return Optional.empty();
        }
        var area = info.getPlotInfo().getDataArea();
        double x = plot.getDomainAxis().valueToJava2D(cell.predicted(), area, RectangleEdge.BOTTOM);
        double y = plot.getRangeAxis().valueToJava2D(cell.actual(), area, RectangleEdge.LEFT);
        return Optional.of(new javafx.geometry.Point2D(x, y));
    }

    /** The count in a cell (for tests and tooltips). */
    public int count(Cell cell) {
        return confusion[cell.actual()][cell.predicted()];
    }
}
