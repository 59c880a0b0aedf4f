package dev.netwright.app.window;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.time.Duration;

import static dev.netwright.app.window.WindowTestSupport.fireMenuItem;
import static dev.netwright.app.window.WindowTestSupport.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/** File ▸ Export ONNX Model… and Run ▸ Check in ONNX Runtime on a design with trained weights, and without any. */
@ExtendWith(ApplicationExtension.class)
class OnnxWindowTest {
    private Path home;
    private MainWindow window;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();

    @Start
    void start(Stage stage) throws Exception {
        home = WindowTestSupport.freshHome();
        window = WindowTestSupport.window(stage, home, dialogs);
    }

    @Test
    void aDesignWithWeightsIsExportedAndCheckedInOnnxRuntimeInTheBackground(FxRobot robot) throws Exception {
        Path file = WindowTestSupport.cnnWithWeights(home);
        onFx(() -> window.openFile(file));
        Path model = home.resolve("cnn.onnx");
        dialogs.exportAnswer = model;

        fireMenuItem(window, "Export ONNX Model…");

        WindowTestSupport.waitFor(Duration.ofMinutes(2), "the export's outcome", () -> !dialogs.informed.isEmpty()
                || !dialogs.errors.isEmpty());
        assertThat(dialogs.errors).isEmpty();
        assertThat(dialogs.informed.get(0)).startsWith("ONNX model exported: Wrote " + model + " (ONNX opset 17")
                .contains("on 20 random inputs").contains("largest difference from Netwright's outputs");
        assertThat(model).isNotEmptyFile();

        fireMenuItem(window, "Check in ONNX Runtime");

        WindowTestSupport.waitFor(Duration.ofMinutes(2), "the check's outcome", () -> dialogs.informed.size() > 1
                || !dialogs.errors.isEmpty());
        assertThat(dialogs.errors).isEmpty();
        assertThat(dialogs.informed.get(1)).startsWith("Checked in ONNX Runtime: ONNX Runtime ")
                .contains("on 20 random inputs");
    }

    @Test
    void aDesignWithoutARunOrWeightsSaysWhatToDoAndWritesNothing(FxRobot robot) throws Exception {
        onFx(() -> window.openSample("cnn"));
        dialogs.exportAnswer = home.resolve("never.onnx");

        fireMenuItem(window, "Export ONNX Model…");

        assertThat(dialogs.informed).singleElement().asString().startsWith("No trained model: ONNX holds a trained model");
        assertThat(dialogs.asked).noneMatch(a -> a.startsWith("export "));
        assertThat(home.resolve("never.onnx")).doesNotExist();
    }
}
