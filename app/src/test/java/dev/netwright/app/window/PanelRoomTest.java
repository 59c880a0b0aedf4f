package dev.netwright.app.window;

import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.text.Text;
import javafx.stage.Stage;
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

/** At the window's first size the panels show what they are for: several problems with their fixes, several runs. */
@ExtendWith(ApplicationExtension.class)
class PanelRoomTest {
    /** Three errors, two with a fix whose text is long. */
    private static final String BROKEN = """
            { "formatVersion" : 1, "name" : "broken", "data" : { "source" : "fashion-mnist-sample" },
              "nodes" : [
                { "id" : "input", "kind" : "Input", "params" : { "form" : "image", "height" : 28, "width" : 28, "channels" : 1 } },
                { "id" : "conv1", "kind" : "Conv2D", "params" : { "filters" : 8, "kernelHeight" : 3, "kernelWidth" : 3 } },
                { "id" : "recurrent_layer", "kind" : "LSTM", "params" : { "units" : 16 } },
                { "id" : "output", "kind" : "Output", "params" : { "units" : 10 } },
                { "id" : "fully_connected", "kind" : "Dense", "params" : { "units" : 8 } },
                { "id" : "out2", "kind" : "Output", "params" : { "units" : 10 } } ],
              "edges" : [ { "from" : "input", "to" : "conv1" }, { "from" : "conv1", "to" : "recurrent_layer" },
                { "from" : "recurrent_layer", "to" : "output" }, { "from" : "input", "to" : "fully_connected" },
                { "from" : "fully_connected", "to" : "out2" } ] }
            """;

    private MainWindow window;
    private Path home;

    @Start
    void start(Stage stage) throws Exception {
        home = WindowTestSupport.freshHome();
        window = WindowTestSupport.window(stage, home, new ScriptedDialogs());
    }

    @Test
    void theProblemsListShowsMoreThanOneProblemAndItsFixLinksWhole(FxRobot robot) throws Exception {
        Path file = Files.writeString(home.resolve("broken.netwright.json"), BROKEN);
        onFx(() -> window.openFile(file));
        waitFor(Duration.ofSeconds(10), "the design", () -> window.workspace().isPresent());
        robot.interact(() -> { });

        double height = onFx(() -> window.workspace().orElseThrow().designer().diagnostics().getHeight());
        assertThat(height).as("room for about two problems with their fixes (it was one entry's)").isGreaterThanOrEqualTo(150);
        for (Node node : robot.lookup(".diagnostic-fix").queryAll()) {
            Hyperlink fix = (Hyperlink) node;
            if (fix.isVisible() && fix.getScene() != null) {
                String shown = onFx(() -> ((Text) fix.lookup(".text")).getText());
                assertThat(shown).as("the fix link's text is shown whole").isEqualTo(fix.getText());
            }
        }
    }

    @Test
    void theRunsTableShowsThreeRuns(FxRobot robot) throws Exception {
        onFx(() -> window.openSample("cnn"));
        waitFor(Duration.ofSeconds(10), "the design", () -> window.workspace().isPresent());
        robot.interact(() -> { });

        double table = onFx(() -> window.workspace().orElseThrow().trainingPanel().runsTable().getHeight());
        assertThat(table).as("the header and three rows of 24 px (it showed one and a half)").isGreaterThanOrEqualTo(26 + 3 * 24);
    }
}
