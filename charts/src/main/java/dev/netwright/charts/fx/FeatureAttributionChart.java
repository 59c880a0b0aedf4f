package dev.netwright.charts.fx;

import dev.netwright.charts.metrics.FeatureAttributions;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.List;

/**
 * An explanation of a row of features as horizontal bars, one per feature, the largest |attribution| at the top:
 * red pushes towards the class, blue away from it; E[f] and f(x) under the title. For the Try it panel's CSV designs.
 */
public final class FeatureAttributionChart {
    private static final Color TOWARDS = new Color(0xd6, 0x27, 0x28);
    private static final Color AWAY = new Color(0x1f, 0x77, 0xb4);
    /** The most bars drawn; the rest are summed into one, so a wide row stays readable. */
    static final int MOST_BARS = 20;

    private final DefaultCategoryDataset data = new DefaultCategoryDataset();
    private final List<String> drawn = new ArrayList<>();
    private final List<Double> drawnValues = new ArrayList<>();
    private final TextTitle summary = new TextTitle("", new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    private final JFreeChart chart;
    private final ChartViewer viewer;

    public FeatureAttributionChart() {
        NumberAxis attribution = new NumberAxis("attribution");
        CategoryAxis features = new CategoryAxis();
        features.setMaximumCategoryLabelWidthRatio(0.35f);
        BarRenderer renderer = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return drawnValues.get(column) >= 0 ? TOWARDS : AWAY;
            }
        };
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setDefaultToolTipGenerator((dataset, row, column) -> drawn.get(column) + ": "
                + String.format(java.util.Locale.ROOT, "%+.4f", drawnValues.get(column)));
        CategoryPlot plot = new CategoryPlot(data, features, attribution, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT); // the values under the bars
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xe0, 0xe0, 0xe0));
        plot.setRangeZeroBaselineVisible(true);
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(summary);
        viewer = new ChartViewer(chart);
    }

    public ChartViewer viewer() {
        return viewer;
    }

    public JFreeChart chart() {
        return chart;
    }

    /** Draws {@code shown} under {@code title} (e.g. "KernelSHAP for virginica"); null clears the chart. */
    public void show(FeatureAttributions shown, String title) {
        chart.setNotify(false);
        try {
            data.clear();
            drawn.clear();
            drawnValues.clear();
            chart.setTitle(shown == null ? null : new TextTitle(title, new Font(Font.SANS_SERIF, Font.BOLD, 13)));
            summary.setText(shown == null ? "" : shown.summary());
            if (shown == null) {
                return;
            }
            List<FeatureAttributions.Feature> sorted = shown.sorted();
            double rest = 0;
            for (int i = 0; i < sorted.size(); i++) {
                if (i < MOST_BARS || sorted.size() == MOST_BARS + 1) {
                    String name = sorted.get(i).name();
                    drawn.add(drawn.contains(name) ? name + " (" + (i + 1) + ")" : name); // a category per bar
                    drawnValues.add(sorted.get(i).value());
                } else {
                    rest += sorted.get(i).value();
                }
            }
            if (sorted.size() > MOST_BARS + 1) {
                drawn.add((sorted.size() - MOST_BARS) + " other features");
                drawnValues.add(rest);
            }
            for (int i = 0; i < drawn.size(); i++) {
                data.addValue(drawnValues.get(i), "attribution", drawn.get(i));
            }
        } finally {
            chart.setNotify(true);
        }
    }

    /** The bars' labels as drawn, top first. */
    public List<String> bars() {
        return List.copyOf(drawn);
    }

    /** The bars' values as drawn, top first. */
    public List<Double> barValues() {
        return List.copyOf(drawnValues);
    }

    /** The line under the title: E[f], f(x) and the attributions' sum. */
    public String summary() {
        return summary.getText();
    }
}
