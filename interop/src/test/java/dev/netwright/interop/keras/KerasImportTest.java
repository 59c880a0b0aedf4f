package dev.netwright.interop.keras;

import dev.netwright.interop.ImportedModel;
import dev.netwright.interop.ModelImportException;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Node;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Keras files written at test time by Debian's python3 with h5py and numpy in Keras 2's and Keras 3's layouts (no
 * TensorFlow here); the imported model's outputs must equal numpy's forward pass of the same weights.
 */
class KerasImportTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    @TempDir
    static Path fixtures;
    private static boolean written;

    @BeforeAll
    static void writeFixtures() throws Exception {
        if (!Files.isExecutable(PYTHON) || run(PYTHON.toString(), "-c", "import h5py, numpy") != 0) {
            return;
        }
        Path script = fixtures.resolve("keras_fixtures.py");
        try (InputStream in = KerasImportTest.class.getResourceAsStream("keras_fixtures.py")) {
            Files.copy(in, script);
        }
        written = run(PYTHON.toString(), script.toString(), fixtures.resolve("out").toString()) == 0;
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("python finished").isTrue();
        return p.exitValue();
    }

    private static Path fixture(String name) {
        assumeTrue(written, "skipped: /usr/bin/python3 with h5py and numpy (Debian's python3-h5py, python3-numpy) "
                + "is needed to write the Keras fixtures");
        return fixtures.resolve("out").resolve(name);
    }

    /** How a fixture's inputs are laid out in Keras, and so how they are handed to Netwright's network. */
    private enum Inputs {
        VECTORS,
        /** NHWC in Keras, NCHW in Netwright. */
        IMAGES,
        /** [batch, steps, features] in Keras, [batch, features, steps] in Netwright. */
        SEQUENCES,
        /** Token ids [batch, steps] in Keras, a one-feature sequence [batch, 1, steps] in Netwright. */
        TOKENS
    }

    /** The imported model's outputs on the fixture's inputs against numpy's. */
    private static void assertSameOutputsAsNumpy(ImportedModel model, String name, boolean image) throws Exception {
        assertSameOutputsAsNumpy(model, name, image ? Inputs.IMAGES : Inputs.VECTORS);
    }

    private static void assertSameOutputsAsNumpy(ImportedModel model, String name, Inputs layout) throws Exception {
        ComputationGraph graph = new DesignCompiler().compile(model.design(), TrainingSettings.defaults()).newNetwork();
        model.weights().applyTo(graph, model.design());
        INDArray x = Nd4j.createFromNpyFile(fixture(name + "_x.npy").toFile()).castTo(DataType.FLOAT);
        INDArray expected = Nd4j.createFromNpyFile(fixture(name + "_y.npy").toFile()).castTo(DataType.FLOAT);
        INDArray input = switch (layout) {
            case VECTORS -> x;
            case IMAGES -> x.permute(0, 3, 1, 2).dup('c');
            case SEQUENCES -> x.permute(0, 2, 1).dup('c');
            case TOKENS -> x.reshape('c', x.size(0), 1, x.size(1));
        };
        INDArray actual = graph.outputSingle(input);
        assertThat(actual.shape()).isEqualTo(expected.shape());
        double worst = Transforms.abs(actual.sub(expected)).maxNumber().doubleValue();
        assertThat(worst).as("largest difference to numpy").isLessThanOrEqualTo(1e-4);
    }

    @Test
    void aSequentialCnnFromAKeras2H5FileGivesNumpysOutputs() throws Exception {
        ImportedModel model = KerasImport.read(fixture("cnn.h5"));
        assertThat(model.design().nodes()).extracting(Node::id)
                .containsExactly("image", "conv2d", "max_pooling2d", "flatten", "dense", "dropout", "dense_1");
        assertThat(model.design().nodes()).extracting(Node::kind)
                .containsExactly("Input", "Conv2D", "MaxPool2D", "Flatten", "Dense", "Dropout", "Output");
        assertThat(model.weights().nodeIds()).containsExactly("conv2d", "dense", "dense_1");
        assertSameOutputsAsNumpy(model, "cnn", true);
    }

    @Test
    void aFunctionalModelWithAddAndConcatenateFromAKeras2H5FileGivesNumpysOutputs() throws Exception {
        ImportedModel model = KerasImport.read(fixture("functional.h5"));
        assertThat(model.design().edgesInto("add")).hasSize(2);
        assertThat(model.design().edgesInto("concatenate")).hasSize(2);
        assertSameOutputsAsNumpy(model, "functional", false);
    }

    @Test
    void aSequentialCnnFromAKeras3FileGivesNumpysOutputs() throws Exception {
        assertSameOutputsAsNumpy(KerasImport.read(fixture("cnn.keras")), "cnn", true);
    }

    @Test
    void aFunctionalModelFromAKeras3FileGivesNumpysOutputs() throws Exception {
        assertSameOutputsAsNumpy(KerasImport.read(fixture("functional.keras")), "functional", false);
    }

    @Test
    void anLstmIntoAGruFromAKeras2H5FileGivesNumpysOutputs() throws Exception {
        ImportedModel model = KerasImport.read(fixture("sequence.h5"));
        assertThat(model.design().nodes()).extracting(Node::kind).containsExactly("Input", "LSTM", "GRU", "Output");
        assertThat(model.design().requireNode("lstm").params()).containsEntry("units", 8)
                .containsEntry("returnSequences", true).containsEntry("activation", "tanh");
        assertThat(model.design().requireNode("gru").params()).containsEntry("returnSequences", false);
        assertThat(model.weights().nodeIds()).containsExactly("lstm", "gru", "dense");
        assertSameOutputsAsNumpy(model, "sequence", Inputs.SEQUENCES);
    }

    @Test
    void anLstmIntoAGruFromAKeras3FileGivesNumpysOutputs() throws Exception {
        assertSameOutputsAsNumpy(KerasImport.read(fixture("sequence.keras")), "sequence", Inputs.SEQUENCES);
    }

    @Test
    void anLstmThatCompilesToDl4jsOwnLstmGetsItsGatesInDl4jsOrder() throws Exception {
        ImportedModel model = KerasImport.read(fixture("relu_lstm.h5"));
        assertThat(model.design().requireNode("lstm").params()).containsEntry("activation", "relu");
        assertSameOutputsAsNumpy(model, "relu_lstm", Inputs.SEQUENCES);
    }

    @Test
    void batchNormalizationAndAFinalSoftmaxActivationFromAKeras2H5FileGiveNumpysOutputs() throws Exception {
        ImportedModel model = KerasImport.read(fixture("batchnorm.h5"));
        // the linear Dense and the Activation('softmax') after it are one Output, named as the Dense
        assertThat(model.design().nodes()).extracting(Node::id).containsExactly("image", "conv2d",
                "batch_normalization", "activation", "global_average_pooling2d", "dense");
        assertThat(model.design().nodes()).extracting(Node::kind)
                .containsExactly("Input", "Conv2D", "BatchNorm", "Activation", "GlobalPooling", "Output");
        assertThat(model.design().requireNode("batch_normalization").params()).containsEntry("momentum", 0.99)
                .containsEntry("epsilon", 0.001);
        assertSameOutputsAsNumpy(model, "batchnorm", Inputs.IMAGES);
    }

    @Test
    void batchNormalizationFromAKeras3FileGivesNumpysOutputs() throws Exception {
        assertSameOutputsAsNumpy(KerasImport.read(fixture("batchnorm.keras")), "batchnorm", Inputs.IMAGES);
    }

    @Test
    void conv1dPoolingAndLayerNormalizationFromAKeras2H5FileGiveNumpysOutputs() throws Exception {
        ImportedModel model = KerasImport.read(fixture("conv1d.h5"));
        assertThat(model.design().nodes()).extracting(Node::kind).containsExactly("Input", "Conv1D", "MaxPool1D",
                "LayerNorm", "AvgPool1D", "GlobalPooling", "Output");
        assertSameOutputsAsNumpy(model, "conv1d", Inputs.SEQUENCES);
    }

    @Test
    void conv1dPoolingAndLayerNormalizationFromAKeras3FileGiveNumpysOutputs() throws Exception {
        assertSameOutputsAsNumpy(KerasImport.read(fixture("conv1d.keras")), "conv1d", Inputs.SEQUENCES);
    }

    @Test
    void anEmbeddingIntoASimpleRnnFromAKeras2H5FileGivesNumpysOutputs() throws Exception {
        ImportedModel model = KerasImport.read(fixture("tokens.h5"));
        assertThat(model.design().nodes()).extracting(Node::kind).containsExactly("Input", "Embedding", "SimpleRNN",
                "GlobalPooling", "LayerNorm", "Output");
        assertThat(model.design().requireNode("tokens").params()).containsEntry("steps", 9).containsEntry("features", 1);
        assertSameOutputsAsNumpy(model, "tokens", Inputs.TOKENS);
    }

    @Test
    void anEmbeddingIntoASimpleRnnFromAKeras3FileGivesNumpysOutputs() throws Exception {
        assertSameOutputsAsNumpy(KerasImport.read(fixture("tokens.keras")), "tokens", Inputs.TOKENS);
    }

    @Test
    void aSameTransposedConvolutionUpSamplingAndReshapeFromAKeras2H5FileGiveNumpysOutputs() throws Exception {
        ImportedModel model = KerasImport.read(fixture("upsampling_same.h5"));
        assertThat(model.design().nodes()).extracting(Node::kind).containsExactly("Input", "Conv2DTranspose",
                "UpSampling2D", "Reshape", "GlobalPooling", "Output");
        assertThat(model.design().requireNode("conv2d_transpose").params()).containsEntry("filters", 3)
                .containsEntry("kernelHeight", 3).containsEntry("strideWidth", 2).containsEntry("padding", "same")
                .containsEntry("activation", "relu").containsEntry("useBias", true);
        assertThat(model.design().requireNode("up_sampling2d").params()).containsEntry("size", 2);
        assertThat(model.design().requireNode("reshape").params()).containsEntry("form", "sequence")
                .containsEntry("steps", 32).containsEntry("features", 24);
        assertSameOutputsAsNumpy(model, "upsampling_same", Inputs.IMAGES);
    }

    @Test
    void aTransposedConvolutionKernelGoesIntoDl4jsDeconvolutionLayoutInOutHeightWidth() throws Exception {
        ImportedModel model = KerasImport.read(fixture("upsampling_same.h5"));
        ComputationGraph graph = new DesignCompiler().compile(model.design(), TrainingSettings.defaults()).newNetwork();
        assertThat(graph.getLayer("conv2d_transpose").paramTable().get("W").shape()).containsExactly(2, 3, 3, 3);
    }

    @Test
    void aSameTransposedConvolutionUpSamplingAndReshapeFromAKeras3FileGiveNumpysOutputs() throws Exception {
        assertSameOutputsAsNumpy(KerasImport.read(fixture("upsampling_same.keras")), "upsampling_same", Inputs.IMAGES);
    }

    @Test
    void aValidTransposedConvolutionFromAKeras2H5FileGivesNumpysOutputs() throws Exception {
        ImportedModel model = KerasImport.read(fixture("upsampling_valid.h5"));
        assertThat(model.design().requireNode("conv2d_transpose").params()).containsEntry("padding", "valid");
        assertSameOutputsAsNumpy(model, "upsampling_valid", Inputs.IMAGES);
    }

    @Test
    void upSamplingTransposedConvolutionAndReshapeOptionsNetwrightCannotHonourAreRefusedNamingLayerAndOption(
            @TempDir Path dir) throws Exception {
        Path file = dir.resolve("upsampling.json");
        Files.writeString(file, """
                {"class_name": "Sequential", "config": {"name": "s", "layers": [
                  {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, 4, 4, 2]}},
                  {"class_name": "Conv2DTranspose", "config": {"name": "deconv", "filters": 3, "kernel_size": [3, 3],
                     "strides": [2, 2], "padding": "same", "dilation_rate": [2, 2], "output_padding": [1, 1],
                     "data_format": "channels_first", "activation": "relu"}},
                  {"class_name": "UpSampling2D", "config": {"name": "up", "size": [2, 3], "interpolation": "bilinear"}},
                  {"class_name": "Reshape", "config": {"name": "reshape", "target_shape": [-1, 6]}},
                  {"class_name": "Dense", "config": {"name": "out", "units": 2, "activation": "softmax"}}]}}
                """, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> KerasImport.read(file)).isInstanceOf(ModelImportException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("'deconv' (Conv2DTranspose) dilation_rate [2,2]")
                .hasMessageContaining("'deconv' (Conv2DTranspose) output_padding [1,1]")
                .hasMessageContaining("'deconv' (Conv2DTranspose) data_format channels_first")
                .hasMessageContaining("'up' (UpSampling2D) interpolation 'bilinear'")
                .hasMessageContaining("'up' (UpSampling2D) size [2,3]")
                .hasMessageContaining("'reshape' (Reshape) target_shape [-1,6]")
                .hasMessageContaining("Nothing was imported");
    }

    @Test
    void recurrentAndConvolutionOptionsNetwrightCannotHonourAreRefusedNamingLayerAndOption(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("options.json");
        Files.writeString(file, """
                {"class_name": "Sequential", "config": {"name": "s", "layers": [
                  {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, 12, 4]}},
                  {"class_name": "Conv1D", "config": {"name": "conv", "filters": 4, "kernel_size": [3],
                     "strides": [1], "padding": "causal", "dilation_rate": [2], "activation": "relu"}},
                  {"class_name": "LSTM", "config": {"name": "lstm", "units": 8, "return_sequences": true,
                     "recurrent_activation": "hard_sigmoid", "go_backwards": true, "recurrent_dropout": 0.2}},
                  {"class_name": "GRU", "config": {"name": "gru", "units": 4, "reset_after": false,
                     "stateful": true, "use_bias": false}},
                  {"class_name": "Dense", "config": {"name": "out", "units": 2, "activation": "softmax"}}]}}
                """, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> KerasImport.read(file)).isInstanceOf(ModelImportException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("'conv' (Conv1D) dilation_rate [2]")
                .hasMessageContaining("'conv' (Conv1D) padding causal")
                .hasMessageContaining("'lstm' (LSTM) recurrent_activation 'hard_sigmoid'")
                .hasMessageContaining("'lstm' (LSTM) go_backwards true")
                .hasMessageContaining("'lstm' (LSTM) recurrent_dropout 0.2")
                .hasMessageContaining("'gru' (GRU) reset_after false")
                .hasMessageContaining("'gru' (GRU) stateful true")
                .hasMessageContaining("'gru' (GRU) use_bias false")
                .hasMessageContaining("Nothing was imported");
    }

    @Test
    void normalisationOptionsNetwrightCannotHonourAreRefusedNamingLayerAndOption(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("norms.json");
        Files.writeString(file, """
                {"class_name": "Sequential", "config": {"name": "s", "layers": [
                  {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, 8, 8, 3]}},
                  {"class_name": "BatchNormalization", "config": {"name": "bn", "axis": 1, "center": false}},
                  {"class_name": "GlobalAveragePooling2D", "config": {"name": "pool"}},
                  {"class_name": "LayerNormalization", "config": {"name": "ln", "axis": -1, "scale": false}},
                  {"class_name": "Embedding", "config": {"name": "emb", "input_dim": 10, "output_dim": 4,
                     "mask_zero": true}},
                  {"class_name": "Dense", "config": {"name": "out", "units": 2, "activation": "softmax"}}]}}
                """, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> KerasImport.read(file)).isInstanceOf(ModelImportException.class)
                .hasMessageContaining("'bn' (BatchNormalization) axis 1")
                .hasMessageContaining("'bn' (BatchNormalization) center false")
                .hasMessageContaining("'ln' (LayerNormalization) scale false")
                .hasMessageContaining("'emb' (Embedding) mask_zero true");
    }

    @Test
    void anArchitectureFileGivesTheDesignWithoutWeightsAndSaysSo() throws Exception {
        ImportedModel model = KerasImport.read(fixture("cnn.json"));
        assertThat(model.design().nodes()).extracting(Node::kind)
                .containsExactly("Input", "Conv2D", "MaxPool2D", "Flatten", "Dense", "Dropout", "Output");
        assertThat(model.weights().isEmpty()).isTrue();
        assertThat(model.notes()).anyMatch(n -> n.contains("no weights"));
    }

    @Test
    void layersWithoutAKindAreListedTogetherAndNothingIsImported(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rnn.json");
        Files.writeString(file, """
                {"class_name": "Sequential", "config": {"name": "s", "layers": [
                  {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, 10, 4]}},
                  {"class_name": "GRU2", "config": {"name": "gru_1", "units": 8}},
                  {"class_name": "Reshape", "config": {"name": "reshape", "target_shape": [-1]}},
                  {"class_name": "Conv2D", "config": {"name": "conv", "filters": 2, "kernel_size": [3, 3],
                     "dilation_rate": [2, 2], "activation": "selu"}},
                  {"class_name": "Dense", "config": {"name": "out", "units": 2, "activation": "softmax"}}]}}
                """, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> KerasImport.read(file)).isInstanceOf(ModelImportException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("Keras layers without a Netwright kind: 'gru_1' (GRU2)")
                .hasMessageContaining("'reshape' (Reshape) target_shape [-1]")
                .hasMessageContaining("'conv' (Conv2D) dilation_rate [2,2]")
                .hasMessageContaining("'conv' (Conv2D) activation 'selu'")
                .hasMessageContaining("Nothing was imported");
    }

    @Test
    void aTruncatedH5FileIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cut.h5");
        byte[] whole = Files.readAllBytes(fixture("cnn.h5"));
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 3));
        assertThatThrownBy(() -> KerasImport.read(file)).isInstanceOf(ModelImportException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void aCorruptKerasZipIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.keras");
        Files.write(file, "PK\u0003\u0004 this is no zip".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> KerasImport.read(file)).isInstanceOf(ModelImportException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(".keras");
    }

    @Test
    void weightsThatUnpackToMoreThanTheLimitAreRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path keras = dir.resolve("big.keras");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(keras))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("model.weights.h5"));
            zip.write(new byte[4096]); // zeros: compresses to almost nothing
            zip.closeEntry();
        }
        Path target = dir.resolve("out.h5");
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(keras.toFile())) {
            java.util.zip.ZipEntry entry = zip.getEntry("model.weights.h5");

            assertThatThrownBy(() -> KerasImport.copyBounded(zip, entry, target, keras.toString(), 1024))
                    .isInstanceOf(ModelImportException.class)
                    .hasMessageContaining(keras + ": its model.weights.h5 unpacks to more than");

            KerasImport.copyBounded(zip, entry, target, keras.toString(), 8192);
            assertThat(Files.size(target)).isEqualTo(4096);
        }
    }
}
