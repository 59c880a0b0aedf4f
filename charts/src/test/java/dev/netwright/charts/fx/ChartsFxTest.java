package dev.netwright.charts.fx;

import dev.netwright.charts.ChartExport;
import dev.netwright.charts.Events;
import dev.netwright.charts.metrics.RunMetrics;
import dev.netwright.runtime.train.TrainingEvent;
import javafx.scene.Scene;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The charts on a real (headless) JavaFX stage. */
@ExtendWith(ApplicationExtension.class)
class ChartsFxTest {
    private MetricsChart metrics;
    private ConfusionMatrixChart confusion;

    @Start
    void start(Stage stage) {
        metrics = new MetricsChart();
        confusion = new ConfusionMatrixChart();
        metrics.viewer().setPrefSize(600, 300);
        confusion.viewer().setPrefSize(400, 400);
        stage.setScene(new Scene(new VBox(metrics.viewer(), confusion.viewer()), 600, 700));
        stage.show();
    }

    @Test
    void aHundredThousandIterationsAreDrawnDownsampled(FxRobot robot) {
        RunMetrics run = new RunMetrics();
        Events.run(100_000, 10_000).forEach(run::accept);
        robot.interact(() -> metrics.update(run));
        assertThat(metrics.drawnLossPoints()).isBetween(1000, 2001);
        assertThat(metrics.drawnValidationPoints()).isEqualTo(10);
    }

    @Test
    void eventsFromAnotherThreadArriveOnTheFxThreadInFewBatches() throws Exception {
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        List<Boolean> onFxThread = new CopyOnWriteArrayList<>();
        EventBatcher batcher = new EventBatcher(batch -> {
            batchSizes.add(batch.size());
            onFxThread.add(javafx.application.Platform.isFxApplicationThread());
        });
        batcher.start();
        List<TrainingEvent> events = Events.run(3000, 1000);
        Thread producer = new Thread(() -> {
            for (TrainingEvent e : events) {
                batcher.onEvent(e);
            }
            batcher.onEvent(new TrainingEvent.Finished(3, 3000, "model.zip", "done"));
        });
        long start = System.nanoTime();
        producer.start();
        producer.join();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> batchSizes.stream().mapToInt(Integer::intValue).sum() == events.size() + 1);
        double seconds = (System.nanoTime() - start) / 1e9;
        batcher.stop();

        assertThat(onFxThread).containsOnly(true);
        // 3,004 events in well under a second: a handful of batches, not one FX task per event.
        assertThat(batchSizes.size()).isLessThanOrEqualTo((int) Math.ceil(seconds * EventBatcher.HZ) + 2);
    }

    @Test
    void clickingAConfusionCellReportsActualAndPredicted(FxRobot robot) {
        robot.interact(() -> confusion.show(Events.evaluation()));
        WaitForAsyncUtils.waitForFxEvents();
        List<ConfusionMatrixChart.Cell> clicked = new ArrayList<>();
        confusion.setOnCellClicked(clicked::add);
        var area = confusion.viewer().getRenderingInfo().getPlotInfo().getDataArea();
        // The data area is split in 3×3 cells; the middle of row 1 (dog), column 0 (cat) is a mistake cell.
        double x = area.getX() + area.getWidth() / 6;
        double y = area.getY() + area.getHeight() / 2;
        var onScreen = confusion.viewer().localToScreen(x, y);
        robot.clickOn(onScreen.getX(), onScreen.getY());
        assertThat(clicked).containsExactly(new ConfusionMatrixChart.Cell(1, 0));
        assertThat(confusion.count(clicked.get(0))).isEqualTo(2);
    }

    @Test
    void chartsExportAsPngAndTheirDataAsCsv(@TempDir Path dir) throws Exception {
        RunMetrics run = new RunMetrics();
        Events.run(50, 25).forEach(run::accept);
        ChartExport.png(metrics.chart(), dir.resolve("metrics.png"), 800, 500);
        ChartExport.iterationsCsv(run, dir.resolve("iterations.csv"));
        ChartExport.epochsCsv(run, dir.resolve("epochs.csv"));
        ChartExport.confusionCsv(Events.evaluation(), dir.resolve("confusion.csv"));

        byte[] png = Files.readAllBytes(dir.resolve("metrics.png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readAllLines(dir.resolve("iterations.csv"))).hasSize(51)
                .first().isEqualTo("iteration,loss,smoothed_loss,learning_rate,samples_per_second");
        assertThat(Files.readAllLines(dir.resolve("epochs.csv"))).hasSize(3);
        assertThat(Files.readAllLines(dir.resolve("confusion.csv")))
                .containsExactly("actual\\predicted,cat,dog,bird", "cat,5,1,0", "dog,2,6,0", "bird,0,1,9");
    }

    @Test
    void perClassRowsCarrySupport() {
        assertThat(PerClassTable.rows(Events.evaluation())).extracting(PerClassTable.Row::support)
                .containsExactly(6, 8, 10);
    }
}
