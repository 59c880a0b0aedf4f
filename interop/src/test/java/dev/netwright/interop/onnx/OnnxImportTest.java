package dev.netwright.interop.onnx;

import dev.netwright.interop.ImportedModel;
import dev.netwright.interop.ModelImportException;
import dev.netwright.interop.formats.ModelImports;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Node;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ONNX files written at test time by torch.onnx.export (Debian's python3-torch 1.13): the imported design checks, and
 * Deeplearning4j's outputs with the imported weights equal PyTorch's own on the same 20 random inputs.
 */
class OnnxImportTest {
    @TempDir
    static Path dir;
    private static boolean written;

    @BeforeAll
    static void writeFixtures() throws Exception {
        written = OnnxFixtures.writeInto(dir);
    }

    private static Path fixture(String name) {
        return OnnxFixtures.file(dir, written, name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "cnn", "cnn17", "residual", "lstm", "lstm17", "lstm_h1", "lstm_h2", "tf_mlp", "tf_cnn",
            "transformer", "transformer17", "transformer_images"})
    void anExportedModelComputesWhatPyTorchComputed(String name) throws Exception {
        ImportedModel model = OnnxImport.read(fixture(name + ".onnx"));

        assertThat(new Checker().check(model.design()).errors()).isEmpty();
        ComputationGraph graph = network(model);
        INDArray x = Nd4j.createFromNpyFile(fixture(name + ".x.npy").toFile()).castTo(DataType.FLOAT);
        INDArray expected = Nd4j.createFromNpyFile(fixture(name + ".y.npy").toFile()).castTo(DataType.FLOAT);
        INDArray actual = graph.outputSingle(inDl4jLayout(x));
        double diff = actual.sub(expected).amaxNumber().doubleValue();
        System.err.println("ONNX import " + name + ": max |DL4J - PyTorch| = " + diff);
        assertThat(diff).isLessThanOrEqualTo(1e-4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn", "residual", "lstm", "transformer", "transformer17"})
    void anImportedModelTrainsWithoutNaN(String name) throws Exception {
        ImportedModel model = OnnxImport.read(fixture(name + ".onnx"));
        ComputationGraph graph = network(model);
        INDArray x = Nd4j.createFromNpyFile(fixture(name + ".x.npy").toFile()).castTo(DataType.FLOAT);
        x = inDl4jLayout(x);
        long classes = graph.outputSingle(x).size(1);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, x.size(0), classes);
        for (int i = 0; i < x.size(0); i++) {
            labels.putScalar(i, i % classes, 1);
        }
        for (int step = 0; step < 3; step++) {
            graph.fit(new DataSet(x, labels));
        }
        assertThat(Double.isFinite(graph.score())).as("score " + graph.score()).isTrue();
        assertThat(graph.params().isNaN().any()).isFalse();
    }

    @Test
    void theCnnMapsOntoNetwrightKindsWithActivationsFolded() throws Exception {
        ImportedModel model = OnnxImport.read(fixture("cnn.onnx"));

        Map<String, String> kinds = model.design().nodes().stream().collect(Collectors.toMap(Node::name, Node::kind));
        assertThat(model.design().nodes()).extracting(Node::kind)
                .containsExactly("Input", "Conv2D", "MaxPool2D", "Conv2D", "AvgPool2D", "Flatten", "Dense", "Output");
        assertThat(kinds).containsEntry("/conv1/Conv", "Conv2D").containsEntry("/fc2/Gemm", "Output");
        Node conv1 = model.design().nodes().stream().filter(n -> n.name().equals("/conv1/Conv")).findFirst().orElseThrow();
        assertThat(conv1.params()).containsEntry("padding", "same").containsEntry("activation", "relu");
    }

    @Test
    void aPyTorchTransformerEncoderBecomesNetwrightsBlocks() throws Exception {
        ImportedModel opset13 = OnnxImport.read(fixture("transformer.onnx"));
        ImportedModel opset17 = OnnxImport.read(fixture("transformer17.onnx"));

        assertThat(opset13.design().nodes()).extracting(Node::kind).containsExactly("Input", "Dense", "PositionalEncoding",
                "TransformerEncoderBlock", "GlobalPooling", "Output");
        assertThat(opset17.design().nodes()).extracting(Node::kind).containsExactly("Input", "Dense", "PositionalEncoding",
                "TransformerEncoderBlock", "TransformerEncoderBlock", "GlobalPooling", "Output");
        Node block = opset17.design().nodes().stream().filter(n -> n.kind().equals("TransformerEncoderBlock")).findFirst()
                .orElseThrow();
        assertThat(block.params()).containsEntry("heads", 2).containsEntry("feedForward", 32);
        assertThat((double) block.params().get("epsilon")).isCloseTo(1e-5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(opset13.design().nodes().stream().filter(n -> n.kind().equals("PositionalEncoding")).findFirst()
                .orElseThrow().params()).containsEntry("mode", "learned");
        assertThat(opset17.notes()).filteredOn(note -> note.contains("dropout 0.1")).hasSize(2);
    }

    @Test
    void aOneChannelImageReshapedToItsRowsIsReadAsToSequence() throws Exception {
        ImportedModel model = OnnxImport.read(fixture("transformer_images.onnx"));

        assertThat(model.design().nodes()).extracting(Node::kind).containsExactly("Input", "ToSequence", "Dense",
                "PositionalEncoding", "TransformerEncoderBlock", "GlobalPooling", "Output");
    }

    @Test
    void aReshapeThatMixesChannelsIntoRowsIsRefused() {
        Path file = fixture("rows_of_three_channels.onnx");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OnnxImport.read(file))
                .isInstanceOf(ModelImportException.class)
                .hasMessageContaining("(Reshape) reshapes an image of 3 channels")
                .hasMessageContaining("only with one channel");
    }

    @Test
    void anEncoderLayerWithAMaskMatchesNothingAndIsRefusedWhole() {
        Path file = fixture("transformer_masked.onnx");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OnnxImport.read(file))
                .isInstanceOf(ModelImportException.class)
                .hasMessageContaining("ONNX operators Netwright cannot import: ")
                .hasMessageContaining("Nothing was imported");
    }

    @Test
    void aPreNormEncoderLayerMatchesNothingAndIsRefusedWhole() {
        Path file = fixture("transformer_prenorm.onnx");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OnnxImport.read(file))
                .isInstanceOf(ModelImportException.class)
                .hasMessageContaining("ONNX operators Netwright cannot import: ")
                .hasMessageContaining("'/encoder/layers.0/norm1/LayerNormalization' (LayerNormalization)")
                .hasMessageContaining("Nothing was imported");
    }

    @Test
    void aTf2onnxStyleCnnReadsItsChannelsLastImageAsNetwrightsImage() throws Exception {
        ImportedModel model = OnnxImport.read(fixture("tf_cnn.onnx"));

        assertThat(model.design().nodes()).extracting(Node::kind)
                .containsExactly("Input", "Conv2D", "MaxPool2D", "Flatten", "Dense", "Output");
        assertThat(model.design().nodes().iterator().next().params()).containsEntry("height", 12).containsEntry("width", 12)
                .containsEntry("channels", 3);
    }

    @Test
    void theStackedLstmReturnsSequencesOnlyBelowTheTop() throws Exception {
        ImportedModel model = OnnxImport.read(fixture("lstm.onnx"));

        assertThat(model.design().nodes().stream().filter(n -> n.kind().equals("LSTM"))
                .map(n -> n.params().get("returnSequences"))).containsExactly(true, false);
    }

    @Test
    void theStandardImportsReadOnnxFiles() {
        assertThat(ModelImports.standard().forFile(Path.of("model.onnx"))).isPresent();
        assertThat(ModelImports.standard().endings()).contains(".onnx");
    }

    @Test
    void everyUnsupportedOperatorIsNamedAndNothingIsImported() {
        Path file = fixture("unsupported.onnx");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OnnxImport.read(file))
                .isInstanceOf(ModelImportException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("ONNX operators Netwright cannot import: '/Sin' (Sin), '/gru/GRU' (GRU). ")
                .hasMessageContaining("Nothing was imported")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Squeeze", "Gemm"));
    }

    /**
     * PyTorch's sequences [N, T, F] as Deeplearning4j's [N, F, T]; tf2onnx-style images [N, H, W, C] as [N, C, H, W]
     * (PyTorch's images are NCHW already: their last axis is never 3 here).
     */
    private static INDArray inDl4jLayout(INDArray x) {
        if (x.rank() == 3) {
            return x.permute(0, 2, 1).dup('c');
        }
        return x.rank() == 4 && x.size(3) == 3 ? x.permute(0, 3, 1, 2).dup('c') : x;
    }

    @Test
    void everyOptionNetwrightCannotHonourIsNamedWithItsOperator() {
        Path file = fixture("refused.onnx");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OnnxImport.read(file))
                .isInstanceOf(ModelImportException.class)
                .hasMessageContaining("ONNX operators used in ways Netwright cannot import: ")
                .hasMessageContaining("'/a/Conv' (Conv): pads [1, 1, 1, 1] with strides [2, 2]")
                .hasMessageContaining("'/b/Conv' (Conv): group 2").hasMessageContaining("'/b/Conv' (Conv): dilations [2, 2]")
                .hasMessageContaining("'/MaxPool' (MaxPool): ceil_mode")
                .hasMessageContaining("'/LeakyRelu' (LeakyRelu): alpha 0.2")
                .hasMessageContaining("Nothing was imported");
    }

    private static ComputationGraph network(ImportedModel model) throws Exception {
        ComputationGraph graph = new DesignCompiler().compile(model.design(), TrainingSettings.defaults()).newNetwork();
        model.weights().applyTo(graph, model.design());
        return graph;
    }
}
