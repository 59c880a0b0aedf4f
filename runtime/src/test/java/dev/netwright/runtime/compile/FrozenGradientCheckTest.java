package dev.netwright.runtime.compile;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gradient that flows through frozen nodes to the trainable ones before them is the true one: DL4J's gradient
 * check on the trainable parameters, with a frozen BatchNorm (whose backward pass Netwright computes, see
 * FrozenNodeLayerImpl), a frozen convolution and a frozen LSTM in the way.
 */
class FrozenGradientCheckTest {
    private static DataType previousDefault;

    @BeforeAll
    static void doublePrecision() {
        previousDefault = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        Nd4j.setDefaultDataTypes(previousDefault, previousDefault);
    }

    static Stream<Arguments> designs() {
        return Stream.of(
                Arguments.of("frozen BatchNorm on an image and a vector", TestDesigns.start().image(4, 4, 2)
                        .then("conv", "Conv2D", "filters", 3, "activation", "tanh").then("bn", "BatchNorm")
                        .then("flat", "Flatten").then("dense", "Dense", "units", 4, "activation", "tanh")
                        .then("bn2", "BatchNorm").output(), Set.of("bn", "bn2")),
                Arguments.of("frozen second convolution", TestDesigns.start().image(6, 6, 2)
                        .then("conv1", "Conv2D", "filters", 3, "activation", "tanh", "padding", "same")
                        .then("conv2", "Conv2D", "filters", 2, "kernelHeight", 2, "kernelWidth", 2, "activation", "tanh")
                        .then("flat", "Flatten").output(), Set.of("conv2")),
                Arguments.of("frozen LSTM after Conv1D", TestDesigns.start().sequence(5, 2)
                        .then("conv", "Conv1D", "filters", 3, "kernel", 2, "activation", "tanh")
                        .then("lstm", "LSTM", "units", 3).output(), Set.of("lstm")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void gradientsOfTheTrainableNodesMatchFiniteDifferences(String name, Design design, Set<String> frozen)
            throws Exception {
        CompiledDesign compiled = new DesignCompiler().compile(FrozenNodesTrainTest.freeze(design, frozen),
                TrainingSettings.defaults().withOptimizer(TrainingSettings.Optimizer.SGD).withLearningRate(1.0)
                        .withDataType(DataType.DOUBLE));
        ComputationGraph graph = compiled.newNetwork();
        // running statistics and a scale unlike a fresh layer's, so that the inference-mode gradient is really tested
        for (String id : frozen) {
            if (id.startsWith("bn")) {
                graph.getLayer(id).getParam("mean").assign(Nd4j.rand(DataType.DOUBLE, graph.getLayer(id).getParam("mean").shape()).subi(0.5));
                graph.getLayer(id).getParam("log10stdev").assign(Nd4j.rand(DataType.DOUBLE, graph.getLayer(id).getParam("log10stdev").shape()).subi(0.5));
                graph.getLayer(id).getParam("gamma").assign(Nd4j.rand(DataType.DOUBLE, graph.getLayer(id).getParam("gamma").shape()).addi(0.5));
            }
        }
        int minibatch = 3;
        long[] shape = compiled.inputTypes().get(0).getShape(true);
        shape[0] = minibatch;
        Nd4j.getRandom().setSeed(17);
        INDArray input = Nd4j.rand(DataType.DOUBLE, shape).subi(0.5);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, minibatch, 3);
        Random random = new Random(3);
        for (int i = 0; i < minibatch; i++) {
            labels.putScalar(i, random.nextInt(3), 1.0);
        }
        // the frozen nodes' parameters have no gradient by design: only the trainable ones are checked
        Set<String> frozenParams = graph.paramTable().keySet().stream()
                .filter(k -> frozen.stream().anyMatch(id -> k.startsWith(id + "_")))
                .collect(Collectors.toSet());
        assertThat(frozenParams).isNotEmpty();

        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                .net(graph).inputs(new INDArray[] {input}).labels(new INDArray[] {labels})
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                .excludeParams(frozenParams)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
        assertThat(ok).as(name).isTrue();
    }
}
