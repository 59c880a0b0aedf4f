package dev.netwright.app.window;

import dev.netwright.app.training.ClusterSetting;
import dev.netwright.app.training.CommandLauncher;
import dev.netwright.app.training.RunState;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static dev.netwright.app.window.WindowTestSupport.onFx;
import static dev.netwright.app.window.WindowTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Training panel's Cluster setting through the window, with a fake {@code netwright train --cluster} (no Spark):
 * a malformed URL disables Train, an unsaved design is refused, and a lost cluster ends the run with its last line.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingClusterWindowTest {
    private MainWindow window;
    private Path home;
    private final List<List<String>> launched = new CopyOnWriteArrayList<>();
    /** Answers "Save and Start", then cancels the file chooser (no saveAnswer): the design stays unsaved. */
    private final ScriptedDialogs dialogs = new ScriptedDialogs();

    @Start
    void start(Stage stage) throws Exception {
        home = WindowTestSupport.freshHome();
        window = WindowTestSupport.window(stage, home, dialogs);
    }

    private Workspace workspace() {
        return window.workspace().orElseThrow();
    }

    private void openTheSample() throws Exception {
        onFx(() -> {
            window.openSample("cnn");
            workspace().setCommandLauncher((arguments, lines) -> {
                launched.add(arguments);
                throw new AssertionError("no run starts in this test");
            });
        });
    }

    /** Waits until the Training panel of the open design is on screen. */
    private static void trainingPanelShown(FxRobot robot) throws Exception {
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        waitFor(Duration.ofSeconds(20), "the Training panel", () -> robot.lookup("#cluster").match(
                javafx.scene.Node::isVisible).tryQuery().isPresent() && robot.lookup("#train").tryQuery().isPresent());
    }

    @Test
    void aMalformedMasterUrlDisablesTrainAndSaysWhy(FxRobot robot) throws Exception {
        openTheSample();
        trainingPanelShown(robot);
        robot.clickOn("#cluster").write("spark://host-without-port");

        assertThat(robot.lookup("#train").queryAs(Button.class).isDisabled()).isTrue();
        Label problem = robot.lookup("#cluster-problem").queryAs(Label.class);
        assertThat(problem.isVisible()).isTrue();
        assertThat(problem.getText()).startsWith("Cluster ").endsWith("leave it empty to train on this machine.");
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> problem.getHeight())).as("all its lines are shown, not one line cut with '...'")
                .isGreaterThanOrEqualTo(onFx(() -> problem.prefHeight(problem.getWidth())) - 0.5)
                .isGreaterThan(onFx(() -> 2 * problem.getFont().getSize()));

        onFx(() -> workspace().trainingPanel().cluster().clusterProperty().set("local[2]"));
        assertThat(robot.lookup("#train").queryAs(Button.class).isDisabled()).isFalse();
        assertThat(problem.isVisible()).isFalse();
    }

    @Test
    void anUnsavedDesignIsOfferedASaveAndLeftUnsavedIsNotSentToTheCluster(FxRobot robot) throws Exception {
        openTheSample();
        trainingPanelShown(robot);
        onFx(() -> workspace().trainingPanel().cluster().clusterProperty().set("local[2]"));
        robot.clickOn("#train");

        assertThat(dialogs.asked).as("offered to save it first, then asked where")
                .anyMatch(q -> q.startsWith("save to start ") && q.endsWith(" / A run on a cluster"))
                .anyMatch(q -> q.startsWith("save ") && q.endsWith(".json"));
        assertThat(onFx(() -> workspace().trainingPanel().problem())).isEqualTo(ClusterSetting.SAVE_FIRST);
        assertThat(launched).isEmpty();
        assertThat(onFx(() -> workspace().training().state())).isEqualTo(RunState.IDLE);
        assertThat(onFx(() -> workspace().document().isLocked())).isFalse();
    }

    @Test
    void theStatusBarSaysWhereItTrainsAndALostClusterEndsTheRunWithTheDesignUntouched(FxRobot robot)
            throws Exception {
        Path file = savedCnn();
        String saved = Files.readString(file);
        CountDownLatch lost = new CountDownLatch(1);
        CommandLauncher cluster = (arguments, lines) -> {
            launched.add(arguments);
            lines.accept("Run folder: " + arguments.get(arguments.indexOf("--out") + 1) + " | cluster local[2]");
            return new CommandLauncher.Running() {
                @Override
                public int waitFor() throws InterruptedException {
                    lost.await();
                    lines.accept("Lost the cluster: the master at local[2] stopped answering");
                    return 4;
                }

                @Override
                public void cancel() {
                }
            };
        };
        openToTrainOnLocal2(file, cluster);
        Design before = onFx(() -> workspace().document().design());
        trainingPanelShown(robot);
        robot.clickOn("#train");

        waitFor(Duration.ofSeconds(20), "the status bar to say where it trains",
                () -> window.statusBar().backend().getText().equals("Training on local[2] (data-parallel)"));
        // The command's lines reach the status bar from the launcher's thread, after the backend line is set.
        waitFor(Duration.ofSeconds(20), "the status bar to show the command's first line",
                () -> window.statusBar().run().getText().startsWith("Training — Run folder: "));
        assertThat(robot.lookup("#pause").queryButton().isDisabled()).as("Pause, for a run that cannot pause").isTrue();
        assertThat(robot.lookup("#stop").queryButton().isDisabled()).as("Stop").isFalse();
        assertThat(onFx(() -> runMenuItem(robot, "Pause").isDisable())).as("Run ▸ Pause").isTrue();
        assertThat(onFx(() -> runMenuItem(robot, "Stop").isDisable())).as("Run ▸ Stop").isFalse();
        assertThat(launched).hasSize(1);
        assertThat(launched.get(0).subList(0, 4)).containsExactly("train", file.toString(), "--cluster", "local[2]");
        Path out = Path.of(launched.get(0).get(launched.get(0).indexOf("--out") + 1));
        assertThat(out.getParent()).isEqualTo(onFx(() -> workspace().runsDir()));

        lost.countDown();
        waitFor(Duration.ofSeconds(20), "the run to end", () -> WindowTestSupport.idle(window));
        assertThat(onFx(() -> workspace().trainingPanel().problem())).isEqualTo("The run on local[2] failed (exit "
                + "code 4): Lost the cluster: the master at local[2] stopped answering");
        assertThat(onFx(() -> workspace().document().design())).isSameAs(before);
        assertThat(onFx(() -> workspace().document().isLocked())).isFalse();
        assertThat(onFx(() -> workspace().document().commands().dirtyProperty().get())).isFalse();
        assertThat(Files.readString(file)).isEqualTo(saved);
        assertThat(onFx(() -> window.statusBar().backend().getText())).startsWith("Backend: ");
    }

    @Test
    void theButtonsStayPutWhileTheRunsMessageGrowsFromOneLineToTwo(FxRobot robot) throws Exception {
        Path file = savedCnn();
        String longLine = "epoch 1/2: train loss 0.6000, accuracy 0.800 | validation loss 0.7000, accuracy 0.750 | "
                + "3.1 s";
        CountDownLatch grow = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        CommandLauncher cluster = (arguments, lines) -> {
            lines.accept("Training on local[2]");
            return new CommandLauncher.Running() {
                @Override
                public int waitFor() throws InterruptedException {
                    grow.await();
                    lines.accept(longLine);
                    end.await();
                    return 0;
                }

                @Override
                public void cancel() {
                }
            };
        };
        openToTrainOnLocal2(file, cluster);
        trainingPanelShown(robot);
        robot.clickOn("#train");
        Label message = robot.lookup("#run-message").queryAs(Label.class);
        Button stop = robot.lookup("#stop").queryButton();
        waitFor(Duration.ofSeconds(20), "the one-line message", () -> message.getText().equals("Training on local[2]"));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        double oneLine = onFx(() -> message.getFont().getSize() * 1.6);
        assertThat(onFx(() -> message.prefHeight(message.getWidth()))).as("a one-line message").isLessThan(oneLine);
        double stopAt = onFx(() -> stop.localToScene(0, 0).getY());

        grow.countDown();
        waitFor(Duration.ofSeconds(20), "the two-line message", () -> message.getText().equals(longLine));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> message.prefHeight(message.getWidth()))).as("the long message wraps")
                .isGreaterThan(oneLine).isLessThan(2 * oneLine);
        assertThat(onFx(() -> stop.localToScene(0, 0).getY())).as("Stop, where it was").isCloseTo(stopAt,
                org.assertj.core.data.Offset.offset(0.5));
        assertThat(onFx(() -> message.getHeight())).as("both lines shown")
                .isGreaterThanOrEqualTo(onFx(() -> message.prefHeight(message.getWidth())) - 0.5);

        end.countDown();
        waitFor(Duration.ofSeconds(20), "the run to end", () -> WindowTestSupport.idle(window));
    }

    @Test
    void stopWhileTheClusterIsStillStartingEndsAsStoppedNotFailedAndListsTheRunWithoutAModel(FxRobot robot)
            throws Exception {
        Path file = savedCnn();
        CountDownLatch cancelled = new CountDownLatch(1);
        CommandLauncher starting = (arguments, lines) -> {
            launched.add(arguments);
            return new CommandLauncher.Running() {
                @Override
                public int waitFor() throws InterruptedException {
                    cancelled.await(); // Spark still starting: killed by the stop, having written nothing
                    return 143;
                }

                @Override
                public void cancel() {
                    cancelled.countDown();
                }
            };
        };
        openToTrainOnLocal2(file, starting);
        trainingPanelShown(robot);
        robot.clickOn("#train");
        waitFor(Duration.ofSeconds(20), "Stop to be offered", () -> !robot.lookup("#stop").queryButton().isDisabled());

        robot.clickOn("#stop");

        waitFor(Duration.ofSeconds(20), "the run to end", () -> WindowTestSupport.idle(window));
        Label message = robot.lookup("#run-message").queryAs(Label.class);
        assertThat(onFx(message::getText)).isEqualTo("Stopped before any training: there is no model to keep.");
        assertThat(onFx(() -> workspace().trainingPanel().problem())).as("no failure in red").isEmpty();
        assertThat(onFx(() -> robot.lookup("#run-problem").queryAs(Label.class).isVisible())).isFalse();
        assertThat(onFx(() -> window.statusBar().run().getText())).doesNotContain("Failed");
        waitFor(Duration.ofSeconds(20), "the run in the runs list",
                () -> workspace().trainingPanel().runsTable().getItems().size() == 1);
        assertThat(onFx(() -> workspace().trainingPanel().runsTable().getItems().get(0).result())).isEqualTo("stopped");
        onFx(() -> workspace().runsPanel().table().getSelectionModel().select(0));
        assertThat(onFx(() -> workspace().runsPanel().table().getItems().get(0).state())).isEqualTo("stopped");
        assertThat(onFx(() -> workspace().runsPanel().chosenWithModel())).as("no model to continue from").isEmpty();
        assertThat(onFx(() -> workspace().document().isLocked())).isFalse();
    }

    /** The seed CNN saved as a design file (a cluster trains the saved file). */
    private Path savedCnn() throws Exception {
        Path file = Files.createDirectories(home.resolve("designs")).resolve("cnn.json");
        new DesignJson().write(dev.netwright.samples.Samples.load("cnn"), file);
        return file;
    }

    /** Opens {@code file} in the window, its runs started with {@code cluster}, the Cluster setting local[2]. */
    private void openToTrainOnLocal2(Path file, CommandLauncher cluster) throws Exception {
        onFx(() -> window.openFile(file));
        waitFor(Duration.ofSeconds(20), "the saved design to open",
                () -> window.workspace().isPresent() && file.equals(workspace().file()));
        onFx(() -> {
            workspace().setCommandLauncher(cluster);
            workspace().trainingPanel().cluster().clusterProperty().set("local[2]");
        });
    }

    private static MenuItem runMenuItem(FxRobot robot, String text) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        return bar.getMenus().stream().filter(menu -> menu.getText().equals("Run")).findFirst().orElseThrow()
                .getItems().stream().filter(item -> text.equals(item.getText())).findFirst().orElseThrow();
    }
}
