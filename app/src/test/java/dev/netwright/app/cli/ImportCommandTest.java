package dev.netwright.app.cli;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.weights.DesignWeights;
import dev.netwright.app.testing.KerasFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ImportCommandTest {
    private static final String UNKNOWN_LAYERS = """
            {"class_name": "Sequential", "config": {"name": "s", "layers": [
              {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, 10, 4]}},
              {"class_name": "GRU2", "config": {"name": "gru_1", "units": 8}},
              {"class_name": "Dense", "config": {"name": "out", "units": 2, "activation": "softmax"}}]}}
            """;

    private final CapturedCli cli = new CapturedCli();

    @TempDir
    Path dir;

    private Path kerasFixtures() throws Exception {
        return KerasFixtures.writeInto(dir.resolve("keras"));
    }

    @Test
    void importWritesTheLaidOutDesignAndItsWeightsBesideItAndSaysWhat() throws Exception {
        Path h5 = kerasFixtures().resolve("cnn.h5");
        Path design = dir.resolve("cnn.json");

        assertThat(cli.run("import", h5.toString(), "-o", design.toString())).isEqualTo(ExitCodes.OK);

        Path weights = dir.resolve("cnn.weights.npz");
        assertThat(Files.readString(design, StandardCharsets.UTF_8)).contains("\"weights\" : \"cnn.weights.npz\"");
        Design read = new DesignJson().read(design);
        assertThat(read.nodes()).hasSize(7);
        assertThat(read.nodes().stream().map(n -> n.position()).distinct().count()).isGreaterThan(1); // laid out
        assertThat(DesignWeights.read(weights).nodeIds()).containsExactly("conv2d", "dense", "dense_1");
        assertThat(cli.out.toString()).contains("Wrote " + design + " (7 layers, ", "Wrote " + weights);
    }

    @Test
    void anExistingDesignIsNotReplacedWithoutForce() throws Exception {
        Path keras = dir.resolve("arch.json");
        Files.writeString(keras, """
                {"class_name": "Sequential", "config": {"name": "s", "layers": [
                  {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, 6]}},
                  {"class_name": "Dense", "config": {"name": "out", "units": 2, "activation": "softmax"}}]}}
                """, StandardCharsets.UTF_8);
        Path design = dir.resolve("mine.json");
        Files.writeString(design, "keep me", StandardCharsets.UTF_8);

        assertThat(cli.run("import", keras.toString(), "-o", design.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(Files.readString(design, StandardCharsets.UTF_8)).isEqualTo("keep me");
        assertThat(cli.err.toString()).contains(design + " exists", "--force");

        assertThat(cli.run("import", keras.toString(), "-o", design.toString(), "--force")).isEqualTo(ExitCodes.OK);
        assertThat(new DesignJson().read(design).weights()).isEmpty();
        assertThat(cli.out.toString()).contains("Note: A Keras architecture file holds no weights");
    }

    @Test
    void aTruncatedH5IsBadInputNamingTheFileAndWritesNothing() throws Exception {
        assertRefused("cut.h5", new byte[]{(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0, 0, 0});
    }

    @Test
    void aCorruptKerasZipIsBadInputNamingTheFileAndWritesNothing() throws Exception {
        assertRefused("broken.keras", "PK\u0003\u0004 no zip".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void anUnknownLayerIsBadInputListingItAndWritesNothing() throws Exception {
        assertRefused("rnn.json", UNKNOWN_LAYERS.getBytes(StandardCharsets.UTF_8));
        assertThat(cli.err.toString()).contains("Keras layers without a Netwright kind: 'gru_1' (GRU2)");
    }

    @Test
    void kerasCodeInAPyFileImportsAsADesignWithItsTrainingSettingsAndNoWeights() throws Exception {
        Path code = dir.resolve("cnn.py");
        Files.writeString(code, """
                import tensorflow as tf
                from tensorflow.keras import layers, models

                model = models.Sequential()
                model.add(layers.Conv2D(32, (3, 3), activation='relu', input_shape=(28, 28, 1)))
                model.add(layers.MaxPooling2D((2, 2)))
                model.add(layers.Flatten())
                model.add(layers.Dense(10))
                model.compile(optimizer='adam',
                              loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                              metrics=['accuracy'])
                model.fit(train_images, train_labels, epochs=3, batch_size=64)
                """, StandardCharsets.UTF_8);
        Path design = dir.resolve("cnn.json");

        assertThat(cli.run("import", code.toString(), "-o", design.toString())).isEqualTo(ExitCodes.OK);

        Design imported = new DesignJson().read(design);
        assertThat(imported.nodes()).hasSize(5);
        assertThat(imported.training().orElseThrow().epochs()).isEqualTo(3);
        assertThat(imported.training().orElseThrow().batchSize()).isEqualTo(64);
        assertThat(imported.weights()).isEmpty();
        assertThat(dir.resolve("cnn.weights.npz")).doesNotExist();
        assertThat(cli.out.toString()).contains("starts untrained");
    }

    @Test
    void pythonWithASyntaxErrorIsBadInputNamingFileLineAndColumn() throws Exception {
        Path code = dir.resolve("broken.py");
        Files.writeString(code, "model = Sequential([\n    Dense(64,, activation='relu'),\n])\n", StandardCharsets.UTF_8);
        Path design = dir.resolve("out.json");

        assertThat(cli.run("import", code.toString(), "-o", design.toString())).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(cli.err.toString()).contains(code + ":2:14:");
        assertThat(design).doesNotExist();
    }

    @Test
    void aFileNoImporterReadsIsBadInputNamingTheEndingsThatAre() throws Exception {
        assertRefused("model.tflite", new byte[]{1, 2, 3});
        assertThat(cli.err.toString()).contains(".h5", ".keras", ".onnx");
    }

    @Test
    void kerasCodeOverFourMegabytesIsRefusedBeforeItIsRead() throws Exception {
        byte[] comments = "# a comment line of Python, repeated until the file is too large to be Keras code\n"
                .repeat(60_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(comments.length).isGreaterThan(4 << 20);
        assertRefused("huge.py", comments);
        assertThat(cli.err.toString()).contains("MB: more than the 4 MB of Keras code Netwright reads");
    }

    private void assertRefused(String name, byte[] content) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, content);
        Path design = dir.resolve("out.json");

        assertThat(cli.run("import", file.toString(), "-o", design.toString())).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(cli.err.toString()).contains(file.toString());
        assertThat(design).doesNotExist();
        assertThat(dir.resolve("out.weights.npz")).doesNotExist();
    }
}
