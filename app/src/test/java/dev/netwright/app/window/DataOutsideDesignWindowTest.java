package dev.netwright.app.window;

import dev.netwright.app.training.RunState;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.netwright.app.window.WindowTestSupport.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A design from elsewhere that names data outside its folder: the window says which file before anything reads it
 * (issue 13, item 3), and relative data paths are taken from the design's folder.
 */
@ExtendWith(ApplicationExtension.class)
class DataOutsideDesignWindowTest {
    private MainWindow window;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private Path home;

    @Start
    void start(Stage stage) throws Exception {
        home = WindowTestSupport.freshHome();
        window = WindowTestSupport.window(stage, home, dialogs);
    }

    private Path designReading(String source) throws Exception {
        Path project = Files.createDirectories(home.resolve("downloads/project"));
        return Files.writeString(project.resolve("design.netwright.json"), """
                { "formatVersion" : 1, "name" : "curious", "data" : { "source" : "%s" }, "nodes" : [
                  { "id" : "input", "kind" : "Input", "params" : { "form" : "vector", "size" : 4 } },
                  { "id" : "output", "kind" : "Output", "params" : { "units" : 3 } } ],
                  "edges" : [ { "from" : "input", "to" : "output" } ] }
                """.formatted(source));
    }

    @Test
    void trainingAsksBeforeReadingAndADeclinedAnswerStartsNothing() throws Exception {
        Path design = designReading("csv:../../secrets.csv");
        dialogs.externalDataAnswer = false;
        onFx(() -> window.openFile(design));

        onFx(() -> window.workspace().orElseThrow().train());
        WaitForAsyncUtils.waitForFxEvents();

        Workspace w = window.workspace().orElseThrow();
        assertThat(dialogs.asked).contains("read " + home.resolve("secrets.csv"));
        assertThat(onFx(() -> w.training().state())).isEqualTo(RunState.IDLE);
        assertThat(onFx(() -> w.trainingPanel().problem())).contains("Not started").contains("outside its folder");
    }

    @Test
    void theDataTabAsksToo() throws Exception {
        Path design = designReading("csv:/etc/passwd");
        dialogs.externalDataAnswer = false;
        onFx(() -> window.openFile(design));

        onFx(() -> window.workspace().orElseThrow().showTab("data-tab"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialogs.asked).contains("read /etc/passwd");
        assertThat(onFx(() -> window.workspace().orElseThrow().dataPanel().model().getSource()))
                .isEqualTo("fashion-mnist-sample");
    }

    @Test
    void dataBesideTheDesignIsReadWithoutAskingFromTheDesignsFolder() throws Exception {
        Path design = designReading("csv:points.csv");
        onFx(() -> window.openFile(design));

        onFx(() -> window.workspace().orElseThrow().showTab("data-tab"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialogs.asked).noneMatch(q -> q.startsWith("read "));
        assertThat(onFx(() -> window.workspace().orElseThrow().dataPanel().model().getSource()))
                .isEqualTo("csv:" + design.getParent().resolve("points.csv"));
    }
}
