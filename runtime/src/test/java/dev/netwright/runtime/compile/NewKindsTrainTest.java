package dev.netwright.runtime.compile;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kinds issue 15 added (GRU, Reshape, UpSampling2D, Conv2DTranspose, Conv1D into an LSTM) compile and train as a
 * run trains them: float, Adam, DL4J's workspaces on. Each learns a fixed batch of random examples.
 */
class NewKindsTrainTest {

    static Stream<Arguments> designs() {
        return Stream.of(
                Arguments.of("GRU, bidirectional over a stacked one", TestDesigns.start().sequence(6, 4)
                        .then("g1", "GRU", "units", 8, "returnSequences", true)
                        .then("g2", "GRU", "units", 8, "bidirectional", true).then("output", "Output", "units", 3).build()),
                Arguments.of("Conv1D into LSTM", TestDesigns.start().sequence(8, 3)
                        .then("conv", "Conv1D", "filters", 8).then("lstm", "LSTM", "units", 8)
                        .then("output", "Output", "units", 3).build()),
                Arguments.of("Reshape, Conv2DTranspose, UpSampling2D", TestDesigns.start().vector(12)
                        .then("dense", "Dense", "units", 16)
                        .then("re", "Reshape", "form", "image", "height", 2, "width", 2, "channels", 4)
                        .then("deconv", "Conv2DTranspose", "filters", 4).then("up", "UpSampling2D")
                        .then("flat", "Flatten").then("output", "Output", "units", 3).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void learnsAFixedBatch(String name, Design design) throws Exception {
        CompiledDesign compiled = new DesignCompiler().compile(design,
                TrainingSettings.defaults().withLearningRate(1e-2).withSeed(5));
        ComputationGraph graph = compiled.newNetwork();
        long[] shape = compiled.inputTypes().get(0).getShape(true);
        shape[0] = 8;
        Nd4j.getRandom().setSeed(9);
        INDArray features = Nd4j.rand(DataType.FLOAT, shape);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 8, 3);
        Random random = new Random(13);
        for (int i = 0; i < 8; i++) {
            labels.putScalar(i, random.nextInt(3), 1f);
        }
        DataSet batch = new DataSet(features, labels);

        graph.fit(batch);
        double before = graph.score();
        for (int step = 0; step < 40; step++) {
            graph.fit(batch);
        }
        assertThat(graph.score()).as("%s: training loss after 40 Adam steps (before: %s)", name, before)
                .isLessThan(before / 2);
    }
}
