package dev.netwright.app.window;

import dev.netwright.app.training.RunFixtures;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;
import dev.netwright.runtime.train.TrainingEvent.Action;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
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
import java.util.Map;

import static dev.netwright.app.window.WindowTestSupport.onFx;
import static dev.netwright.app.window.WindowTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Doctor tab in the window (issue 23, items 2 and 3), fed with recorded findings rather than a real run: each
 * suggestion is a link that edits the design as one step Ctrl+Z takes back, a node since deleted is said plainly, and
 * the cards of the nodes the findings name wear a badge until a run without findings is shown or a new run starts.
 */
@ExtendWith(ApplicationExtension.class)
class DoctorWindowTest {
    private MainWindow window;
    private Workspace workspace;

    private Path home;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();

    @Start
    void start(Stage stage) throws Exception {
        home = WindowTestSupport.freshHome();
        window = WindowTestSupport.window(stage, home, dialogs);
    }

    private static TrainingEvent.Finding finding(String kind, String node, Action... actions) {
        return new TrainingEvent.Finding(kind, node, "What " + kind + " means.", Map.of(), List.of(actions), 1, 10);
    }

    private static TrainingEvent started() {
        return new TrainingEvent.RunStarted("CPU", "cpu", 100, 10, 5, 1, 3, 32, "data");
    }

    private void openWithFindings(FxRobot robot, TrainingEvent.Finding... findings) throws Exception {
        onFx(() -> window.openSample("cnn"));
        workspace = onFx(() -> window.workspace().orElseThrow());
        onFx(() -> workspace.showTab("doctor-tab"));
        List<TrainingEvent> events = new java.util.ArrayList<>(List.of(started()));
        events.addAll(List.of(findings));
        robot.interact(() -> workspace.doctorPanel().model().accept(events));
    }

    private Hyperlink link(FxRobot robot, String text) {
        return robot.lookup(".doctor-action").queryAllAs(Hyperlink.class).stream()
                .filter(l -> l.getText().equals(text)).findFirst().orElseThrow(() -> new AssertionError("no link " + text));
    }

    private String outcome(FxRobot robot) {
        return robot.lookup("#doctor-outcome").queryAs(Label.class).getText();
    }

    private Label badge(FxRobot robot, String node) {
        return robot.lookup("#node-" + node + " .card-doctor").queryAs(Label.class);
    }

    @Test
    void theLearningRateLinkSetsTheSettingAndCtrlZTakesItBack(FxRobot robot) throws Exception {
        openWithFindings(robot, finding("learning-rate-too-high", null,
                new Action("set-setting", null, "learningRate", "0.01", "Set the learning rate to 0.01.")));

        robot.clickOn(link(robot, "Set the learning rate to 0.01."));

        assertThat(onFx(() -> workspace.document().design().training().orElseThrow().learningRate())).isEqualTo(0.01);
        assertThat(onFx(() -> robot.lookup("#learning-rate").queryAs(TextField.class).getText())).isEqualTo("0.01");
        assertThat(outcome(robot)).isEqualTo("Changed: Set learning rate to 0.01. Undo (Ctrl+Z) takes it back.");
        assertThat(robot.lookup("#doctor-train-again").queryAs(Hyperlink.class).isVisible()).isTrue();
        assertThat(onFx(() -> window.isDirty())).isTrue();

        robot.push(KeyCode.CONTROL, KeyCode.Z);

        assertThat(onFx(() -> workspace.document().design().training())).isEmpty();
        assertThat(onFx(() -> window.isDirty())).isFalse();
        assertThat(outcome(robot)).isEqualTo("Undone: Set the learning rate to 0.01.");
        assertThat(robot.lookup("#doctor-train-again").queryAs(Hyperlink.class).isVisible())
                .as("nothing left to train with").isFalse();
    }

    @Test
    void theInsertAndParameterLinksEditTheDesignAndCtrlZTakesEachBack(FxRobot robot) throws Exception {
        openWithFindings(robot, finding("overfitting", "dense1",
                        new Action("insert-after", "dense1", "Dropout", null, "Add a Dropout after dense1.")),
                finding("dead-units", "conv1",
                        new Action("set-param", "conv1", "activation", "leakyrelu", "Use LeakyReLU in conv1.")));
        var before = onFx(() -> workspace.document().design());

        robot.clickOn(link(robot, "Add a Dropout after dense1."));
        String dropout = onFx(() -> workspace.document().design().edgesFrom("dense1").get(0).to());
        assertThat(onFx(() -> workspace.document().design().requireNode(dropout).kind())).isEqualTo("Dropout");
        assertThat(onFx(() -> workspace.document().design().edgesFrom(dropout).get(0).to())).isEqualTo("output");

        robot.clickOn(link(robot, "Use LeakyReLU in conv1."));
        assertThat(onFx(() -> workspace.document().design().requireNode("conv1").params().get("activation")))
                .isEqualTo("leakyrelu");

        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertThat(onFx(() -> workspace.document().design().requireNode("conv1").params().get("activation")))
                .isEqualTo("relu");
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertThat(onFx(() -> workspace.document().design())).isEqualTo(before);
    }

    @Test
    void theBalanceLinkEndsTheDataTabsDataWithPerClassAndCtrlZTakesItBack(FxRobot robot) throws Exception {
        openWithFindings(robot, finding("data-class-imbalance", null,
                new Action("set-data", null, "per-class", "6", "Balance the classes with #per-class=6.")));
        onFx(() -> workspace.showTab("data-tab"));
        waitFor(Duration.ofSeconds(10), "the Data tab on the design's data",
                () -> "fashion-mnist-sample".equals(workspace.dataPanel().model().getSource()));
        onFx(() -> workspace.showTab("doctor-tab"));

        robot.clickOn(link(robot, "Balance the classes with #per-class=6."));

        assertThat(outcome(robot)).isEqualTo("Changed: Set the data to fashion-mnist-sample#per-class=6. Undo (Ctrl+Z) "
                + "takes it back.");
        assertThat(onFx(() -> workspace.dataPanel().model().getSource())).isEqualTo("fashion-mnist-sample#per-class=6");

        robot.push(KeyCode.CONTROL, KeyCode.Z);

        assertThat(onFx(() -> workspace.document().design().data().orElseThrow().source()))
                .isEqualTo("fashion-mnist-sample");
        assertThat(onFx(() -> workspace.dataPanel().model().getSource())).isEqualTo("fashion-mnist-sample");
    }

    @Test
    void anActionOnADeletedNodeSaysSoAndChangesNothing(FxRobot robot) throws Exception {
        openWithFindings(robot, finding("vanishing-gradients", "conv3",
                new Action("insert-after", "conv3", "BatchNorm", null, "Insert a BatchNorm after conv3.")));
        robot.interact(() -> workspace.document().execute(
                dev.netwright.designer.command.Edits.deleteNodes(List.of("conv3"), "Delete")));
        var before = onFx(() -> workspace.document().design());

        robot.clickOn(link(robot, "Insert a BatchNorm after conv3."));

        assertThat(outcome(robot)).isEqualTo("Node conv3 is no longer in the design: nothing was changed.");
        assertThat(robot.lookup("#doctor-train-again").queryAs(Hyperlink.class).isVisible()).isFalse();
        assertThat(onFx(() -> workspace.document().design())).isEqualTo(before);
    }

    @Test
    void theNamedNodesCardsWearABadgeUntilANewRunStartsOrARunWithoutFindingsIsShown(FxRobot robot) throws Exception {
        openWithFindings(robot, finding("dead-units", "dense1"), finding("learning-rate-too-high", null));
        WindowTestSupport.waitFor(java.time.Duration.ofSeconds(10), "the badge drawn",
                () -> badge(robot, "dense1").isVisible());

        assertThat(badge(robot, "dense1").getTooltip().getText()).isEqualTo("Dead units: What dead-units means.");
        assertThat(badge(robot, "conv1").isVisible()).isFalse();

        robot.interact(() -> workspace.doctorPanel().model().accept(List.of(started())));
        WindowTestSupport.waitFor(java.time.Duration.ofSeconds(10), "a new run clears the badge",
                () -> !badge(robot, "dense1").isVisible());

        robot.interact(() -> workspace.doctorPanel().model().showRun("run-1", List.of(finding("dead-units", "conv2"))));
        WindowTestSupport.waitFor(java.time.Duration.ofSeconds(10), "a recorded run's badge",
                () -> badge(robot, "conv2").isVisible());
        robot.interact(() -> workspace.doctorPanel().model().showRun("run-2", List.of()));
        WindowTestSupport.waitFor(java.time.Duration.ofSeconds(10), "a run without findings clears it",
                () -> !badge(robot, "conv2").isVisible());
    }

    @Test
    void clickingAFindingSelectsItsNodeAndAFindingOnAGoneNodeDoesNothing(FxRobot robot) throws Exception {
        openWithFindings(robot, finding("dead-units", "dense1"), finding("dead-units", "conv9"));

        robot.clickOn("Dead units \u00b7 node dense1 \u00b7 epoch 1, iteration 10");
        assertThat(onFx(() -> java.util.Set.copyOf(workspace.document().selection()))).containsExactly("dense1");

        robot.clickOn("Dead units \u00b7 node conv9 \u00b7 epoch 1, iteration 10");
        assertThat(onFx(() -> java.util.Set.copyOf(workspace.document().selection()))).containsExactly("dense1");
    }

    private static TrainingEvent.Signals sample(long iteration) {
        return new TrainingEvent.Signals(1, iteration, 10, List.of(new TrainingEvent.LayerSignals("conv1", "conv1",
                "relu", 320, 3, 0.5, 0.4 / iteration, 0.1, 0.2, 0.6, Double.NaN)));
    }

    @Test
    void aRunChosenInTheRunsListShowsItsFindingsAndChartsTheSignalsOfTheNodeOfOne(FxRobot robot) throws Exception {
        Path file = home.resolve("cnn.netwright.json");
        dialogs.saveAnswer = file;
        onFx(() -> window.openSample("cnn"));
        assertThat(onFx(window::save)).isTrue();
        Path runsDir = onFx(() -> window.workspace().orElseThrow().runsDir());
        onFx(window::showStart);
        Path run = RunFixtures.run(runsDir, "20260101-000000-000", RunFixtures.started(), sample(5), sample(10),
                new TrainingEvent.Finished(1, 10, "model.zip", "completed 1 epoch"));
        TrainingEvent.Finding dead = finding("dead-units", "conv1");
        Files.writeString(run.resolve(RunFolder.DOCTOR), TrainingEvents.toJsonLine(dead) + "\n");
        onFx(() -> window.openFile(file));
        workspace = onFx(() -> window.workspace().orElseThrow());
        waitFor(Duration.ofSeconds(20), "the run in the runs list",
                () -> workspace.trainingPanel().runsTable().getItems().size() == 1);

        onFx(() -> workspace.trainingPanel().runsTable().getSelectionModel().select(0));
        onFx(() -> workspace.showTab("doctor-tab"));
        waitFor(Duration.ofSeconds(20), "the run's findings and signals in the Doctor tab",
                () -> workspace.doctorPanel().model().signalsProperty().get().size() == 2);
        assertThat(onFx(() -> List.copyOf(workspace.doctorPanel().model().findings()))).containsExactly(dead);
        assertThat(robot.lookup("#doctor-layer-signals").query().isVisible()).isFalse();

        robot.interact(() -> robot.lookup("#doctor-findings").queryListView().getSelectionModel().select(0));

        assertThat(robot.lookup("#doctor-layer-choice").queryComboBox().getValue()).isEqualTo("conv1");
        assertThat(robot.lookup("#doctor-layer-signals").query().isVisible()).isTrue();
    }

    @Test
    void aNodeClickedOnTheCanvasIsTheLayerTheDoctorTabCharts(FxRobot robot) throws Exception {
        onFx(() -> window.openSample("cnn"));
        workspace = onFx(() -> window.workspace().orElseThrow());
        onFx(() -> workspace.showTab("doctor-tab"));
        robot.interact(() -> workspace.doctorPanel().model().accept(List.of(started(),
                twoLayers(5), twoLayers(10), twoLayers(15))));
        assertThat(robot.lookup("#doctor-layer-signals").query().isVisible()).isFalse();

        clickCard(robot, "dense1");

        assertThat(robot.lookup("#doctor-layer-choice").queryComboBox().getValue()).isEqualTo("dense1");
        assertThat(robot.lookup("#doctor-layer-signals").query().isVisible()).isTrue();

        clickCard(robot, "conv1");
        assertThat(robot.lookup("#doctor-layer-choice").queryComboBox().getValue()).isEqualTo("conv1");

        clickCard(robot, "flatten"); // sampled no signals (no parameters): the chart stays on conv1
        assertThat(robot.lookup("#doctor-layer-choice").queryComboBox().getValue()).isEqualTo("conv1");
    }

    private void clickCard(FxRobot robot, String node) throws Exception {
        robot.interact(() -> workspace.designer().canvas().centreOn(node)); // the card in view, to be clicked
        robot.clickOn("#node-" + node);
        assertThat(onFx(() -> java.util.Set.copyOf(workspace.document().selection()))).containsExactly(node);
    }

    /** A sample of conv1 and dense1. */
    private static TrainingEvent.Signals twoLayers(long iteration) {
        return new TrainingEvent.Signals(1, iteration, 10, List.of(
                new TrainingEvent.LayerSignals("conv1", "conv1", "relu", 320, 3, 0.5, 0.4 / iteration, 0.1, 0.2, 0.1,
                        Double.NaN),
                new TrainingEvent.LayerSignals("dense1", "dense1", "relu", 1000, 3, 0.3, 1e-3, 0.2, 0.3, 0.05,
                        Double.NaN)));
    }
}
