package dev.netwright.interop.onnx;

import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.layers.LstmEngine;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ONNX's LSTM gates (input, output, forget, cell) reordered for whichever LSTM a node compiles to: Netwright's native
 * layer (input, forget, cell, output) and Deeplearning4j's own (cell, forget, output, input) compute what PyTorch did.
 */
class OnnxLstmEnginesTest {
    @TempDir
    static Path dir;
    private static boolean written;

    @BeforeAll
    static void writeFixtures() throws Exception {
        written = OnnxFixtures.writeInto(dir);
    }

    @ParameterizedTest
    @EnumSource(value = LstmEngine.class, names = {"NATIVE", "DL4J"})
    void theStackedLstmComputesWhatPyTorchComputedOnEitherEngine(LstmEngine engine) throws Exception {
        Path file = OnnxFixtures.file(dir, written, "lstm.onnx");
        OnnxGraphMapping.Mapped mapped = OnnxGraphMapping.map(OnnxModelFile.read(file, file.toString()), file.toString(), "lstm");
        ComputationGraph graph = new DesignCompiler().compile(mapped.design(), TrainingSettings.defaults(), engine).newNetwork();

        OnnxWeights.convert(mapped.nodes(), new dev.netwright.runtime.check.Checker().check(mapped.design()), graph,
                file.toString()).applyTo(graph, mapped.design());

        INDArray x = Nd4j.createFromNpyFile(OnnxFixtures.file(dir, written, "lstm.x.npy").toFile()).castTo(DataType.FLOAT);
        INDArray expected = Nd4j.createFromNpyFile(OnnxFixtures.file(dir, written, "lstm.y.npy").toFile());
        double diff = graph.outputSingle(x.permute(0, 2, 1).dup('c')).sub(expected.castTo(DataType.FLOAT))
                .amaxNumber().doubleValue();
        System.err.println("ONNX import lstm on " + engine + ": max |DL4J - PyTorch| = " + diff);
        assertThat(diff).isLessThanOrEqualTo(1e-4);
    }
}
