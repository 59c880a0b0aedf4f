package dev.netwright.app.cli;

import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.codegen.CodeExportException;
import dev.netwright.runtime.codegen.PyTorchExport;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.layers.kinds.InputKind;
import dev.netwright.runtime.weights.NpzArchive;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import dev.netwright.app.cli.DesignCases.Case;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * Embedding, Conv1D, Reshape, UpSampling2D and Conv2DTranspose exported as PyTorch code with random weights and run by
 * Debian's python3-torch: the same outputs as Netwright's DL4J network (an identity Output, so nothing is squashed by a
 * softmax) and the same parameter count.
 */
class PyTorchMoreKindsTest {
    private static final int BATCH = 5;
    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsPyTorch() throws Exception {
        assumeTrue(SystemPython.imports("torch, numpy"),
                "python3-torch is not installed: the exported PyTorch code is not run");
    }

    @Test
    void embeddingLooksUpTheSameVectorsForTokenIdsGivenAsFloats() throws Exception {
        Map<String, Double> differences = compare(List.of(
                new Case("embedding", sequence(7, 1),
                        node("embed", "Embedding", "\"vocabulary\" : 11, \"dimensions\" : 4"),
                        node("conv", "Conv1D", "\"filters\" : 3, \"kernel\" : 2, \"activation\" : \"tanh\""),
                        toVector(18), output())), 11);
        assertThat(differences).containsOnlyKeys("embedding");
        assertCountParameters("embedding");
    }

    @Test
    void conv1dMatchesForValidAndSamePaddingStridesAndWithoutBias() throws Exception {
        compare(List.of(
                new Case("conv1d-valid", sequence(10, 3),
                        node("conv", "Conv1D", "\"filters\" : 4, \"kernel\" : 3, \"activation\" : \"tanh\""),
                        toVector(32), output()),
                new Case("conv1d-same", sequence(9, 3),
                        node("conv", "Conv1D", "\"filters\" : 4, \"kernel\" : 4, \"padding\" : \"same\""),
                        toVector(36), output()),
                new Case("conv1d-same-stride", sequence(9, 2),
                        node("conv", "Conv1D", "\"filters\" : 3, \"kernel\" : 4, \"stride\" : 2, \"padding\" : \"same\", "
                                + "\"useBias\" : false, \"activation\" : \"identity\""),
                        toVector(15), output()),
                new Case("conv1d-valid-stride", sequence(11, 2),
                        node("conv", "Conv1D", "\"filters\" : 3, \"kernel\" : 3, \"stride\" : 3, \"activation\" : \"sigmoid\""),
                        toVector(9), output())), 0);
        assertCountParameters("conv1d-same-stride");
    }

    @Test
    void reshapeKeepsTheUsersOrderBetweenImagesSequencesAndVectors() throws Exception {
        compare(List.of(
                new Case("image-to-sequence", image(4, 6, 2),
                        node("seq", "Reshape", "\"form\" : \"sequence\", \"steps\" : 8, \"features\" : 6"),
                        node("conv", "Conv1D", "\"filters\" : 2, \"kernel\" : 2, \"activation\" : \"identity\""),
                        toVector(14), output()),
                new Case("sequence-to-image", sequence(6, 4),
                        node("img", "Reshape", "\"form\" : \"image\", \"height\" : 2, \"width\" : 4, \"channels\" : 3"),
                        node("conv", "Conv2D", "\"filters\" : 2, \"kernelHeight\" : 2, \"kernelWidth\" : 2, "
                                + "\"activation\" : \"identity\""),
                        flatten(), output()),
                new Case("vector-to-image-to-vector", vector(24),
                        node("img", "Reshape", "\"form\" : \"image\", \"height\" : 3, \"width\" : 2, \"channels\" : 4"),
                        node("conv", "Conv2D", "\"filters\" : 3, \"kernelHeight\" : 2, \"kernelWidth\" : 1, "
                                + "\"activation\" : \"identity\""),
                        node("flat", "Reshape", "\"form\" : \"vector\", \"size\" : 12"), output())), 0);
        assertCountParameters("sequence-to-image");
    }

    @Test
    void upSampling2dRepeatsEachPixel() throws Exception {
        compare(List.of(
                new Case("upsampling", image(3, 4, 2),
                        node("up", "UpSampling2D", "\"size\" : 3"),
                        node("conv", "Conv2D", "\"filters\" : 2, \"kernelHeight\" : 3, \"kernelWidth\" : 3, "
                                + "\"padding\" : \"same\", \"activation\" : \"identity\""),
                        flatten(), output()),
                // DL4J's GELU is x * sigmoid(1.702 x): F.gelu's erf form was up to 0.02 apart
                new Case("gelu", image(3, 4, 2),
                        node("conv", "Conv2D", "\"filters\" : 2, \"kernelHeight\" : 2, \"kernelWidth\" : 2, "
                                + "\"activation\" : \"gelu\""),
                        flatten(), output())), 0);
        assertCountParameters("upsampling");
    }

    @Test
    void conv2dTransposeMatchesForValidAndSamePaddingOfEveryKernelAndStride() throws Exception {
        List<Case> cases = new ArrayList<>();
        int[][] settings = {{3, 2}, {4, 2}, {2, 2}, {3, 1}, {5, 3}, {1, 2}, {2, 3}};
        for (int[] s : settings) {
            for (String padding : List.of("same", "valid")) {
                cases.add(new Case("deconv-k" + s[0] + "-s" + s[1] + "-" + padding, image(3, 4, 2),
                        node("deconv", "Conv2DTranspose", "\"filters\" : 3, \"kernelHeight\" : " + s[0]
                                + ", \"kernelWidth\" : " + s[0] + ", \"strideHeight\" : " + s[1] + ", \"strideWidth\" : "
                                + s[1] + ", \"padding\" : \"" + padding + "\", \"activation\" : \"identity\""),
                        flatten(), output()));
            }
        }
        cases.add(new Case("deconv-3x2-strides-2x1-no-bias", image(3, 4, 2),
                node("deconv", "Conv2DTranspose", "\"filters\" : 2, \"kernelHeight\" : 3, \"kernelWidth\" : 2, "
                        + "\"strideHeight\" : 2, \"strideWidth\" : 1, \"useBias\" : false, \"activation\" : \"tanh\""),
                flatten(), output()));
        cases.add(new Case("deconv-k1-s3-valid", image(3, 4, 2),
                node("deconv", "Conv2DTranspose", "\"filters\" : 2, \"kernelHeight\" : 1, \"kernelWidth\" : 1, "
                        + "\"strideHeight\" : 3, \"strideWidth\" : 3, \"padding\" : \"valid\""),
                flatten(), output()));
        compare(cases, 0);
        assertCountParameters("deconv-3x2-strides-2x1-no-bias");
    }

    @Test
    void conv2dTransposeWithSamePaddingAndAKernelTwoShorterThanItsStrideIsRefusedNamingTheSetting() throws Exception {
        Design design = new DesignJson().read(new Case("short-kernel", image(3, 4, 2),
                node("deconv", "Conv2DTranspose", "\"filters\" : 2, \"kernelHeight\" : 3, \"kernelWidth\" : 1, "
                        + "\"strideHeight\" : 2, \"strideWidth\" : 3, \"padding\" : \"same\""),
                flatten(), output()).json(), "short-kernel");
        assertThat(new Checker().check(design).errors()).isEmpty();

        assertThatThrownBy(() -> new PyTorchExport().export(design))
                .isInstanceOf(CodeExportException.class)
                .hasMessage("No PyTorch export for: 'Conv2DTranspose' (Conv2DTranspose with padding 'same' and a kernel of 1 "
                        + "for a stride of 3 (a kernel at least 2 shorter than the stride)).");
    }

    @Test
    void aSoftmaxActivationOfConv1dOrConv2dTransposeIsRefused() throws Exception {
        // DL4J's softmax there is not one across the filters: exported as that, the outputs were 1.5 (Conv1D) and
        // 3.4 (Conv2DTranspose) apart
        Design design = new DesignJson().read(new Case("softmax", sequence(6, 2),
                node("conv", "Conv1D", "\"filters\" : 3, \"kernel\" : 2, \"activation\" : \"softmax\""),
                toVector(15), output()).json(), "softmax");
        assertThat(new Checker().check(design).errors()).isEmpty();

        assertThatThrownBy(() -> new PyTorchExport().export(design))
                .isInstanceOf(CodeExportException.class)
                .hasMessage("No PyTorch export for: 'Conv1D' (Conv1D with activation 'softmax').");
    }

    // --- the comparison ---

    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, Path> codes = new LinkedHashMap<>();

    /**
     * Exports every case with random weights, runs them all in one python3, and asserts each output is DL4J's.
     * {@code vocabulary} > 0 feeds whole token ids below it instead of random values.
     */
    private Map<String, Double> compare(List<Case> cases, int vocabulary) throws Exception {
        Path driver = SystemPython.writeExportDriver(dir);
        List<String> command = new ArrayList<>(List.of(SystemPython.PYTHON, driver.toString()));
        Map<String, INDArray> expected = new LinkedHashMap<>();
        for (Case c : cases) {
            Design design = new DesignJson().read(c.json(), c.name());
            CheckResult check = new Checker().check(design);
            assertThat(check.errors()).as(c.name()).isEmpty();
            ComputationGraph graph = new DesignCompiler().compile(design, TrainingSettings.defaults()).newNetwork();
            graph.init();
            // random biases and weights in [-1, 1]: fresh biases are zero and would hide a misplaced one
            graph.params().assign(Nd4j.rand(DataType.FLOAT, graph.params().shape()).muli(2).subi(1));
            PyTorchExport.Trained trained = new PyTorchExport().exportTrained(design, graph,
                    c.name() + ".state_dict.npz");
            Path code = Files.writeString(dir.resolve(c.name().replace('-', '_') + ".py"), trained.code());
            NpzArchive.write(dir.resolve(c.name() + ".state_dict.npz"), trained.stateDict());

            long[] inputShape = InputKind.shapeOf(design).orElseThrow().batchShape(BATCH);
            INDArray x = vocabulary > 0
                    ? Nd4j.rand(DataType.FLOAT, inputShape).muli(vocabulary).castTo(DataType.INT).castTo(DataType.FLOAT)
                    : Nd4j.rand(DataType.FLOAT, inputShape).muli(2).subi(1);
            expected.put(c.name(), graph.outputSingle(x));
            // DL4J holds a sequence [N, features, steps]; the exported module takes [N, steps, features]
            INDArray torchInput = x.rank() == 3 ? x.permute(0, 2, 1).dup('c') : x;
            Path inputs = dir.resolve(c.name() + "-x.npz");
            NpzArchive.write(inputs, Map.of("x", torchInput));
            command.addAll(List.of(code.toString(), inputs.toString(), dir.resolve(c.name() + "-out.npy").toString()));
            counts.put(c.name(), check.totalParams());
            codes.put(c.name(), code);
        }

        SystemPython.Result result = SystemPython.run(command);

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output().lines().filter(l -> l.startsWith("count ")).map(l -> Long.parseLong(l.substring(6))))
                .as("netwright_parameter_count of each case").containsExactlyElementsOf(counts.values());
        Map<String, Double> differences = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : expected.entrySet()) {
            INDArray actual = Nd4j.createFromNpyFile(dir.resolve(e.getKey() + "-out.npy").toFile());
            assertThat(actual.shape()).as(e.getKey()).isEqualTo(e.getValue().shape());
            double difference = Math.abs(actual.castTo(DataType.DOUBLE).sub(e.getValue().castTo(DataType.DOUBLE))
                    .amaxNumber().doubleValue());
            differences.put(e.getKey(), difference);
        }
        System.out.println("PyTorch against Netwright, largest difference per design: " + differences);
        assertThat(differences).allSatisfy((name, difference) ->
                assertThat(difference).as(name + ": largest difference of the outputs").isLessThanOrEqualTo(TOLERANCE));
        return differences;
    }

    /** {@code python3 FILE.py --count-parameters} prints Netwright's count. */
    private void assertCountParameters(String name) throws Exception {
        SystemPython.Result result = SystemPython.run(List.of(SystemPython.PYTHON, codes.get(name).toString(),
                "--count-parameters"));
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output().strip()).as(name).isEqualTo(Long.toString(counts.get(name)));
    }

    /** A sequence flattened step by step by a Reshape to a vector of {@code size} values. */
    private static String toVector(int size) {
        return node("flatten", "Reshape", "\"form\" : \"vector\", \"size\" : " + size);
    }
}
