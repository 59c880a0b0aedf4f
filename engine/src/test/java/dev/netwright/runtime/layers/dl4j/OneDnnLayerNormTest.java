package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.oneHot;
import static dev.netwright.runtime.layers.dl4j.NativePathComparison.activations;
import static dev.netwright.runtime.layers.dl4j.NativePathComparison.assertClose;
import static dev.netwright.runtime.layers.dl4j.NativePathComparison.assertSameParameters;
import static dev.netwright.runtime.layers.dl4j.NativePathComparison.gradients;
import static dev.netwright.runtime.layers.dl4j.NativePathComparison.onNd4jCode;
import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.oneHotSequence;
import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.useDoublePrecision;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LayerNormLayerImpl} on oneDNN against its own ND4J code (which {@link LayerNormLayerTest}'s double-precision
 * gradient checks cover) in float: same parameters, same data, the same outputs, score and gradient of every parameter
 * (gamma, beta, the layer below through the input gradient) to 1e-4 relative, on sequences and vectors and several
 * batch sizes; the parameters after several Adam steps; and the cases left to the ND4J code.
 */
class OneDnnLayerNormTest {
    private static final int F = 6;
    private static final int T = 5;

    @BeforeAll
    static void floatData() {
        assertThat(OneDnn.available()).as("oneDNN loads on this machine").isTrue();
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @AfterAll
    static void restore() {
        useDoublePrecision();
    }

    @BeforeEach
    @AfterEach
    void clearProperty() {
        System.clearProperty(LayerNormLayerImpl.ENGINE_PROPERTY);
    }

    /** in [mb, F, T] -> dense (tanh) per step -> ln1 -> ln2 (epsilon 1e-3) -> softmax per step. */
    private static ComputationGraph sequenceGraph() {
        ComputationGraph graph = LayerTestSupport.init(builder()
                .setInputTypes(InputType.recurrent(F, T))
                .addLayer("dense", new TimeDistributed(new DenseLayer.Builder().nOut(F)
                        .activation(Activation.TANH).build()), "in")
                .addLayer("ln1", new LayerNormLayer.Builder().build(), "dense")
                .addLayer("ln2", new LayerNormLayer.Builder().epsilon(1e-3).build(), "ln1")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "ln2")
                .setOutputs("out")
                .build());
        randomiseNormParams(graph, "ln1", "ln2");
        return graph;
    }

    /** in [mb, 4] -> dense (tanh, F) -> ln -> softmax. */
    private static ComputationGraph vectorGraph() {
        ComputationGraph graph = LayerTestSupport.init(builder()
                .setInputTypes(InputType.feedForward(4))
                .addLayer("dense", new DenseLayer.Builder().nOut(F).activation(Activation.TANH).build(), "in")
                .addLayer("ln1", new LayerNormLayer.Builder().build(), "dense")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "ln1")
                .setOutputs("out")
                .build());
        randomiseNormParams(graph, "ln1");
        return graph;
    }

    private static ComputationGraphConfiguration.GraphBuilder builder() {
        return new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).seed(42).weightInit(WeightInit.XAVIER)
                .updater(new Adam(0.05)).graphBuilder().addInputs("in");
    }

    /** Gamma and beta moved off 1 and 0, so the comparison sees them act. */
    private static void randomiseNormParams(ComputationGraph graph, String... layers) {
        Nd4j.getRandom().setSeed(7);
        for (String name : layers) {
            graph.getLayer(name).setParam(LayerNormParamInitializer.GAMMA, Nd4j.rand(DataType.FLOAT, 1, F).addi(0.5));
            graph.getLayer(name).setParam(LayerNormParamInitializer.BETA, Nd4j.randn(DataType.FLOAT, 1, F));
        }
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {4, 9, 1})
    void sequencesGiveTheSameOutputScoreAndGradientsAsTheNd4jCode(int mb) {
        ComputationGraph graph = sequenceGraph();
        INDArray in = Nd4j.randn(DataType.FLOAT, mb, F, T).muli(2).addi(0.5);
        INDArray labels = oneHotSequence(mb, 3, T, mb).castTo(DataType.FLOAT);
        assertSameAsNd4jCode(graph, in, labels, "sequences, batch " + mb);
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {5, 2})
    void vectorsGiveTheSameOutputScoreAndGradientsAsTheNd4jCode(int mb) {
        ComputationGraph graph = vectorGraph();
        INDArray in = Nd4j.randn(DataType.FLOAT, mb, 4).muli(3);
        INDArray labels = oneHot(mb, 3, mb).castTo(DataType.FLOAT);
        assertSameAsNd4jCode(graph, in, labels, "vectors, batch " + mb);
    }

    @Test
    void parametersAfterSeveralAdamStepsEqualTheNd4jCodes() {
        ComputationGraph ours = sequenceGraph();
        ComputationGraph theirs = sequenceGraph();
        theirs.setParams(ours.params().dup());
        for (int step = 0; step < 6; step++) {
            INDArray in = Nd4j.randn(DataType.FLOAT, 4, F, T).muli(1.5).addi(step * 0.1);
            INDArray labels = oneHotSequence(4, 3, T, step).castTo(DataType.FLOAT);
            System.setProperty(LayerNormLayerImpl.ENGINE_PROPERTY, "nd4j");
            theirs.fit(new INDArray[] {in}, new INDArray[] {labels});
            System.clearProperty(LayerNormLayerImpl.ENGINE_PROPERTY);
            ours.fit(new INDArray[] {in}, new INDArray[] {labels});
            assertThat(layer(ours, "ln1").lastPassOnOneDnn()).isTrue();
        }
        assertSameParameters(ours, theirs, "after 6 steps");
    }

    @Test
    void aBackwardPassWithoutAForwardPassOverItsInputComputesTheStatistics() {
        ComputationGraph graph = sequenceGraph();
        graph.initGradientsView();
        LayerNormLayerImpl ln = layer(graph, "ln1");
        INDArray first = Nd4j.randn(DataType.FLOAT, 3, F, T);
        INDArray second = Nd4j.randn(DataType.FLOAT, 3, F, T).muli(4).addi(1);
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, 3, F, T);
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();

        System.setProperty(LayerNormLayerImpl.ENGINE_PROPERTY, "nd4j");
        ln.setInput(second, noWorkspaces);
        INDArray expectedDx = ln.backpropGradient(epsilon, noWorkspaces).getSecond().dup();
        INDArray expectedDGamma = ln.getGradientsViewArray().dup();
        System.clearProperty(LayerNormLayerImpl.ENGINE_PROPERTY);

        ln.activate(first, true, noWorkspaces); // statistics of another input
        ln.setInput(second, noWorkspaces);
        INDArray dx = ln.backpropGradient(epsilon, noWorkspaces).getSecond();
        assertThat(ln.lastPassOnOneDnn()).isTrue();
        assertClose(dx, expectedDx, "input gradient");
        assertClose(ln.getGradientsViewArray(), expectedDGamma, "gamma and beta gradients");
    }

    @Test
    void aGeometryOneDnnRefusesWhenItsPrimitivesAreMadeRunsTheNd4jCode() {
        ComputationGraph graph = sequenceGraph();
        INDArray in = Nd4j.randn(DataType.FLOAT, 4, F, T);
        INDArray labels = oneHotSequence(4, 3, T, 3).castTo(DataType.FLOAT);
        System.setProperty(LayerNormLayerImpl.ENGINE_PROPERTY, "nd4j");
        Map<String, INDArray> expected = gradients(graph, in, labels);
        INDArray expectedOut = graph.outputSingle(in);
        System.clearProperty(LayerNormLayerImpl.ENGINE_PROPERTY);

        List<OneDnnLayerNorm.Geometry> asked = new ArrayList<>();
        layer(graph, "ln1").makePrimitivesWith(g -> {
            asked.add(g);
            throw new IllegalStateException("could not create a primitive descriptor iterator (as oneDNN says)");
        });
        Map<String, INDArray> actual = gradients(graph, in, labels);
        assertThat(layer(graph, "ln1").lastPassOnOneDnn()).isFalse();
        assertThat(layer(graph, "ln2").lastPassOnOneDnn()).as("the other layer is not affected").isTrue();
        assertClose(actual, expected, "refused geometry");
        assertClose(graph.outputSingle(in), expectedOut, "refused geometry, output");
        assertThat(asked).as("asked once, then remembered").hasSize(1);
    }

    @Test
    void theEnginePropertyLeavesItToTheNd4jCode() {
        ComputationGraph graph = sequenceGraph();
        System.setProperty(LayerNormLayerImpl.ENGINE_PROPERTY, "nd4j");
        gradients(graph, Nd4j.randn(DataType.FLOAT, 2, F, T), oneHotSequence(2, 3, T, 1).castTo(DataType.FLOAT));
        assertThat(layer(graph, "ln1").lastPassOnOneDnn()).isFalse();
        System.clearProperty(LayerNormLayerImpl.ENGINE_PROPERTY);
        gradients(graph, Nd4j.randn(DataType.FLOAT, 2, F, T), oneHotSequence(2, 3, T, 1).castTo(DataType.FLOAT));
        assertThat(layer(graph, "ln1").lastPassOnOneDnn()).isTrue();
    }

    @Test
    void doublePrecisionRunsTheNd4jCode() {
        ComputationGraph graph = LayerTestSupport.init(LayerTestSupport.graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.feedForward(F))
                .addLayer("ln1", new LayerNormLayer.Builder().build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MSE).nOut(2)
                        .activation(Activation.IDENTITY).build(), "ln1")
                .setOutputs("out")
                .build());
        INDArray out = graph.feedForward(Nd4j.randn(DataType.DOUBLE, 3, F).muli(5), true).get("ln1");
        assertThat(layer(graph, "ln1").lastPassOnOneDnn()).isFalse();
        assertThat(out.mean(1).amaxNumber().doubleValue()).isLessThan(1e-10);
    }

    private static void assertSameAsNd4jCode(ComputationGraph graph, INDArray in, INDArray labels, String label) {
        Map<String, INDArray> expected = asNd4jCode(() -> gradients(graph, in, labels));
        double expectedScore = graph.score();
        INDArray expectedOut = asNd4jCode(() -> graph.outputSingle(in));
        Map<String, INDArray> expectedActivations = asNd4jCode(() -> activations(graph, in));

        Map<String, INDArray> actual = gradients(graph, in, labels);
        assertThat(layer(graph, "ln1").lastPassOnOneDnn()).as("%s on oneDNN", label).isTrue();
        assertThat(graph.score()).isCloseTo(expectedScore, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(actual).containsKeys("ln1_gamma", "ln1_beta", "dense_W", "dense_b");
        assertClose(actual, expected, label);
        assertClose(graph.outputSingle(in), expectedOut, label + ", inference output");
        assertClose(activations(graph, in), expectedActivations, label + ", training-mode activations");
    }

    private static <T> T asNd4jCode(Supplier<T> pass) {
        return onNd4jCode(LayerNormLayerImpl.ENGINE_PROPERTY, pass);
    }

    private static LayerNormLayerImpl layer(ComputationGraph graph, String name) {
        return (LayerNormLayerImpl) graph.getLayer(name);
    }
}
