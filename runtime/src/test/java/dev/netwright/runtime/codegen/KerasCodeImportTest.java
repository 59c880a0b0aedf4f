package dev.netwright.runtime.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class KerasCodeImportTest {
    private static String resource(String name) throws IOException {
        try (InputStream in = KerasCodeImportTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> kinds(Design design) {
        return design.nodes().stream().map(Node::kind).toList();
    }

    @Test
    void theTutorialCnnImportsAsItIsWith93322Parameters() throws Exception {
        Design design = KerasCodeImport.parse(resource("tutorial_cnn.py"), "tutorial_cnn.py");

        CheckResult check = new Checker().check(design);
        assertThat(check.errors()).isEmpty();
        assertThat(check.totalParams()).isEqualTo(93_322);
        assertThat(kinds(design)).containsExactly("Input", "Conv2D", "MaxPool2D", "Conv2D", "MaxPool2D", "Conv2D",
                "Flatten", "Dense", "Output");
        assertThat(design.requireNode("conv2d").params()).containsEntry("filters", 32).containsEntry("activation", "relu");
        assertThat(design.requireNode("dense_1").params()).containsEntry("units", 10)
                .containsEntry("loss", "softmax-crossentropy");
        assertThat(design.training().orElseThrow().epochs()).isEqualTo(10);
        assertThat(design.training().orElseThrow().optimizer()).isEqualTo("ADAM");
        assertThat(design.name()).isEqualTo("tutorial_cnn");
    }

    @Test
    void theTutorialStackedLstmImportsWithItsTrainingSettings() throws Exception {
        Design design = KerasCodeImport.parse(resource("tutorial_lstm.py"), "tutorial_lstm.py");

        assertThat(new Checker().check(design).errors()).isEmpty();
        assertThat(kinds(design)).containsExactly("Input", "LSTM", "LSTM", "Output");
        assertThat(design.requireNode("input").params()).containsEntry("form", "sequence").containsEntry("steps", 28);
        assertThat(design.requireNode("lstm").params()).containsEntry("returnSequences", true);
        assertThat(design.requireNode("lstm_1").params()).containsEntry("returnSequences", false);
        assertThat(design.training().orElseThrow().batchSize()).isEqualTo(32);
        assertThat(design.training().orElseThrow().epochs()).isEqualTo(5);
    }

    @Test
    void theTutorialTransformerModelBecomesSixEncoderBlocksOfItsSize() throws Exception {
        Design design = KerasCodeImport.parse(resource("tutorial_transformer.py"), "tutorial_transformer.py");

        assertThat(new Checker().check(design).errors()).isEmpty();
        assertThat(kinds(design)).containsExactly("Input", "Dense", "PositionalEncoding", "TransformerEncoderBlock",
                "TransformerEncoderBlock", "TransformerEncoderBlock", "TransformerEncoderBlock", "TransformerEncoderBlock",
                "TransformerEncoderBlock", "GlobalPooling", "Output");
        assertThat(design.requireNode("embed").params()).containsEntry("units", 512);
        assertThat(design.requireNode("encoder6").params()).containsEntry("heads", 8).containsEntry("feedForward", 2048)
                .containsEntry("dropout", 0.1);
    }

    @Test
    void theFunctionalApiWiresSkipsByVariable() throws Exception {
        Design design = KerasCodeImport.parse("""
                from tensorflow import keras
                from tensorflow.keras import layers
                inputs = keras.Input(shape=(8, 8, 4))
                x = layers.Conv2D(4, 3, padding="same", name="a")(inputs)
                x = layers.Add()([x, inputs])
                x = layers.GlobalAveragePooling2D()(x)
                outputs = layers.Dense(3, activation="softmax")(x)
                model = keras.Model(inputs=inputs, outputs=outputs)
                """, "skip.py");

        assertThat(new Checker().check(design).errors()).isEmpty();
        assertThat(design.edgesInto("add")).extracting(e -> e.from()).containsExactly("a", "input");
    }

    private static void fails(String code, int line, int column, String problem) {
        assertThatThrownBy(() -> KerasCodeImport.parse(code, "model.py"))
                .isInstanceOfSatisfying(CodeImportException.class, (Consumer<CodeImportException>) e -> {
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.getMessage()).startsWith("model.py:" + line + ":" + column + ": ");
                });
    }

    @Test
    void aSyntaxErrorGivesItsPlaceAndWhatWasExpected() {
        fails("from tensorflow.keras import layers, models\nmodel = models.Sequential([\n    layers.Dense(64,, activation='relu'),\n])\n",
                3, 21, "found ',', expected an argument");
        fails("model = Sequential([\n    Dense(10, input_shape=(4,))\n", 1, 20,
                "found '[' that is never closed, expected ']' before the end of the code");
    }

    @Test
    void anUnknownLayerIsNamedWithItsPlace() {
        assertThatThrownBy(() -> KerasCodeImport.parse("from tensorflow.keras import layers, models\n"
                + "model = models.Sequential([layers.Input(shape=(4,)), layers.GRUCell(8), layers.Dense(2)])\n", "model.py"))
                .isInstanceOfSatisfying(CodeImportException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(61);
                    assertThat(e.problem()).startsWith("found the Keras layer 'GRUCell', which has no Netwright kind; expected one of ");
                });
    }

    @Test
    void anOptionNetwrightCannotHonourIsNamedWithItsPlace() {
        fails("from tensorflow.keras import layers, models\n"
                + "model = models.Sequential([layers.Dense(8, input_shape=(4,), kernel_initializer='zeros'), layers.Dense(2)])\n",
                2, 62, "found option 'kernel_initializer' of Dense, which Netwright has no equivalent for; expected only "
                        + "input_shape, shape, name, trainable, dtype, units, activation, use_bias");
    }

    @Test
    void aModelBuiltInALoopIsRefused() {
        fails("from tensorflow.keras import layers, models\nmodel = models.Sequential([layers.Dense(8, input_shape=(4,))])\n"
                + "for i in range(3):\n    model.add(layers.Dense(8))\n", 4, 5,
                "found 'model' inside 'for', expected the model to be built by plain statements (Netwright does not run "
                        + "loops or conditions)");
    }
}
