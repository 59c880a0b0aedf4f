package dev.netwright.app.cli;

import dev.netwright.interop.onnx.OnnxExport;
import dev.netwright.interop.onnx.OnnxRuntimeCheck;
import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.codegen.CodeExportException;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.samples.Sample;
import dev.netwright.samples.Samples;
import dev.netwright.runtime.layers.kinds.InputKind;
import org.deeplearning4j.nn.graph.ComputationGraph;
import dev.netwright.app.cli.DesignCases.Case;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.netwright.app.cli.DesignCases.edge;
import static dev.netwright.app.cli.DesignCases.flatten;
import static dev.netwright.app.cli.DesignCases.image;
import static dev.netwright.app.cli.DesignCases.node;
import static dev.netwright.app.cli.DesignCases.output;
import static dev.netwright.app.cli.DesignCases.sequence;
import static dev.netwright.app.cli.DesignCases.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every layer kind, and the settings that change how it computes, exported to ONNX with random weights and executed
 * by ONNX Runtime: the same outputs as Deeplearning4j's network; Debian's python3-onnx checker accepts every file.
 */
class OnnxExportKindsTest {
    private static final int BATCH = 5;
    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    @Test
    void convolutionsPoolingAndNormalisationOfImages() throws Exception {
        compare(imageCases(), 0);
    }

    private static List<Case> imageCases() {
        List<Case> cases = new ArrayList<>();
        for (String padding : List.of("valid", "same")) {
            for (int stride : new int[] {1, 2}) {
                cases.add(new Case("conv-" + padding + "-s" + stride, image(7, 6, 2),
                        node("conv", "Conv2D", "\"filters\" : 3, \"kernelHeight\" : 3, \"kernelWidth\" : 2, \"strideHeight\" : "
                                + stride + ", \"strideWidth\" : " + stride + ", \"padding\" : \"" + padding + "\""),
                        node("bn", "BatchNorm", "\"epsilon\" : 0.001"),
                        node("pool", "MaxPool2D", "\"pool\" : 2, \"stride\" : 1"), flatten(), output()));
            }
        }
        cases.add(new Case("avgpool-global-max", image(8, 8, 3),
                node("conv", "Conv2D", "\"filters\" : 4, \"kernelHeight\" : 3, \"kernelWidth\" : 3, \"useBias\" : false, "
                        + "\"activation\" : \"gelu\""),
                node("pool", "AvgPool2D", "\"pool\" : 2, \"stride\" : 2"),
                node("global", "GlobalPooling", "\"mode\" : \"max\""), output()));
        cases.add(new Case("global-avg-vector-bn-dense", image(5, 5, 2),
                node("global", "GlobalPooling", "\"mode\" : \"avg\""),
                node("bn", "BatchNorm", ""),
                node("dense", "Dense", "\"units\" : 6, \"activation\" : \"swish\""),
                node("drop", "Dropout", "\"rate\" : 0.5"), output()));
        cases.add(new Case("upsampling-deconv", image(3, 4, 2),
                node("up", "UpSampling2D", "\"size\" : 2"),
                node("deconv", "Conv2DTranspose", "\"filters\" : 2, \"kernelHeight\" : 3, \"kernelWidth\" : 3, "
                        + "\"strideHeight\" : 2, \"strideWidth\" : 2, \"padding\" : \"same\", \"activation\" : \"elu\""),
                flatten(), output()));
        for (int[] s : new int[][] {{4, 2}, {2, 3}, {1, 2}}) {
            for (String padding : List.of("same", "valid")) {
                cases.add(new Case("deconv-k" + s[0] + "-s" + s[1] + "-" + padding, image(3, 4, 2),
                        node("deconv", "Conv2DTranspose", "\"filters\" : 3, \"kernelHeight\" : " + s[0] + ", \"kernelWidth\" : "
                                + s[0] + ", \"strideHeight\" : " + s[1] + ", \"strideWidth\" : " + s[1] + ", \"padding\" : \""
                                + padding + "\", \"activation\" : \"identity\""), flatten(), output()));
            }
        }
        return cases;
    }

    @Test
    void activationsOfEveryName() throws Exception {
        compare(activationCases(), 0);
    }

    private static List<Case> activationCases() {
        List<Case> cases = new ArrayList<>();
        for (String name : List.of("relu", "tanh", "sigmoid", "identity", "leakyrelu", "elu", "gelu", "swish", "softmax")) {
            cases.add(new Case("activation-" + name, vector(6),
                    node("dense", "Dense", "\"units\" : 5, \"activation\" : \"" + name + "\""),
                    node("act", "Activation", "\"activation\" : \"" + name + "\""), output()));
        }
        cases.add(new Case("sigmoid-task", vector(4), node("dense", "Dense", "\"units\" : 3"),
                node("output", "Output", "\"units\" : 2, \"loss\" : \"sigmoid-binary-crossentropy\"")));
        cases.add(new Case("softmax-task", vector(4), node("dense", "Dense", "\"units\" : 3"),
                node("output", "Output", "\"units\" : 4")));
        return cases;
    }

    @Test
    void recurrentLayersEachWayAndDirection() throws Exception {
        compare(recurrentCases(), 0);
    }

    private static List<Case> recurrentCases() {
        List<Case> cases = new ArrayList<>();
        for (String kind : List.of("LSTM", "GRU", "SimpleRNN")) {
            for (boolean bidirectional : new boolean[] {false, true}) {
                cases.add(new Case(kind + (bidirectional ? "-bi" : ""), sequence(6, 3),
                        node("rnn1", kind, "\"units\" : 4, \"returnSequences\" : true, \"bidirectional\" : " + bidirectional),
                        node("rnn2", kind, "\"units\" : 3, \"bidirectional\" : " + bidirectional), output()));
            }
        }
        cases.add(new Case("rnn-relu", sequence(5, 2),
                node("rnn", "SimpleRNN", "\"units\" : 3, \"activation\" : \"relu\""), output()));
        return cases;
    }

    @Test
    void sequenceLayersAttentionAndTheTransformerBlock() throws Exception {
        compare(sequenceCases(), 0);
        compare(List.of(EMBEDDING), 11);
    }

    private static final Case EMBEDDING = new Case("embedding", sequence(7, 1),
            node("embed", "Embedding", "\"vocabulary\" : 11, \"dimensions\" : 4"),
            node("lstm", "LSTM", "\"units\" : 3"), output());

    private static List<Case> sequenceCases() {
        return List.of(
                new Case("transformer", image(6, 5, 1),
                        node("seq", "ToSequence", "\"direction\" : \"rows\""),
                        node("proj", "Dense", "\"units\" : 8, \"activation\" : \"identity\""),
                        node("pos", "PositionalEncoding", ""),
                        node("block", "TransformerEncoderBlock", "\"heads\" : 2, \"feedForward\" : 12"),
                        node("attn", "MultiHeadSelfAttention", "\"heads\" : 4"),
                        node("norm", "LayerNorm", "\"epsilon\" : 0.001"),
                        node("pool", "GlobalPooling", "\"mode\" : \"avg\""), output()),
                new Case("columns-learned-position", image(4, 6, 2),
                        node("seq", "ToSequence", "\"direction\" : \"columns\""),
                        node("pos", "PositionalEncoding", "\"mode\" : \"learned\""),
                        node("pool1", "MaxPool1D", "\"pool\" : 2, \"stride\" : 2"),
                        node("pool2", "AvgPool1D", "\"pool\" : 2, \"stride\" : 1"),
                        node("pool", "GlobalPooling", "\"mode\" : \"max\""), output()),
                new Case("conv1d-same-stride", sequence(9, 2),
                        node("conv", "Conv1D", "\"filters\" : 3, \"kernel\" : 4, \"stride\" : 2, \"padding\" : \"same\""),
                        node("flat", "Reshape", "\"form\" : \"vector\", \"size\" : 15"), output()),
                new Case("reshapes", image(4, 6, 2),
                        node("seq", "Reshape", "\"form\" : \"sequence\", \"steps\" : 8, \"features\" : 6"),
                        node("conv", "Conv1D", "\"filters\" : 2, \"kernel\" : 2, \"activation\" : \"identity\""),
                        node("img", "Reshape", "\"form\" : \"image\", \"height\" : 2, \"width\" : 7, \"channels\" : 1"),
                        flatten(), output()));
    }

    @Test
    void branchesJoinedByAddAndConcat() throws Exception {
        assertThat(compareDesign(branches(), 0)).isLessThanOrEqualTo(TOLERANCE);
    }

    private static Design branches() throws Exception {
        String json = "{ \"formatVersion\" : 1, \"name\" : \"branches\", \"nodes\" : [ " + image(6, 6, 2) + ", "
                + node("a", "Conv2D", "\"filters\" : 3, \"kernelHeight\" : 3, \"kernelWidth\" : 3, \"padding\" : \"same\"") + ", "
                + node("b", "Conv2D", "\"filters\" : 3, \"kernelHeight\" : 1, \"kernelWidth\" : 1") + ", "
                + node("sum", "Add", "") + ", " + node("cat", "Concat", "") + ", " + flatten() + ", " + output() + " ], "
                + "\"edges\" : [ " + edge("input", "a") + ", " + edge("input", "b") + ", " + edge("a", "sum") + ", "
                + edge("b", "sum") + ", " + edge("sum", "cat") + ", " + edge("a", "cat") + ", " + edge("cat", "flatten")
                + ", " + edge("flatten", "output") + " ] }";
        return new DesignJson().read(json, "branches");
    }

    @Test
    void everyFileWrittenPassesOnnxsOwnChecker() throws Exception {
        assumeTrue(SystemPython.imports("onnx"), "python3-onnx is not installed: ONNX's checker is not run");
        List<Design> designs = new ArrayList<>(List.of(branches()));
        for (Sample sample : Samples.list()) {
            designs.add(Samples.load(sample.id()));
        }
        for (List<Case> cases : List.of(imageCases(), activationCases(), recurrentCases(), sequenceCases(), List.of(EMBEDDING))) {
            for (Case c : cases) {
                designs.add(new DesignJson().read(c.json(), c.name()));
            }
        }
        List<String> command = new ArrayList<>(List.of(SystemPython.PYTHON, "-c", """
                import sys, onnx
                for path in sys.argv[1:]:
                    model = onnx.load(path)
                    onnx.checker.check_model(model, full_check=True)
                    print("ok", model.opset_import[0].version, path)
                """));
        for (Design design : designs) {
            Path file = dir.resolve(design.name() + ".onnx");
            new OnnxExport().write(design, network(design), file);
            command.add(file.toString());
        }

        SystemPython.Result result = SystemPython.run(command);

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output().lines().filter(l -> l.startsWith("ok 17 "))).hasSize(designs.size());
    }

    @Test
    void aSettingOnnxIsNotWrittenForIsRefusedNamingTheNode() throws Exception {
        Design design = new DesignJson().read(new Case("same-pool", image(6, 6, 1),
                node("pool", "MaxPool2D", "\"padding\" : \"same\""), flatten(), output()).json(), "same-pool");
        ComputationGraph graph = new DesignCompiler().compile(design, TrainingSettings.defaults()).newNetwork();
        graph.init();

        assertThatThrownBy(() -> new OnnxExport().export(design, graph))
                .isInstanceOf(CodeExportException.class)
                .hasMessage("No ONNX export for: 'MaxPool2D' (MaxPool2D with padding 'same').");
    }

    // --- the comparison ---

    private final Map<String, Double> differences = new LinkedHashMap<>();

    private void compare(List<Case> cases, int vocabulary) throws Exception {
        for (Case c : cases) {
            differences.put(c.name(), compareDesign(new DesignJson().read(c.json(), c.name()), vocabulary));
        }
        System.out.println("ONNX Runtime against Netwright, largest difference per design: " + differences);
        assertThat(differences).allSatisfy((name, difference) ->
                assertThat(difference).as(name + ": largest difference of the outputs").isLessThanOrEqualTo(TOLERANCE));
    }

    /** Exports the design with random weights and returns the largest difference of ONNX Runtime's outputs from DL4J's. */
    private double compareDesign(Design design, int vocabulary) throws Exception {
        CheckResult check = new Checker().check(design);
        assertThat(check.errors()).as(design.name()).isEmpty();
        ComputationGraph graph = network(design);
        // random biases and weights in [-1, 1]: fresh biases are zero and would hide a misplaced one
        graph.params().assign(Nd4j.rand(DataType.FLOAT, graph.params().shape()).muli(2).subi(1));
        Path file = dir.resolve(design.name() + ".onnx");
        new OnnxExport().write(design, graph, file);
        long[] shape = InputKind.shapeOf(design).orElseThrow().batchShape(BATCH);
        INDArray x = vocabulary > 0
                ? Nd4j.rand(DataType.FLOAT, shape).muli(vocabulary).castTo(DataType.INT).castTo(DataType.FLOAT)
                : Nd4j.rand(DataType.FLOAT, shape).muli(2).subi(1);
        INDArray expected = graph.outputSingle(x);
        INDArray actual = OnnxRuntimeCheck.outputs(file, x);
        assertThat(actual.shape()).as(design.name()).isEqualTo(expected.shape());
        return actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    private static ComputationGraph network(Design design) throws Exception {
        ComputationGraph graph = new DesignCompiler().compile(design, TrainingSettings.defaults()).newNetwork();
        graph.init();
        return graph;
    }
}
