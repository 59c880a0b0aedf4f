package dev.netwright.app.window;

import dev.netwright.app.training.EndedCommand;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.netwright.app.window.WindowTestSupport.onFx;
import static dev.netwright.app.window.WindowTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start Sweep on a design that was never saved (a sample just opened): the window offers to save it, asks for a file,
 * and sweeps the saved file; declined, nothing is saved or started and the panel says why. A fake
 * {@code netwright sweep} (no child JVM).
 */
@ExtendWith(ApplicationExtension.class)
class SweepSavesFirstWindowTest {
    private MainWindow window;
    private Path home;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final List<List<String>> launched = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        home = WindowTestSupport.freshHome();
        window = WindowTestSupport.window(stage, home, dialogs);
    }

    private Workspace workspace() {
        return window.workspace().orElseThrow();
    }

    private void openTheSampleOnTheExperimentsTab(FxRobot robot) throws Exception {
        onFx(() -> {
            window.openSample("cnn");
            workspace().setCommandLauncher((arguments, lines) -> {
                launched.add(arguments);
                return EndedCommand.withExitCode(0);
            });
            workspace().showTab("experiments-tab");
        });
        WaitForAsyncUtils.waitForFxEvents();
        onFx(() -> robot.lookup("#sweep-params").queryAs(TextArea.class).setText("lr=0.001,0.01"));
    }

    @Test
    void anUnsavedSampleIsSavedWhereTheUserSaysAndThatFileIsSwept(FxRobot robot) throws Exception {
        Path file = home.resolve("my-cnn.json");
        dialogs.saveAnswer = file;
        openTheSampleOnTheExperimentsTab(robot);
        String name = onFx(() -> workspace().document().design().name());

        robot.clickOn("#start-sweep");

        waitFor(Duration.ofSeconds(20), "the sweep to start", () -> !launched.isEmpty());
        assertThat(dialogs.asked).containsSubsequence("save to start " + name + " / A sweep");
        assertThat(dialogs.asked.get(dialogs.asked.indexOf("save to start " + name + " / A sweep") + 1))
                .as("then the file chooser").startsWith("save ").endsWith(".json");
        assertThat(file).isRegularFile();
        assertThat(onFx(() -> workspace().file())).isEqualTo(file);
        assertThat(onFx(() -> workspace().document().commands().dirtyProperty().get())).isFalse();
        assertThat(launched.get(0).subList(0, 2)).containsExactly("sweep", file.toString());
        assertThat(launched.get(0)).contains("--param", "lr=0.001,0.01");
    }

    @Test
    void declinedTheDesignIsNotSavedNorSweptAndThePanelSaysWhy(FxRobot robot) throws Exception {
        dialogs.saveToStartAnswer = false;
        dialogs.saveAnswer = home.resolve("never.json");
        openTheSampleOnTheExperimentsTab(robot);

        robot.clickOn("#start-sweep");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialogs.asked).anyMatch(q -> q.startsWith("save to start "))
                .as("no file chooser").noneMatch(q -> q.startsWith("save ") && !q.startsWith("save to start "));
        assertThat(home.resolve("never.json")).doesNotExist();
        assertThat(onFx(() -> workspace().file())).isNull();
        assertThat(launched).isEmpty();
        assertThat(robot.lookup("#experiments-message").queryAs(Label.class).getText())
                .startsWith("Save the design first");
    }
}
