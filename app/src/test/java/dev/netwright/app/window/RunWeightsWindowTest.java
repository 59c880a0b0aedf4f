package dev.netwright.app.window;

import dev.netwright.app.files.ProjectFiles;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.weights.DesignWeights;
import dev.netwright.samples.Samples;
import javafx.scene.control.MenuItem;
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

import static dev.netwright.app.window.WindowTestSupport.onFx;
import static dev.netwright.app.window.WindowTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Runs panel's Continue from This Run and Use as Starting Point: the run's model is read in the background and its
 * weights kept under the app's weights folder; the open design takes them as one undoable step, or the run's design
 * opens as a new one with them.
 */
@ExtendWith(ApplicationExtension.class)
class RunWeightsWindowTest {
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

    /** The seed CNN saved without weights, with one finished run beside it whose model.zip is a real network. */
    private Path cnnWithARun() throws Exception {
        CnnWithARun saved = CnnWithARun.create(home, RUN);
        trained = saved.trained();
        return saved.design();
    }

    private Workspace workspace() {
        return window.workspace().orElseThrow();
    }

    private void chooseTheRunAndFire(String itemId) throws Exception {
        waitFor(WAIT, "the run in the Runs panel", () -> !workspace().runsPanel().table().getItems().isEmpty());
        onFx(() -> {
            workspace().runsPanel().table().getSelectionModel().select(0);
            MenuItem item = workspace().runsPanel().runMenuItems().stream()
                    .filter(i -> itemId.equals(i.getId())).findFirst().orElseThrow();
            item.fire();
        });
    }

    @Test
    void continueFromThisRunGivesTheOpenDesignTheRunsWeightsAsOneUndoableStep(FxRobot robot) throws Exception {
        Path file = cnnWithARun();
        onFx(() -> window.openFile(file));

        chooseTheRunAndFire("continue-from-run");

        waitFor(WAIT, "the weights reference", () -> workspace().document().design().weights().isPresent());
        Path kept = Path.of(onFx(() -> workspace().document().design().weights().orElseThrow()));
        assertThat(kept.getParent()).isEqualTo(home.resolve(RunWeightsActions.FOLDER).toAbsolutePath());
        assertThat(kept.getFileName().toString()).contains(RUN).endsWith(DesignWeights.SUFFIX);
        DesignWeights weights = DesignWeights.read(kept);
        assertThat(weights.node("conv1").get("W")).isEqualTo(trained.getVertex("conv1").getLayer().paramTable().get("W"));
        assertThat(onFx(() -> workspace().document().commands().undoDescriptionProperty().get()))
                .isEqualTo("Use the weights of run " + RUN);
        waitFor(WAIT, "the cards to say pretrained",
                () -> workspace().document().weightsStatus().pretrained().contains("output"));

        onFx(() -> workspace().document().commands().undo());
        assertThat(onFx(() -> workspace().document().design().weights())).isEmpty();
        assertThat(onFx(() -> workspace().document().weightsStatus().hasWeights())).isFalse();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void useAsStartingPointOpensTheRunsDesignAsANewDesignWithItsWeights(FxRobot robot) throws Exception {
        Path file = cnnWithARun();
        onFx(() -> window.openFile(file));
        Workspace before = onFx(this::workspace);

        chooseTheRunAndFire("start-from-run");

        waitFor(WAIT, "a new design", () -> workspace() != before);
        assertThat(onFx(() -> workspace().file())).as("unsaved").isNull();
        Design opened = onFx(() -> workspace().document().design());
        assertThat(opened.nodes()).extracting(n -> n.id()).containsExactlyElementsOf(
                Samples.load("cnn").nodes().stream().map(n -> n.id()).toList());
        Path kept = Path.of(opened.weights().orElseThrow());
        assertThat(kept).isRegularFile();
        assertThat(DesignWeights.read(kept).nodeIds()).contains("conv1", "conv2", "conv3", "dense1", "output");
        waitFor(WAIT, "every node pretrained", () -> workspace().document().weightsStatus().pretrained().size() == 5);
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aRunWithoutAModelSaysSoAndChangesNothing(FxRobot robot) throws Exception {
        Path file = cnnWithARun();
        Files.delete(ProjectFiles.runsDir(file).resolve(RUN).resolve(RunFolder.MODEL));
        onFx(() -> window.openFile(file));

        chooseTheRunAndFire("continue-from-run");

        waitFor(WAIT, "the error", () -> !dialogs.errors.isEmpty());
        assertThat(dialogs.errors.get(0)).contains("Cannot read the weights of " + RUN, "saved no model");
        assertThat(onFx(() -> workspace().document().design().weights())).isEmpty();
    }
}
