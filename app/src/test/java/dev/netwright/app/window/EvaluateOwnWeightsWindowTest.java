package dev.netwright.app.window;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.train.TrainingEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.netwright.app.window.WindowTestSupport.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/** Run ▸ Evaluate the Design's Own Weights: an imported model's weights evaluated in the window without training. */
@ExtendWith(ApplicationExtension.class)
class EvaluateOwnWeightsWindowTest {
    private Path home;
    private MainWindow window;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();

    @Start
    void start(Stage stage) throws Exception {
        home = WindowTestSupport.freshHome();
        window = WindowTestSupport.window(stage, home, dialogs);
    }

    @Test
    void aDesignWithWeightsIsEvaluatedOnItsTestSetAndShownInTheEvaluationPanel(FxRobot robot) throws Exception {
        Path file = WindowTestSupport.cnnWithWeights(home);
        onFx(() -> window.openFile(file));

        onFx(() -> window.workspace().orElseThrow().evaluateOwnWeights(why -> dialogs.showError("No weights", why)));

        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES,
                () -> onFx(() -> window.workspace().orElseThrow().evaluationPanel().model().evaluation()) != null);
        TrainingEvent.Evaluation shown = onFx(() -> window.workspace().orElseThrow().evaluationPanel().model().evaluation());
        assertThat(shown.model()).isEqualTo(TrainingEvent.Evaluation.IMPORTED);
        assertThat(shown.onTestSet()).isTrue();
        assertThat(onFx(() -> window.workspace().orElseThrow().evaluationPanel().model().summaryProperty().get()))
                .startsWith("Test accuracy").contains("on 1000 samples").contains("the design's own weights, not trained here");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aDesignWithoutWeightsSaysWhyAndEvaluatesNothing(FxRobot robot) throws Exception {
        onFx(() -> window.openSample("cnn"));
        StringBuilder said = new StringBuilder();

        onFx(() -> window.workspace().orElseThrow().evaluateOwnWeights(said::append));

        assertThat(said.toString()).contains("This design has no trained weights of its own");
        assertThat(onFx(() -> window.workspace().orElseThrow().evaluationPanel().model().evaluation())).isNull();
    }
}
