package dev.netwright.app.window;

import dev.netwright.app.files.AppHome;
import dev.netwright.app.files.Autosave;
import dev.netwright.designer.command.Command;
import dev.netwright.runtime.check.Diagnostic;
import dev.netwright.runtime.check.DiagnosticCode;
import dev.netwright.runtime.weights.DesignWeights;
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

import static dev.netwright.app.window.WindowTestSupport.onFx;
import static dev.netwright.app.window.WindowTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A design with trained weights in the window: the problems list says, after each edit, which nodes will start from
 * random weights (worked out in the background), undo takes the warning away again, and a design whose weights file
 * is missing or damaged opens with a warning naming the file.
 */
@ExtendWith(ApplicationExtension.class)
class WeightsWindowTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private Path home;
    private MainWindow window;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();

    @Start
    void start(Stage stage) throws Exception {
        home = WindowTestSupport.freshHome();
        window = WindowTestSupport.window(stage, home, dialogs);
    }

    private Workspace workspace() {
        return window.workspace().orElseThrow();
    }

    private List<Diagnostic> weightsWarnings() {
        return workspace().designer().diagnostics().model().diagnostics().stream()
                .filter(d -> d.code() == DiagnosticCode.WEIGHTS_REINITIALISED || d.code() == DiagnosticCode.WEIGHTS_UNREADABLE)
                .toList();
    }

    @Test
    void anEditThatChangesShapesIsWarnedAboutAndUndoTakesTheWarningAway(FxRobot robot) throws Exception {
        Path file = WindowTestSupport.cnnWithWeights(home);
        onFx(() -> window.openFile(file));
        waitFor(WAIT, "the weights status", () -> workspace().document().weightsStatus().pretrained().contains("conv3"));
        assertThat(onFx(this::weightsWarnings)).isEmpty();

        onFx(() -> workspace().document().execute(Command.of("More filters", d -> d.withNode(
                d.requireNode("conv3").withParam("filters", 96)))));

        waitFor(WAIT, "the warning", () -> !weightsWarnings().isEmpty());
        Diagnostic warning = onFx(() -> weightsWarnings().get(0));
        assertThat(warning.isError()).isFalse();
        assertThat(warning.message())
                .isEqualTo("conv3 and dense1 will start from random weights (their shapes changed since the weights were made).");
        assertThat(onFx(() -> workspace().document().weightsStatus().originOf("conv1").name())).isEqualTo("PRETRAINED");

        onFx(() -> workspace().document().commands().undo());

        waitFor(WAIT, "the warning to go", () -> weightsWarnings().isEmpty()
                && workspace().document().weightsStatus().pretrained().contains("conv3"));
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void afterACrashTheRecoveredDesignKeepsItsWeightsAndWhatFitsThem(FxRobot robot) throws Exception {
        Path file = WindowTestSupport.cnnWithWeights(home);
        onFx(() -> window.openFile(file));
        onFx(() -> {
            workspace().document().execute(Command.of("More filters", d -> d.withNode(
                    d.requireNode("conv3").withParam("filters", 96))));
            window.autosaveNow();
        });
        Autosave recovery = new Autosave(new AppHome(home).recoveryDir());
        waitFor(WAIT, "the autosave file", recovery::holdsCopy);
        // the "crash": this window never quits; a new one starts on the same app folder
        ScriptedDialogs next = new ScriptedDialogs();
        next.recoveryAnswer = true;
        MainWindow restarted = onFx(() -> WindowTestSupport.window(new Stage(), home, next));

        assertThat(onFx(() -> restarted.offerRecovery(recovery.pending().orElseThrow()))).isTrue();

        Workspace recovered = onFx(() -> restarted.workspace().orElseThrow());
        assertThat(onFx(() -> recovered.document().design().weights()))
                .contains(DesignWeights.sidecarFor(file).toAbsolutePath().normalize().toString());
        waitFor(WAIT, "the weights status", () -> recovered.document().weightsStatus().changed().contains("conv3"));
        assertThat(onFx(() -> recovered.document().weightsStatus().pretrained())).contains("conv1", "conv2");
    }

    @Test
    void aDesignWhoseWeightsFileIsMissingOpensWithAWarningNamingIt(FxRobot robot) throws Exception {
        Path file = WindowTestSupport.cnnWithWeights(home);
        Files.delete(DesignWeights.sidecarFor(file));

        onFx(() -> window.openFile(file));

        assertThat(onFx(() -> window.workspace().isPresent())).as("the design opened").isTrue();
        waitFor(WAIT, "the warning", () -> !weightsWarnings().isEmpty());
        assertThat(onFx(() -> weightsWarnings().get(0).message())).isEqualTo("The weights file cnn.weights.npz cannot be "
                + "read (it is missing): every layer will start from random weights.");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aDesignWhoseWeightsFileIsDamagedOpensWithAWarningNamingIt(FxRobot robot) throws Exception {
        Path file = WindowTestSupport.cnnWithWeights(home);
        Files.write(DesignWeights.sidecarFor(file), new byte[]{'P', 'K', 3, 4, 0, 0, 7, 7, 7, 'g', 'a', 'r', 'b'});

        onFx(() -> window.openFile(file));

        assertThat(onFx(() -> window.workspace().isPresent())).as("the design opened").isTrue();
        waitFor(WAIT, "the warning", () -> !weightsWarnings().isEmpty());
        Diagnostic warning = onFx(() -> weightsWarnings().get(0));
        assertThat(warning.code()).isEqualTo(DiagnosticCode.WEIGHTS_UNREADABLE);
        assertThat(warning.message()).startsWith("The weights file cnn.weights.npz cannot be read (")
                .endsWith("every layer will start from random weights.").doesNotContain("Exception");
        assertThat(dialogs.errors).isEmpty();
    }
}
