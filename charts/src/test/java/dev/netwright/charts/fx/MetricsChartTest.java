package dev.netwright.charts.fx;

import dev.netwright.charts.Events;
import dev.netwright.charts.metrics.RunMetrics;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.LegendItemSource;
import org.jfree.chart.event.ChartChangeEvent;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The metrics chart with and without another run compared, on a headless stage. */
@ExtendWith(ApplicationExtension.class)
class MetricsChartTest {
    private static final List<String> LIVE = List.of("training loss (raw)", "training loss (smoothed)",
            "validation loss", "training accuracy", "validation accuracy");

    private MetricsChart chart;
    private final RunMetrics live = new RunMetrics();
    private final RunMetrics past = new RunMetrics();

    @Start
    void start(Stage stage) {
        chart = new MetricsChart();
        chart.viewer().setPrefSize(600, 300);
        stage.setScene(new Scene(chart.viewer(), 600, 300));
        stage.show();
        Events.run(300, 100).forEach(live::accept);
        Events.run(500, 100).forEach(past::accept);
    }

    @Test
    void showingAnotherRunReplacesTheEpochMarkers(FxRobot robot) {
        robot.interact(() -> chart.update(past));
        assertThat(epochMarkers()).as("500 iterations, 100 per epoch").isEqualTo(5);

        robot.interact(() -> chart.update(live));
        assertThat(epochMarkers()).as("300 iterations, 100 per epoch").isEqualTo(3);
    }

    private int epochMarkers() {
        var plot = (org.jfree.chart.plot.CombinedDomainXYPlot) chart.chart().getPlot();
        var markers = ((org.jfree.chart.plot.XYPlot) plot.getSubplots().get(0)).getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND);
        return markers == null ? 0 : markers.size();
    }

    @Test
    void withoutAComparisonOnlyTheLiveRunIsDrawnAndListed(FxRobot robot) {
        robot.interact(() -> chart.update(live));

        assertThat(seriesNames()).containsExactlyElementsOf(LIVE);
        assertThat(legendLabels()).containsExactlyElementsOf(LIVE);
    }

    @Test
    void comparingDrawsTheOtherRunsLossAndValidationDashedUnderOneLegendEntry(FxRobot robot) {
        robot.interact(() -> {
            chart.update(live);
            chart.compareWith(past, "run 3 (lr 0.01)");
        });

        assertThat(seriesNames()).hasSize(8).containsAll(LIVE).contains("compared: training loss (smoothed)",
                "compared: validation loss", "compared: validation accuracy");
        assertThat(legendLabels()).hasSize(6).containsAll(LIVE).endsWith("run 3 (lr 0.01)");
        XYPlot lossPlot = subplots().get(0);
        assertThat(lossPlot.getDataset(1).getItemCount(0)).isEqualTo(500); // the past run's smoothed loss
        assertThat(lossPlot.getDataset(1).getItemCount(1)).isEqualTo(5); // its validation loss, one per epoch
        XYItemRenderer renderer = lossPlot.getRenderer(1);
        assertThat(renderer.getSeriesStroke(0)).isEqualTo(Palette.COMPARED).isNotEqualTo(lossPlot.getRenderer(0).getSeriesStroke(1));
    }

    @Test
    void theLiveRunKeepsUpdatingWhileAnotherIsCompared(FxRobot robot) {
        robot.interact(() -> {
            chart.update(live);
            chart.compareWith(past, "run 3");
        });
        Events.run(400, 100).stream().skip(1 + 300 + 3).forEach(live::accept);
        robot.interact(() -> chart.update(live));

        assertThat(chart.drawnLossPoints()).isEqualTo(400);
        assertThat(chart.drawnValidationPoints()).isEqualTo(4);
        assertThat(subplots().get(0).getDataset(1).getItemCount(0)).isEqualTo(500);
        assertThat(legendLabels()).endsWith("run 3");
    }

    @Test
    void clearingTheComparisonRemovesItsCurvesAndLegendEntry(FxRobot robot) {
        robot.interact(() -> {
            chart.update(live);
            chart.compareWith(past, "run 3");
            chart.clearComparison();
        });

        assertThat(seriesNames()).containsExactlyElementsOf(LIVE);
        assertThat(legendLabels()).containsExactlyElementsOf(LIVE);
    }

    @Test
    void comparingAgainReplacesTheComparedRun(FxRobot robot) {
        RunMetrics shorter = new RunMetrics();
        Events.run(200, 100).forEach(shorter::accept);
        robot.interact(() -> {
            chart.compareWith(past, "run 3");
            chart.compareWith(shorter, "run 4");
        });

        assertThat(legendLabels()).containsOnlyOnce("run 4").doesNotContain("run 3");
        assertThat(subplots().get(0).getDataset(1).getItemCount(0)).isEqualTo(200);
    }

    @Test
    void anUpdateOrAComparisonRedrawsTheChartOnce(FxRobot robot) {
        List<ChartChangeEvent> changes = new ArrayList<>();
        chart.chart().addChangeListener(changes::add);

        robot.interact(() -> chart.update(live));
        assertThat(changes).hasSize(1);
        robot.interact(() -> chart.compareWith(past, "run 3"));
        assertThat(changes).hasSize(2);
        robot.interact(chart::clearComparison);
        assertThat(changes).hasSize(3);
    }

    private List<XYPlot> subplots() {
        return ((CombinedDomainXYPlot) chart.chart().getPlot()).getSubplots();
    }

    private List<String> seriesNames() {
        List<String> names = new ArrayList<>();
        for (XYPlot plot : subplots()) {
            for (int d = 0; d < plot.getDatasetCount(); d++) {
                XYDataset dataset = plot.getDataset(d);
                for (int s = 0; dataset != null && s < dataset.getSeriesCount(); s++) {
                    names.add(dataset.getSeriesKey(s).toString());
                }
            }
        }
        return names;
    }

    private List<String> legendLabels() {
        List<String> labels = new ArrayList<>();
        for (LegendItemSource source : chart.chart().getLegend().getSources()) {
            LegendItemCollection items = source.getLegendItems();
            for (int i = 0; i < items.getItemCount(); i++) {
                labels.add(items.get(i).getLabel());
            }
        }
        return labels;
    }
}
