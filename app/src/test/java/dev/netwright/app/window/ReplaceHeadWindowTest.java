package dev.netwright.app.window;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.samples.Samples;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.time.Duration;

import static dev.netwright.app.window.WindowTestSupport.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/** "Replace head for N classes" in the Data tab is one undoable edit of the Output's units (issue 18, item 3). */
@ExtendWith(ApplicationExtension.class)
class ReplaceHeadWindowTest {
    private MainWindow window;
    private Path home;

    @Start
    void start(Stage stage) throws Exception {
        home = WindowTestSupport.freshHome();
        window = WindowTestSupport.window(stage, home, new ScriptedDialogs());
    }

    @Test
    void theDataTabsButtonGivesTheOutputTheDataClassesAndUndoTakesItBack() throws Exception {
        Design cnn = Samples.load("cnn");
        Path file = home.resolve("five.netwright.json");
        new DesignJson().write(cnn.withNode(cnn.requireNode("output").withParam("units", 5)), file);
        onFx(() -> window.openFile(file));
        Workspace w = window.workspace().orElseThrow();
        onFx(() -> w.showTab("data-tab"));
        WindowTestSupport.waitFor(Duration.ofSeconds(60), "the data read and found 10 classes",
                () -> w.dataPanel().model().getHeadChange() != null);

        Button replace = onFx(() -> (Button) w.dataPanel().lookup("#replace-head"));
        onFx(replace::fire);

        assertThat(onFx(() -> w.document().design().requireNode("output").params().get("units"))).isEqualTo(10);
        assertThat(onFx(() -> w.dataPanel().model().getHeadChange())).isNull();
        onFx(() -> w.document().commands().undo());
        assertThat(onFx(() -> w.document().design().requireNode("output").params().get("units"))).isEqualTo(5);
    }
}
