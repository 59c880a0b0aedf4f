package dev.netwright.runtime.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.TrainingPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KerasExportTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private final KerasExport export = new KerasExport();

    @TempDir
    Path folder;

    @Test
    void aSmallCnnBecomesAFunctionalModelChannelsLastWithLogitsAndItsTrainingSettings() throws Exception {
        Design design = TestDesigns.start().image(28, 28, 1)
                .then("conv1", "Conv2D", "filters", 8, "padding", "same", "activation", "relu")
                .then("pool1", "MaxPool2D")
                .then("flatten", "Flatten")
                .then("dense1", "Dense", "units", 16, "activation", "leakyrelu", "useBias", false)
                .output()
                .withTraining(new TrainingPlan("NESTEROV", 0.05, 64, 3, 0, false, 0.5, 0, 7, "AUTO", 0, 0));

        String code = export.export(design);

        assertThat(code).contains("input = keras.Input(shape=(28, 28, 1), name=\"input\")",
                "conv1 = layers.Conv2D(8, (3, 3), strides=(1, 1), padding=\"same\", activation=\"relu\", name=\"conv1\")(input)",
                "pool1 = layers.MaxPooling2D((2, 2), strides=(2, 2), padding=\"valid\", name=\"pool1\")(conv1)",
                "flatten = layers.Flatten(name=\"flatten\")(pool1)",
                "dense1 = layers.Dense(16, activation=leaky_relu, use_bias=False, name=\"dense1\")(flatten)",
                "output = layers.Dense(3, name=\"output\")(dense1)",
                "keras.utils.set_random_seed(7)",
                "keras.optimizers.SGD(learning_rate=0.05, momentum=0.9, nesterov=True)",
                "keras.losses.SparseCategoricalCrossentropy(from_logits=True)",
                "model.fit(x_train, y_train, epochs=3, batch_size=64",
                "x_train.reshape((-1,) + (28, 28, 1))");
        assertCompiles(code);
    }

    @Test
    void skipsAddAndConcatTakeTheirInputsAsAList() throws Exception {
        Design design = TestDesigns.start().image(8, 8, 4)
                .then("a", "Conv2D", "filters", 4, "padding", "same")
                .then("sum", "Add").wire("input", "sum")
                .then("cat", "Concat").wire("input", "cat")
                .then("gap", "GlobalPooling", "mode", "max")
                .output();

        String code = export.export(design);

        assertThat(code).containsAnyOf("layers.Add(name=\"sum\")([a, input])", "layers.Add(name=\"sum\")([input, a])");
        assertThat(code).contains("layers.GlobalMaxPooling2D(name=\"gap\")(cat)", "raise SystemExit(");
        assertCompiles(code);
    }

    @Test
    void attentionKindsUseKerasLayersAndTheScriptsHelpers() throws Exception {
        Design design = TestDesigns.start().sequence(28, 28)
                .then("embed", "Dense", "units", 16, "activation", "identity")
                .then("pos", "PositionalEncoding")
                .then("attn", "MultiHeadSelfAttention", "heads", 4)
                .then("norm", "LayerNorm")
                .then("block", "TransformerEncoderBlock", "heads", 2, "feedForward", 32)
                .then("lstm", "LSTM", "units", 8, "bidirectional", true)
                .output();

        String code = export.export(design);

        assertThat(code).contains("class PositionalEncoding(layers.Layer):", "def transformer_encoder_block(",
                "layers.MultiHeadAttention(num_heads=4, key_dim=4, name=\"attn\")(pos, pos)",
                "layers.LayerNormalization(epsilon=0.00001, name=\"norm\")(attn)",
                "transformer_encoder_block(norm, heads=2, feed_forward=32, dropout=0.1, epsilon=0.00001, name=\"block\")",
                "layers.Bidirectional(layers.LSTM(8, activation=\"tanh\"), name=\"lstm\")(block)",
                "keras.Input(shape=(28, 28), name=\"input\")");
        assertCompiles(code);
    }

    @Test
    void aKindWithNoKerasLayerIsRefusedNamingEveryNodeInTheWay() {
        Design design = TestDesigns.start().sequence(10, 1)
                .then("tokens", "Embedding", "vocabulary", 50, "dimensions", 8)
                .then("gap", "GlobalPooling")
                .output();

        assertThatThrownBy(() -> export.export(design))
                .isInstanceOf(CodeExportException.class)
                .hasMessageContaining("No Keras export for: 'Embedding' (Embedding).");
    }

    @Test
    void frozenNodesBecomeLayersThatDoNotTrainAndFactorsAreNamedAsNotExported() throws Exception {
        Design design = TestDesigns.start().image(28, 28, 1)
                .then("conv1", "Conv2D", "filters", 8, "activation", "relu")
                .then("bn1", "BatchNorm")
                .then("flatten", "Flatten")
                .then("dense1", "Dense", "units", 16)
                .output();
        Design tuned = design.withNode(design.requireNode("conv1").withTrainable(false))
                .withNode(design.requireNode("bn1").withTrainable(false))
                .withNode(design.requireNode("dense1").withLearnRateFactor(0.1));

        String code = export.export(tuned);

        assertThat(code).contains("name=\"conv1\", trainable=False)", "name=\"bn1\", trainable=False)",
                "learning-rate factors (dense1 x0.1) are not exported");
        assertThat(code).doesNotContain("name=\"dense1\", trainable=False");
        assertThat(export.export(design)).doesNotContain("trainable").doesNotContain("learning-rate factors");
        Design back = KerasCodeImport.parse(code, "tuned.py");
        assertThat(back.requireNode("conv1").trainable()).isFalse();
        assertThat(back.requireNode("bn1").trainable()).isFalse();
        assertThat(back.requireNode("dense1").trainable()).isTrue();
        assertCompiles(code);
    }

    private void assertCompiles(String code) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is not installed: the export's syntax is not checked");
        Path file = folder.resolve("model.py");
        Files.writeString(file, code, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(PYTHON.toString(), "-m", "py_compile", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out + "\n" + code).isZero();
    }
}
