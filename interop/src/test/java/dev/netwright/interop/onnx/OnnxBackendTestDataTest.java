package dev.netwright.interop.onnx;

import dev.netwright.interop.ImportedModel;
import dev.netwright.interop.ModelImportException;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import onnx.Onnx;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * ONNX's own backend test data (Debian's libonnx-testdata): every single-operator model whose operators the import maps
 * either imports and computes the test's expected outputs from its inputs (supported), or is refused with a message that
 * names what Netwright cannot represent (refused). Anything else (another exception, wrong outputs) is a failure. A node
 * test passes the operator's weights as graph inputs: they are made initializers (what a trained model holds) first.
 * Prints the table operator by operator; run it with
 * {@code mvn -B -o -q test -pl interop -am -Dtest=OnnxBackendTestDataTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class OnnxBackendTestDataTest {
    private static final Path NODE_TESTS = Path.of("/usr/share/libonnx-testdata/data/node");
    /** The operators the import maps, computing or moving data about; a test using any other is not this test's. */
    private static final Set<String> MAPPED = Set.of("Conv", "Gemm", "MatMul", "Add", "Relu", "Sigmoid", "Tanh",
            "LeakyRelu", "Elu", "Softmax", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "Flatten",
            "Reshape", "BatchNormalization", "LSTM", "Concat", "Dropout", "Identity", "Transpose", "ReduceMean",
            "ReduceMax", "Squeeze", "Unsqueeze", "Pad", "Slice", "Gather", "Shape", "Constant", "ConstantOfShape", "Cast");

    enum Verdict { SUPPORTED, REFUSED, FAILED }

    record Outcome(String test, String op, Verdict verdict, String detail) {
    }

    @Test
    void everyTestOfAMappedOperatorImportsOrIsRefusedWithAMessage(@TempDir Path scratch) throws IOException {
        assumeTrue(Files.isDirectory(NODE_TESTS), "skipped: ONNX's backend test data is not installed "
                + "(Debian's libonnx-testdata, /usr/share/libonnx-testdata/data/node)");
        List<Outcome> outcomes = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(NODE_TESTS)) {
            for (Path dir : dirs.sorted().toList()) {
                Path model = dir.resolve("model.onnx");
                if (!Files.isRegularFile(model)) {
                    continue;
                }
                Set<String> ops = opTypes(model);
                if (ops.isEmpty() || !MAPPED.containsAll(ops)) {
                    continue;
                }
                outcomes.add(classify(dir, String.join("+", new java.util.TreeSet<>(ops)), scratch));
            }
        }
        System.err.println(table(outcomes));
        Map<Verdict, Long> counts = outcomes.stream().collect(Collectors.groupingBy(Outcome::verdict, TreeMap::new,
                Collectors.counting()));
        System.err.println("ONNX backend node tests of mapped operators: " + outcomes.size() + " — " + counts);
        assertThat(outcomes).isNotEmpty();
        assertThat(outcomes).filteredOn(o -> o.verdict() == Verdict.FAILED).isEmpty();
        // what imports today keeps importing: a Gemm with its weights, alpha and beta folded, its bias broadcast
        assertThat(outcomes).filteredOn(o -> o.verdict() == Verdict.SUPPORTED).extracting(Outcome::test)
                .contains("test_gemm_default_vector_bias", "test_gemm_transposeB", "test_gemm_alpha", "test_gemm_beta",
                        "test_gemm_default_scalar_bias");
    }

    private static Set<String> opTypes(Path model) throws IOException {
        try (InputStream in = Files.newInputStream(model)) {
            return Onnx.ModelProto.parseFrom(in).getGraph().getNodeList().stream().map(Onnx.NodeProto::getOpType)
                    .collect(Collectors.toSet());
        }
    }

    private static Outcome classify(Path dir, String op, Path scratch) throws IOException {
        String test = dir.getFileName().toString();
        Path model = withWeightInputsAsInitializers(dir, scratch.resolve(test + ".onnx"));
        ImportedModel imported;
        try {
            imported = OnnxImport.read(model);
        } catch (ModelImportException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            String reason = message.replace(model + ": ", "").replace(model.toString(), "the model");
            return new Outcome(test, op, reason.isBlank() ? Verdict.FAILED : Verdict.REFUSED, reason);
        } catch (RuntimeException | Error e) {
            return new Outcome(test, op, Verdict.FAILED, "import threw " + e);
        }
        try {
            ComputationGraph graph = new DesignCompiler().compile(imported.design(), TrainingSettings.defaults()).newNetwork();
            imported.weights().applyTo(graph, imported.design());
            Path data = dir.resolve("test_data_set_0");
            INDArray x = tensor(data.resolve("input_0.pb"));
            INDArray expected = tensor(data.resolve("output_0.pb"));
            INDArray actual = graph.outputSingle(x.rank() == 3 ? x.permute(0, 2, 1).dup('c') : x);
            if (actual.rank() == 3) {
                actual = actual.permute(0, 2, 1).dup('c');
            }
            if (!Arrays.equals(actual.shape(), expected.shape())) {
                return new Outcome(test, op, Verdict.FAILED, "output shape " + Arrays.toString(actual.shape())
                        + " where ONNX expects " + Arrays.toString(expected.shape()));
            }
            double worst = worstRelativeDifference(actual, expected);
            return worst <= 1e-4 ? new Outcome(test, op, Verdict.SUPPORTED, "max difference " + worst)
                    : new Outcome(test, op, Verdict.FAILED, "outputs differ by " + worst);
        } catch (Exception | Error e) {
            return new Outcome(test, op, Verdict.FAILED, "imported, then " + e);
        }
    }

    /**
     * The test's model with every graph input after the first made an initializer holding the test's value for it: a
     * node test passes an operator's weights (Conv's W, Gemm's B and C) as inputs, where a trained model holds them.
     */
    private static Path withWeightInputsAsInitializers(Path dir, Path into) throws IOException {
        Onnx.ModelProto model;
        try (InputStream in = Files.newInputStream(dir.resolve("model.onnx"))) {
            model = Onnx.ModelProto.parseFrom(in);
        }
        Onnx.GraphProto.Builder graph = model.getGraph().toBuilder();
        for (int i = 1; i < graph.getInputCount(); i++) {
            Path value = dir.resolve("test_data_set_0").resolve("input_" + i + ".pb");
            if (Files.isRegularFile(value)) {
                try (InputStream in = Files.newInputStream(value)) {
                    graph.addInitializer(Onnx.TensorProto.parseFrom(in).toBuilder().setName(graph.getInput(i).getName()));
                }
            }
        }
        Files.write(into, model.toBuilder().setGraph(graph).build().toByteArray());
        return into;
    }

    /** |actual - expected| / max(1, |expected|), the largest over all values. */
    private static double worstRelativeDifference(INDArray actual, INDArray expected) {
        INDArray scale = org.nd4j.linalg.ops.transforms.Transforms.abs(expected, true);
        scale = org.nd4j.linalg.ops.transforms.Transforms.max(scale, 1.0, false);
        return actual.castTo(expected.dataType()).sub(expected).div(scale).amaxNumber().doubleValue();
    }

    private static INDArray tensor(Path file) throws IOException, ModelImportException {
        try (InputStream in = Files.newInputStream(file)) {
            Onnx.TensorProto t = Onnx.TensorProto.parseFrom(in);
            return OnnxTensors.floats(t, file.toString());
        }
    }

    private static String table(List<Outcome> outcomes) {
        StringBuilder out = new StringBuilder(String.format("%-52s %-22s %-9s %s%n", "test", "operator", "verdict", "why"));
        for (Outcome o : outcomes) {
            String why = o.detail().length() > 110 ? o.detail().substring(0, 110) + "…" : o.detail();
            out.append(String.format("%-52s %-22s %-9s %s%n", o.test(), o.op(), o.verdict(), why));
        }
        return out.toString();
    }
}
