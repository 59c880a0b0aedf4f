package dev.netwright.charts.fx;

import dev.netwright.charts.Events;
import dev.netwright.charts.metrics.RunMetrics;
import dev.netwright.runtime.train.TrainingEvent;
import javafx.scene.Scene;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;

/** How the training charts are drawn together: what lies over what, and the strip lined up under the metrics. */
@ExtendWith(ApplicationExtension.class)
class TrainingChartsLayoutTest {
    private MetricsChart metrics;
    private RateChart rates;

    @Start
    void start(Stage stage) {
        metrics = new MetricsChart();
        rates = new RateChart();
        rates.alignWith(metrics);
        stage.setScene(new Scene(new VBox(metrics.viewer(), rates.viewer()), 700, 500));
        stage.show();
    }

    @Test
    void validationAccuracyIsDrawnOverAnEqualTrainingAccuracy(FxRobot robot) {
        RunMetrics run = new RunMetrics();
        run.accept(Events.started(3, 100, 10));
        for (int epoch = 1; epoch <= 3; epoch++) {
            run.accept(new TrainingEvent.Iteration(epoch, epoch * 10L, 1.0, 1e-3, 100));
            double accuracy = 0.5 + 0.1 * epoch; // the same for training and validation: the curves lie on each other
            run.accept(new TrainingEvent.EpochEnd(epoch, epoch * 10L, 1.0, accuracy, 1.0, accuracy, 1.0));
        }
        robot.interact(() -> metrics.update(run));

        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = metrics.chart().createBufferedImage(700, 400, info);
        Rectangle2D accuracyArea = info.getPlotInfo().getSubplotInfo(1).getDataArea();

        assertThat(pixelsOf(image, accuracyArea, Palette.VALIDATION)).as("validation's red in the accuracy plot").isPositive();
    }

    @Test
    void theRateStripShowsTheSameIterationsAtTheSameXAsTheMetrics(FxRobot robot) {
        RunMetrics past = new RunMetrics();
        Events.run(500, 100).forEach(past::accept);
        RunMetrics live = new RunMetrics();
        Events.run(120, 100).forEach(live::accept);
        robot.interact(() -> {
            metrics.update(live);
            metrics.compareWith(past, "earlier run"); // a longer run compared widens the iteration range
            rates.update(live);
        });

        assertThat(rates.iterationRange()).isEqualTo(metrics.iterationAxis().getRange());
        assertThat(rates.iterationRange().getUpperBound()).as("the compared run's 500 iterations").isGreaterThanOrEqualTo(500);
        Rectangle2D metricsArea = dataArea(metrics.chart());
        Rectangle2D ratesArea = dataArea(rates.chart());
        assertThat(ratesArea.getMinX()).as("the plots start at the same x").isEqualTo(metricsArea.getMinX());
        assertThat(ratesArea.getMaxX()).isEqualTo(metricsArea.getMaxX());
    }

    @Test
    void thePlannedRateShowsWholeBeforeARunAndUnderTheLiveRateDuringIt(FxRobot robot) {
        java.util.List<double[]> plan = new java.util.ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            plan.add(new double[] {i, 0.1 * Math.pow(0.5, (i - 1) / 100)}); // a step schedule: 100 iterations an epoch
        }
        robot.interact(() -> rates.showPlannedRate(plan));

        assertThat(rates.plannedRate()).hasSize(300);
        assertThat(rates.iterationRange().getUpperBound()).as("the plan's 300 iterations").isGreaterThanOrEqualTo(300);
        org.jfree.chart.plot.XYPlot ratePlot = (org.jfree.chart.plot.XYPlot)
                ((org.jfree.chart.plot.CombinedDomainXYPlot) rates.chart().getPlot()).getSubplots().get(0);
        java.awt.BasicStroke planned = (java.awt.BasicStroke) ratePlot.getRenderer().getSeriesStroke(1);
        assertThat(planned.getDashArray()).as("dashed").isNotNull();

        RunMetrics live = new RunMetrics();
        live.accept(Events.started(3, 1000, 10));
        for (int i = 1; i <= 120; i++) {
            live.accept(new TrainingEvent.Iteration(1 + (i - 1) / 100, i, 1.0, plan.get(i - 1)[1], 100));
        }
        robot.interact(() -> {
            metrics.update(live);
            rates.update(live);
        });

        assertThat(rates.iterationRange()).as("lined up with the metrics again").isEqualTo(metrics.iterationAxis().getRange());
        org.jfree.data.xy.XYDataset drawn = ratePlot.getDataset();
        assertThat(drawn.getItemCount(0)).as("the run's own rate").isEqualTo(120);
        assertThat(drawn.getYValue(0, 119)).isEqualTo(0.05);
        assertThat(drawn.getItemCount(1)).as("the plan, under it").isEqualTo(300);

        robot.interact(() -> rates.showPlannedRate(java.util.List.of()));
        assertThat(rates.plannedRate()).isEmpty();
    }

    private static Rectangle2D dataArea(JFreeChart chart) {
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.createBufferedImage(700, 300, info);
        return info.getPlotInfo().getSubplotInfo(0).getDataArea();
    }

    private static int pixelsOf(BufferedImage image, Rectangle2D area, Color colour) {
        int count = 0;
        for (int x = (int) area.getMinX(); x < (int) area.getMaxX(); x++) {
            for (int y = (int) area.getMinY(); y < (int) area.getMaxY(); y++) {
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - colour.getRed()) < 12 && Math.abs(c.getGreen() - colour.getGreen()) < 12
                        && Math.abs(c.getBlue() - colour.getBlue()) < 12) {
                    count++;
                }
            }
        }
        return count;
    }
}
