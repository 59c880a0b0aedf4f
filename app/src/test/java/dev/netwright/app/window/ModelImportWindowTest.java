package dev.netwright.app.window;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.weights.DesignWeights;
import javafx.stage.Stage;
import dev.netwright.app.testing.KerasFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.netwright.app.window.WindowTestSupport.onFx;
import static dev.netwright.app.window.WindowTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/** File ▸ Import…, a dropped model file and Edit ▸ Paste Keras Code: another tool's model opens as an unsaved design. */
@ExtendWith(ApplicationExtension.class)
class ModelImportWindowTest {
    private static final String CNN = """
            model = tf.keras.Sequential([
                tf.keras.layers.Conv2D(32, (3, 3), activation='relu', input_shape=(28, 28, 1)),
                tf.keras.layers.MaxPooling2D((2, 2)),
                tf.keras.layers.Flatten(),
                tf.keras.layers.Dense(10),
            ])
            model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
            model.fit(x, y, epochs=4, batch_size=32)
            """;

    private Path home;
    private MainWindow window;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();

    @Start
    void start(Stage stage) throws Exception {
        home = WindowTestSupport.freshHome();
        window = WindowTestSupport.window(stage, home, dialogs);
    }

    @Test
    void pastedCodeWithAProblemIsShownAndTheFixedCodeOpensAsAnUnsavedDesign(FxRobot robot) throws Exception {
        dialogs.pastedCode.add("model = Sequential([\n    Dense(64,, activation='relu'),\n])\n");
        dialogs.pastedCode.add(CNN);

        onFx(() -> window.imports().pasteKerasCode());

        assertThat(dialogs.codeProblems).hasSize(1);
        assertThat(dialogs.codeProblems.get(0)).startsWith("2:14 pasted code:2:14:");
        Design design = onFx(() -> window.workspace().orElseThrow().document().design());
        assertThat(design.nodes()).hasSize(5);
        assertThat(design.training().orElseThrow().epochs()).isEqualTo(4);
        assertThat(onFx(() -> window.isDirty())).as("nothing pasted is lost unasked").isTrue();
    }

    @Test
    void aKerasFileChosenInFileImportOpensWithItsWeightsKept(FxRobot robot) throws Exception {
        dialogs.importAnswer = kerasFixtures().resolve("cnn.h5");

        onFx(() -> window.imports().importWithChooser());

        waitFor(Duration.ofSeconds(60), "the imported design", () -> window.workspace().isPresent());
        Design design = onFx(() -> window.workspace().orElseThrow().document().design());
        assertThat(design.nodes()).hasSize(7);
        Path weights = Path.of(design.weights().orElseThrow());
        assertThat(weights).startsWith(home);
        assertThat(DesignWeights.read(weights).nodeIds()).containsExactly("conv2d", "dense", "dense_1");
        assertThat(onFx(() -> window.isDirty())).isTrue();
    }

    @Test
    void aDroppedPyFileImportsAndABrokenModelFileIsAnErrorNamingIt(FxRobot robot) throws Exception {
        Path code = Files.writeString(home.resolve("cnn.py"), CNN, StandardCharsets.UTF_8);
        onFx(() -> window.openDropped(code));
        waitFor(Duration.ofSeconds(60), "the imported design", () -> window.workspace().isPresent());
        assertThat(onFx(() -> window.workspace().orElseThrow().document().design().nodes())).hasSize(5);

        Path broken = Files.write(home.resolve("broken.h5"), new byte[]{(byte) 0x89, 'H', 'D', 'F', 1, 2});
        onFx(() -> window.openDropped(broken));
        waitFor(Duration.ofSeconds(60), "the error", () -> !dialogs.errors.isEmpty());
        assertThat(onFx(() -> List.copyOf(dialogs.errors))).singleElement().asString()
                .startsWith("Cannot import the model: ").contains(broken.toString());
        assertThat(onFx(() -> window.workspace().orElseThrow().document().design().nodes())).as("the open design stays").hasSize(5);
    }

    private Path kerasFixtures() throws Exception {
        return KerasFixtures.writeInto(home.resolve("keras"));
    }
}
