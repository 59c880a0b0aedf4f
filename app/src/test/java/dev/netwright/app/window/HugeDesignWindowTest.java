package dev.netwright.app.window;

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

/** A design whose sizes overflow opens like any broken design: its problems listed, no error dialog (issue 13, item 9). */
@ExtendWith(ApplicationExtension.class)
class HugeDesignWindowTest {
    private MainWindow window;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private Path home;

    @Start
    void start(Stage stage) throws Exception {
        home = WindowTestSupport.freshHome();
        window = WindowTestSupport.window(stage, home, dialogs);
    }

    @Test
    void aConcatBeyondWhatALayerHoldsOpensWithItsError() throws Exception {
        // before: the checker's ArithmeticException made the window say the design could not be opened
        Path file = Files.writeString(home.resolve("huge.netwright.json"), """
                { "formatVersion" : 1, "name" : "huge", "nodes" : [
                  { "id" : "a", "kind" : "Input", "params" : { "height" : 4096, "width" : 4096, "channels" : 64 } },
                  { "id" : "fa", "kind" : "Flatten" },
                  { "id" : "b", "kind" : "Input", "params" : { "height" : 4096, "width" : 4096, "channels" : 64 } },
                  { "id" : "fb", "kind" : "Flatten" },
                  { "id" : "join", "kind" : "Concat" },
                  { "id" : "output", "kind" : "Output", "params" : { "units" : 10 } } ],
                  "edges" : [ { "from" : "a", "to" : "fa" }, { "from" : "b", "to" : "fb" },
                    { "from" : "fa", "to" : "join" }, { "from" : "fb", "to" : "join" },
                    { "from" : "join", "to" : "output" } ] }
                """);

        onFx(() -> window.openFile(file));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialogs.errors).isEmpty();
        Workspace w = window.workspace().orElseThrow();
        assertThat(onFx(() -> w.file())).isEqualTo(file);
        assertThat(onFx(() -> w.document().check().diagnosticsFor("join")))
                .anySatisfy(d -> assertThat(d.message()).contains("Concat gives 2,147,483,648 features"));
    }

    @Test
    void aLongFailureReasonWrapsOrIsCutInsteadOfWideningTheWindow() throws Exception {
        // seen when the run of a too-large design was refused: the panel and status bar took the whole sentence's width
        onFx(() -> window.openSample("cnn"));
        Workspace w = window.workspace().orElseThrow();
        // measured once the panel has been laid out: before its first pulse it has no skin and a width of 0
        WindowTestSupport.waitFor(java.time.Duration.ofSeconds(20), "the Training panel laid out",
                () -> w.trainingPanel().getSkin() != null && w.trainingPanel().getWidth() > 0);
        String reason = "This network needs about 2.0 TiB to train with Adam at batch 64 ".repeat(20);
        double panelBefore = onFx(() -> w.trainingPanel().prefWidth(-1));
        double barBefore = onFx(() -> window.statusBar().minWidth(-1));

        onFx(() -> {
            w.trainingPanel().showProblem(reason);
            // the label is bound to the status bar's model (StatusBarModelTest has its texts); here only its layout counts
            window.statusBar().run().textProperty().unbind();
            window.statusBar().run().setText("Idle — Failed: " + reason);
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(onFx(() -> w.trainingPanel().prefWidth(-1))).isEqualTo(panelBefore);
        assertThat(onFx(() -> window.statusBar().minWidth(-1))).isEqualTo(barBefore);
    }
}
