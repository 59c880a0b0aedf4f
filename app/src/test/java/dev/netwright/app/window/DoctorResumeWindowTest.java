package dev.netwright.app.window;

import dev.netwright.app.files.ProjectFiles;
import dev.netwright.charts.metrics.RunMetrics;
import dev.netwright.designer.command.Edits;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;
import dev.netwright.runtime.weights.DesignWeights;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
 * The Doctor tab's "Resume from this run with this change" (issue 23): after a finding's change is applied to a run
 * chosen in the runs list, a new run starts from that run's trained weights (Continue from This Run, then Train) with
 * the changed settings; a run that saved no weights is not offered, and the tab says why.
 */
@ExtendWith(ApplicationExtension.class)
class DoctorResumeWindowTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String RUN = "20261201-100000-000";
    private Path home;
    private MainWindow window;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private ComputationGraph trained;

    @Start
    void start(Stage stage) throws Exception {
        home = WindowTestSupport.freshHome();
        window = WindowTestSupport.window(stage, home, dialogs);
    }

    /**
     * The seed CNN saved without weights, with one finished run beside it whose model.zip is a real network and whose
     * doctor found its learning rate too high.
     */
    private Path cnnWithADiagnosedRun() throws Exception {
        CnnWithARun saved = CnnWithARun.create(home, RUN);
        trained = saved.trained();
        Path file = saved.design();
        Path run = saved.run();
        TrainingEvent.Finding tooHigh = new TrainingEvent.Finding("learning-rate-too-high", null,
                "The learning rate is too high.", Map.of(), List.of(new TrainingEvent.Action("set-setting", null,
                "learningRate", "0.0005", "Set the learning rate to 0.0005.")), 1, 1);
        Files.writeString(run.resolve(RunFolder.DOCTOR), TrainingEvents.toJsonLine(tooHigh) + "\n");
        return file;
    }

    private Workspace workspace() {
        return window.workspace().orElseThrow();
    }

    /** Opens the design, chooses its run in the runs list and applies the finding's change in the Doctor tab. */
    private void openTheRunAndApplyTheChange(FxRobot robot, Path file) throws Exception {
        onFx(() -> window.openFile(file));
        waitFor(WAIT, "the run in the runs list", () -> workspace().trainingPanel().runsTable().getItems().size() == 1);
        onFx(() -> {
            workspace().trainingPanel().form().setQuickRun(1, 64, 32); // the resumed run: one tiny epoch
            workspace().trainingPanel().runsTable().getSelectionModel().select(0);
            workspace().showTab("doctor-tab");
        });
        waitFor(WAIT, "the run's finding in the Doctor tab",
                () -> workspace().doctorPanel().model().findings().size() == 1);
        waitFor(WAIT, "its link drawn", () -> robot.lookup(".doctor-action").tryQuery().isPresent());
        robot.clickOn(robot.lookup(".doctor-action").queryAs(Hyperlink.class));
        assertThat(onFx(() -> workspace().document().design().training().orElseThrow().learningRate()))
                .isEqualTo(0.0005);
    }

    @Test
    void resumeStartsANewRunFromTheRunsTrainedWeightsWithTheChange(FxRobot robot) throws Exception {
        Path file = cnnWithADiagnosedRun();
        openTheRunAndApplyTheChange(robot, file);
        Hyperlink resume = robot.lookup("#doctor-resume").queryAs(Hyperlink.class);
        assertThat(resume.isVisible()).isTrue();

        robot.clickOn(resume);

        waitFor(WAIT, "the resumed run to start and end", () -> workspace().training().metricsProperty().get() != null
                && workspace().training().metricsProperty().get().state() != RunMetrics.State.RUNNING
                && WindowTestSupport.idle(window) && workspace().runFlow().runs().size() == 2);
        assertThat(dialogs.errors).isEmpty();
        RunMetrics metrics = onFx(() -> workspace().training().metricsProperty().get());
        assertThat(metrics.state()).as(onFx(() -> workspace().trainingPanel().problem()))
                .isEqualTo(RunMetrics.State.FINISHED);
        Path runs = ProjectFiles.runsDir(file);
        Path source = runs.resolve(RUN);
        Path resumed = onFx(() -> workspace().runFlow().runs().stream().map(r -> r.dir())
                .filter(d -> !d.equals(source)).findFirst().orElseThrow());
        RunRequest request = new RunRequestJson().read(resumed);
        // where its starting weights came from, as the run records it
        assertThat(request.initFrom()).isEqualTo(source.toAbsolutePath().normalize().toString());
        assertThat(request.settings().learningRate()).as("the change").isEqualTo(0.0005);
        Path kept = Path.of(request.design().weights().orElseThrow());
        assertThat(kept.getFileName().toString()).contains(RUN).endsWith(DesignWeights.SUFFIX);
        assertThat(DesignWeights.read(kept).node("conv1").get("W"))
                .isEqualTo(trained.getVertex("conv1").getLayer().paramTable().get("W"));
        // and the worker started every node from them
        List<String> notices = Files.readAllLines(resumed.resolve(RunFolder.EVENTS)).stream()
                .map(TrainingEvents::fromJsonLine).filter(e -> e instanceof TrainingEvent.Notice)
                .map(e -> ((TrainingEvent.Notice) e).message()).toList();
        assertThat(notices).anyMatch(n -> n.startsWith("Starting from the design's weights (" + kept.getFileName())
                && n.contains("5 nodes"));
        // Continue from This Run's own undoable step, after the doctor's change
        assertThat(onFx(() -> workspace().document().commands().undoDescriptionProperty().get()))
                .isEqualTo("Use the weights of run " + RUN);
    }

    @Test
    void aRunThatSavedNoWeightsIsNotOfferedForResumingAndTheTabSaysWhy(FxRobot robot) throws Exception {
        Path file = cnnWithADiagnosedRun();
        Files.delete(ProjectFiles.runsDir(file).resolve(RUN).resolve(RunFolder.MODEL));
        openTheRunAndApplyTheChange(robot, file);

        assertThat(robot.lookup("#doctor-train-again").queryAs(Hyperlink.class).isVisible()).isTrue();
        assertThat(robot.lookup("#doctor-resume").queryAs(Hyperlink.class).isVisible()).isFalse();
        assertThat(robot.lookup("#doctor-no-resume").queryAs(Label.class).getText()).isEqualTo("Resuming is not "
                + "offered: " + RUN + " saved no trained weights (it ended before its first epoch did).");
        assertThat(onFx(() -> workspace().document().design().weights())).isEmpty();
    }

    @Test
    void whenTheRunsWeightsCannotBeReadOnlyTheErrorShowsNamingTheFileAndTheProblem(FxRobot robot) throws Exception {
        Path file = cnnWithADiagnosedRun();
        Path model = ProjectFiles.runsDir(file).resolve(RUN).resolve(RunFolder.MODEL);
        Files.writeString(model, "not a zip: the model was damaged");
        openTheRunAndApplyTheChange(robot, file);
        Hyperlink resume = robot.lookup("#doctor-resume").queryAs(Hyperlink.class);
        assertThat(resume.isVisible()).as("it saved a model file, so it is offered").isTrue();

        robot.clickOn(resume);

        waitFor(WAIT, "the error", () -> !dialogs.errors.isEmpty());
        assertThat(dialogs.errors).containsExactly("Cannot use the run's weights: Cannot read the weights of " + RUN
                + ": " + model + ": not a model file (not a readable zip archive)");
        Label outcome = robot.lookup("#doctor-outcome").queryAs(Label.class);
        assertThat(onFx(outcome::getText)).as("no line says it is resuming").isEmpty();
        assertThat(onFx(() -> outcome.getParent().isVisible())).isFalse();
        assertThat(onFx(() -> workspace().training().state().canStart())).as("no run started").isTrue();
        assertThat(onFx(() -> workspace().document().design().weights())).isEmpty();
    }

    @Test
    void whenTrainRefusesToStartTheResumingLineGoesAndThePanelSaysWhy(FxRobot robot) throws Exception {
        Path file = cnnWithADiagnosedRun();
        openTheRunAndApplyTheChange(robot, file);
        Hyperlink resume = robot.lookup("#doctor-resume").queryAs(Hyperlink.class);
        assertThat(resume.isVisible()).isTrue();
        // a wire removed after the change: the design has an error, so Train will refuse
        assertThat(onFx(() -> workspace().document().execute(
                Edits.disconnect(workspace().document().design().edges().get(0))))).isTrue();
        assertThat(onFx(() -> workspace().document().check().errorCount())).isPositive();

        robot.clickOn(resume);

        waitFor(WAIT, "Train's refusal", () -> workspace().trainingPanel().problem() != null
                && workspace().trainingPanel().problem().startsWith("The design has "));
        Label outcome = robot.lookup("#doctor-outcome").queryAs(Label.class);
        assertThat(onFx(outcome::getText)).as("no line says it is resuming").isEmpty();
        assertThat(onFx(() -> outcome.getParent().isVisible())).isFalse();
        assertThat(onFx(() -> workspace().training().state().canStart())).as("no run started").isTrue();
        assertThat(dialogs.errors).isEmpty();
    }
}
