package dev.netwright.app.window;

import dev.netwright.app.training.RunState;
import dev.netwright.charts.fx.ConfusionMatrixChart;
import dev.netwright.charts.metrics.RunMetrics;
import dev.netwright.designer.command.Edits;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.train.TrainingEvent;
import javafx.geometry.Point2D;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import static dev.netwright.app.window.WindowTestSupport.onFx;
import static dev.netwright.app.window.WindowTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/** End to end through the window: train the CNN sample in a real worker, stop a run, survive a killed worker. */
@ExtendWith(ApplicationExtension.class)
class TrainingWindowTest {
    private MainWindow window;
    private Stage stage;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path home = WindowTestSupport.freshHome();
        window = WindowTestSupport.window(stage, home, dialogs);
    }

    @Test
    void trainingTheCnnOnATinySubsetDrawsCurvesAndTheMatrixFiltersTheGallery(FxRobot robot) throws Exception {
        onFx(() -> {
            window.openSample("cnn");
            window.workspace().orElseThrow().trainingPanel().form().setQuickRun(1, 640, 200);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#train");
        waitFor(Duration.ofSeconds(15), "the run to start", () -> window.workspace().orElseThrow().training().state() != RunState.IDLE);
        waitFor(Duration.ofMinutes(3), "the run to end", () -> WindowTestSupport.idle(window));

        Workspace w = window.workspace().orElseThrow();
        RunMetrics metrics = onFx(() -> w.training().metricsProperty().get());
        assertThat(metrics.state()).as(w.trainingPanel().problem()).isEqualTo(RunMetrics.State.FINISHED);
        assertThat(metrics.loss().size()).as("iteration points").isEqualTo(10); // 640 / 64
        assertThat(metrics.validationAccuracy().size()).as("epoch points").isEqualTo(1);
        assertThat(onFx(() -> w.document().isLocked())).as("unlocked after the run").isFalse();
        // issue 15, defect 3: the Train button clicked, then disabled, must not leave the keys to the palette's search
        assertThat(onFx(() -> w.getScene().getFocusOwner())).as("keys go to the canvas").isSameAs(w.designer().canvas());

        TrainingEvent.Evaluation evaluation = onFx(() -> w.evaluationPanel().evaluation());
        assertThat(evaluation).isNotNull();
        int total = 0;
        for (int[] row : evaluation.confusion()) {
            for (int count : row) {
                total += count;
            }
        }
        assertThat(total).as("confusion counts add up to the validation size").isEqualTo(200);

        // the off-diagonal cell with the most samples
        ConfusionMatrixChart.Cell worst = null;
        for (int a = 0; a < evaluation.confusion().length; a++) {
            for (int p = 0; p < evaluation.confusion().length; p++) {
                if (a != p && (worst == null || evaluation.confusion()[a][p] > evaluation.confusion()[worst.actual()][worst.predicted()])) {
                    worst = new ConfusionMatrixChart.Cell(a, p);
                }
            }
        }
        ConfusionMatrixChart.Cell cell = worst;
        int expected = evaluation.confusion()[cell.actual()][cell.predicted()];
        assertThat(expected).as("a 200-sample validation after 10 minibatches has mistakes").isPositive();
        waitFor(Duration.ofSeconds(10), "the matrix to be drawn", () -> w.evaluationPanel().matrix().centreOf(cell).isPresent());
        Point2D onScreen = onFx(() -> {
            Point2D local = w.evaluationPanel().matrix().centreOf(cell).orElseThrow();
            return w.evaluationPanel().matrix().viewer().localToScreen(local);
        });
        robot.clickOn(onScreen);
        waitFor(Duration.ofSeconds(5), "the gallery to filter", () -> w.evaluationPanel().gallery().shown().size() == expected);
        assertThat(onFx(() -> w.evaluationPanel().gallery().shown()))
                .allSatisfy(m -> {
                    assertThat(m.actual()).isEqualTo(cell.actual());
                    assertThat(m.predicted()).isEqualTo(cell.predicted());
                });

        // the run is listed with its settings and result; selecting it overlays its curves on the chart
        waitFor(Duration.ofSeconds(10), "the run in the runs list", () -> w.trainingPanel().runsTable().getItems().size() == 1);
        assertThat(onFx(() -> w.trainingPanel().runsTable().getItems().get(0).result())).startsWith("test acc ").endsWith("(finished)");
        // the bundled subset's 1,000 test images were held out of training and validation for this evaluation
        assertThat(onFx(() -> w.evaluationPanel().evaluation().set())).isEqualTo("test");
        int before = onFx(() -> w.trainingPanel().metricsChart().chart().getLegend().getSources()[0].getLegendItems().getItemCount());
        onFx(() -> {
            w.showTab("training-tab");
            w.trainingPanel().runsTable().getSelectionModel().select(0);
        });
        int after = onFx(() -> {
            int items = 0;
            for (var source : w.trainingPanel().metricsChart().chart().getLegend().getSources()) {
                items += source.getLegendItems().getItemCount();
            }
            return items;
        });
        assertThat(after).as("legend entries with a run overlaid").isGreaterThan(before);

        // File ▸ Export: the trained model, the chart as PNG, its iterations as CSV
        Path exports = java.nio.file.Files.createTempDirectory("netwright-exports-");
        dialogs.exportAnswer = exports.resolve("model.zip");
        WindowTestSupport.fireMenuItem(window, "Export Trained Model…");
        assertThat(exports.resolve("model.zip")).isNotEmptyFile();
        dialogs.exportAnswer = exports.resolve("chart.png");
        WindowTestSupport.fireMenuItem(window, "Training Chart as PNG…");
        assertThat(java.nio.file.Files.readAllBytes(exports.resolve("chart.png"))).startsWith(0x89, 'P', 'N', 'G');
        dialogs.exportAnswer = exports.resolve("iterations.csv");
        WindowTestSupport.fireMenuItem(window, "Iterations as CSV…");
        assertThat(java.nio.file.Files.readAllLines(exports.resolve("iterations.csv"))).hasSize(1 + 10);
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void stopDuringARunReturnsToIdleAndTheDesignIsLockedUntilThen(FxRobot robot) throws Exception {
        Workspace w = startALongRun(robot);
        Design before = onFx(() -> w.document().design());

        assertThat(robot.lookup("#toolbar-train").queryButton().isDisabled()).as("toolbar Train while running").isTrue();
        assertThat(robot.lookup("#toolbar-stop").queryButton().isDisabled()).as("toolbar Stop while running").isFalse();
        assertThat(onFx(() -> window.statusBar().run().getText())).startsWith("Training");

        String nodeId = before.nodes().iterator().next().id();
        boolean edited = onFx(() -> w.document().execute(Edits.rename(nodeId, "renamed")));
        assertThat(edited).as("an edit while training is refused").isFalse();
        assertThat(onFx(() -> w.document().design())).isEqualTo(before);

        robot.clickOn("#stop");
        waitFor(Duration.ofMinutes(1), "idle after Stop", () -> WindowTestSupport.idle(window));
        assertThat(onFx(() -> w.training().metricsProperty().get().state())).isEqualTo(RunMetrics.State.STOPPED);
        assertThat(onFx(() -> w.document().isLocked())).isFalse();
        assertThat(robot.lookup("#toolbar-train").queryButton().isDisabled()).as("toolbar Train when idle").isFalse();

        // the stopped run's saved model is evaluated in a child JVM, and the Evaluation panel shows it
        waitFor(Duration.ofMinutes(2), "the stopped run's evaluation", () -> w.evaluationPanel().evaluation() != null);
        int total = 0;
        for (int[] row : onFx(() -> w.evaluationPanel().evaluation()).confusion()) {
            for (int count : row) {
                total += count;
            }
        }
        assertThat(total).as("validation samples evaluated").isEqualTo(200);
        // issue 15, defect 8: the model evaluated is the last one, of the epoch it was stopped in, and the runs list
        // gives the same accuracy for the run
        TrainingEvent.Evaluation shown = onFx(() -> w.evaluationPanel().evaluation());
        int stoppedIn = onFx(() -> w.training().metricsProperty().get().epoch());
        assertThat(shown.epoch()).isEqualTo(stoppedIn);
        assertThat(shown.model()).isEqualTo(TrainingEvent.Evaluation.LAST);
        String row = String.format(java.util.Locale.ROOT, "test acc %.3f, epoch %d, last model (stopped)", shown.accuracy(), stoppedIn);
        waitFor(Duration.ofSeconds(20), "the runs list to give the evaluated accuracy",
                () -> w.trainingPanel().runsTable().getItems().stream().anyMatch(r -> r.result().equals(row)));
    }

    @Test
    void aWorkerKilledFromOutsideShowsAClearFailureAndTheDesignStaysEditableAndUnchanged(FxRobot robot) throws Exception {
        Workspace w = startALongRun(robot);
        Design before = onFx(() -> w.document().design());
        OptionalLong pid = onFx(() -> w.training().workerPid());
        assertThat(pid).isPresent();
        ProcessHandle.of(pid.getAsLong()).orElseThrow().destroyForcibly();

        waitFor(Duration.ofSeconds(20), "idle after the kill", () -> WindowTestSupport.idle(window));
        assertThat(onFx(() -> w.trainingPanel().problem())).contains("ended unexpectedly").contains("design is unchanged");
        assertThat(onFx(() -> window.statusBar().run().getText())).startsWith("Idle").contains("Failed");
        assertThat(onFx(() -> w.document().design())).isEqualTo(before);
        assertThat(onFx(() -> w.document().isLocked())).isFalse();
        String nodeId = before.nodes().iterator().next().id();
        assertThat(onFx(() -> w.document().execute(Edits.rename(nodeId, "renamed")))).isTrue();
        assertThat(dialogs.errors).as("no modal error dialogs").isEmpty();
    }

    /**
     * The question promises that stopping saves the model: quitting during a run stops it, waits (without
     * blocking the FX thread) until the worker has saved and ended, then closes the window.
     */
    @Test
    void quittingDuringARunStopsItKeepsItsModelAndThenCloses(FxRobot robot) throws Exception {
        Workspace w = startALongRun(robot);
        Path runDir = onFx(() -> w.training().runDirProperty().get());
        ProcessHandle worker = ProcessHandle.of(onFx(() -> w.training().workerPid()).orElseThrow()).orElseThrow();
        dialogs.stopRunAnswer = true;
        dialogs.unsavedAnswer = Dialogs.UnsavedChoice.DISCARD;

        assertThat(onFx(window::quit)).isTrue();
        assertThat(dialogs.asked).contains("stop run");
        waitFor(Duration.ofMinutes(1), "the window to close", () -> !stage.isShowing());
        // the worker prints each event before it appends it to events.jsonl: the window may close on its Stopped
        // before the line is in the file, so the file is read once the worker has exited
        worker.onExit().get(1, java.util.concurrent.TimeUnit.MINUTES);

        assertThat(onFx(() -> w.training().metricsProperty().get().state())).isEqualTo(RunMetrics.State.STOPPED);
        assertThat(runDir.resolve(dev.netwright.runtime.train.RunFolder.MODEL)).isNotEmptyFile();
        List<String> events = java.nio.file.Files.readAllLines(runDir.resolve(dev.netwright.runtime.train.RunFolder.EVENTS));
        assertThat(dev.netwright.runtime.train.TrainingEvents.fromJsonLine(events.get(events.size() - 1)))
                .isInstanceOf(TrainingEvent.Stopped.class);
    }

    /** Opens the CNN sample, presses Train for 20 epochs, and returns once a few iterations were drawn. */
    private Workspace startALongRun(FxRobot robot) throws Exception {
        onFx(() -> {
            window.openSample("cnn");
            window.workspace().orElseThrow().trainingPanel().form().setQuickRun(20, 0, 200);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#train");
        Workspace w = window.workspace().orElseThrow();
        waitFor(Duration.ofMinutes(1), "some iterations", () -> w.training().metricsProperty().get().loss().size() >= 3);
        return w;
    }
}
