package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.netwright.runtime.layers.dl4j.AttentionTestGraphs.F;
import static dev.netwright.runtime.layers.dl4j.AttentionTestGraphs.T;
import static dev.netwright.runtime.layers.dl4j.AttentionTestGraphs.input;
import static dev.netwright.runtime.layers.dl4j.AttentionTestGraphs.twoAttentionLayers;
import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.oneHotSequence;
import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.useDoublePrecision;
import static dev.netwright.runtime.layers.dl4j.MultiHeadSelfAttentionLayerImpl.SOFTMAX_PROPERTY;
import static dev.netwright.runtime.layers.dl4j.NativePathComparison.activations;
import static dev.netwright.runtime.layers.dl4j.NativePathComparison.assertClose;
import static dev.netwright.runtime.layers.dl4j.NativePathComparison.assertSameParameters;
import static dev.netwright.runtime.layers.dl4j.NativePathComparison.gradients;
import static dev.netwright.runtime.layers.dl4j.NativePathComparison.onNd4jCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attention layer's softmax on oneDNN ({@link OneDnnSoftmax}) against its ND4J element-wise ops (which
 * {@link MultiHeadSelfAttentionLayerTest}'s double-precision gradient checks cover) in float: the same outputs,
 * attention weights, score and gradient of every parameter to 1e-4 relative, the parameters after several SGD steps,
 * and the cases left to the ND4J ops.
 */
class OneDnnSoftmaxAttentionTest {
    private static final double GRADIENT_FLOOR = 1e-2;

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
        System.clearProperty(SOFTMAX_PROPERTY);
    }

    /** in [mb, F, T] -> dense (tanh) per step -> att1 -> att2 -> softmax per step; biases moved off 0. */
    private static ComputationGraph graph(int heads) {
        return twoAttentionLayers(heads, new Adam(0.05));
    }

    @ParameterizedTest(name = "{0} head(s), batch {1}")
    @CsvSource({"2, 3", "1, 4", "4, 1"})
    void sameOutputsScoreAndGradientsAsTheNd4jOps(int heads, int mb) {
        ComputationGraph graph = graph(heads);
        INDArray in = input(mb);
        INDArray labels = oneHotSequence(mb, 3, T, mb).castTo(DataType.FLOAT);
        String label = heads + " head(s), batch " + mb;
        Map<String, INDArray> expected = onNd4jCode(SOFTMAX_PROPERTY, () -> gradients(graph, in, labels));
        double expectedScore = graph.score();
        INDArray expectedOut = onNd4jCode(SOFTMAX_PROPERTY, () -> graph.outputSingle(in));
        Map<String, INDArray> expectedActivations = onNd4jCode(SOFTMAX_PROPERTY, () -> activations(graph, in));
        INDArray expectedWeights = onNd4jCode(SOFTMAX_PROPERTY, () -> attention(graph, "att1").attentionWeights(in));

        Map<String, INDArray> actual = gradients(graph, in, labels);
        assertThat(attention(graph, "att1").lastSoftmaxOnOneDnn()).as("%s on oneDNN", label).isTrue();
        assertThat(graph.score()).isCloseTo(expectedScore, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(actual).containsKeys("att1_Wq", "att1_Wk", "att2_Wv", "dense_W");
        // Gradients below 1e-2 come from sums of terms of order 1 that cancel (each softmax row's gradient sums to
        // zero): float rounding alone leaves ~1e-7 there, so they are held to 1e-6 absolute
        assertClose(actual, expected, GRADIENT_FLOOR, label);
        assertClose(graph.outputSingle(in), expectedOut, label + ", inference output");
        assertClose(activations(graph, in), expectedActivations, label + ", training-mode activations");
        assertClose(attention(graph, "att1").attentionWeights(in), expectedWeights, label + ", attention weights");
    }

    @Test
    void parametersAfterSeveralSgdStepsEqualTheNd4jOps() {
        // Plain SGD, not Adam: Adam's first steps are lr * sign(gradient), so where a gradient is float rounding (the
        // key bias's true gradient is zero: it adds the same q·b to every key's score, which softmax ignores) any two
        // orders of summation take full-sized steps in different directions
        ComputationGraph ours = twoAttentionLayers(2, new Sgd(0.05));
        ComputationGraph theirs = twoAttentionLayers(2, new Sgd(0.05));
        theirs.setParams(ours.params().dup());
        for (int step = 0; step < 6; step++) {
            INDArray in = input(4).addi(step * 0.1);
            INDArray labels = oneHotSequence(4, 3, T, step).castTo(DataType.FLOAT);
            onNd4jCode(SOFTMAX_PROPERTY, () -> {
                theirs.fit(new INDArray[] {in}, new INDArray[] {labels});
                return null;
            });
            ours.fit(new INDArray[] {in}, new INDArray[] {labels});
            assertThat(attention(ours, "att2").lastSoftmaxOnOneDnn()).isTrue();
        }
        assertSameParameters(ours, theirs, "after 6 steps");
    }

    @Test
    void aShapeOneDnnRefusesWhenItsPrimitivesAreMadeRunsTheNd4jOps() {
        ComputationGraph graph = graph(2);
        INDArray in = input(3);
        INDArray labels = oneHotSequence(3, 3, T, 3).castTo(DataType.FLOAT);
        Map<String, INDArray> expected = onNd4jCode(SOFTMAX_PROPERTY, () -> gradients(graph, in, labels));
        INDArray expectedOut = onNd4jCode(SOFTMAX_PROPERTY, () -> graph.outputSingle(in));

        List<OneDnnSoftmax.Geometry> asked = new ArrayList<>();
        attention(graph, "att1").makeSoftmaxPrimitivesWith(g -> {
            asked.add(g);
            throw new IllegalStateException("could not create a primitive descriptor iterator (as oneDNN says)");
        });
        Map<String, INDArray> actual = gradients(graph, in, labels);
        assertThat(attention(graph, "att1").lastSoftmaxOnOneDnn()).isFalse();
        assertThat(attention(graph, "att2").lastSoftmaxOnOneDnn()).as("the other layer is not affected").isTrue();
        // The same floor as above: the key biases' gradients are float rounding around a true zero
        assertClose(actual, expected, GRADIENT_FLOOR, "refused shape");
        assertClose(graph.outputSingle(in), expectedOut, "refused shape, output");
        assertThat(asked).as("asked once, then remembered").containsExactly(new OneDnnSoftmax.Geometry(3 * 2 * T, T));
    }

    @Test
    void thePropertyLeavesItToTheNd4jOps() {
        ComputationGraph graph = graph(2);
        INDArray labels = oneHotSequence(2, 3, T, 1).castTo(DataType.FLOAT);
        onNd4jCode(SOFTMAX_PROPERTY, () -> gradients(graph, input(2), labels));
        assertThat(attention(graph, "att1").lastSoftmaxOnOneDnn()).isFalse();
        gradients(graph, input(2), labels);
        assertThat(attention(graph, "att1").lastSoftmaxOnOneDnn()).isTrue();
    }

    @Test
    void doublePrecisionRunsTheNd4jOps() {
        ComputationGraph graph = LayerTestSupport.init(LayerTestSupport.graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.recurrent(F, T))
                .addLayer("att1", new MultiHeadSelfAttentionLayer.Builder().nHeads(2).build(), "in")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunction.MSE).nOut(2)
                        .activation(Activation.IDENTITY).build(), "att1")
                .setOutputs("out")
                .build());
        INDArray weights = attention(graph, "att1").attentionWeights(Nd4j.randn(DataType.DOUBLE, 2, F, T));
        assertThat(attention(graph, "att1").lastSoftmaxOnOneDnn()).isFalse();
        assertThat(weights.sum(3).sub(1.0).amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    private static MultiHeadSelfAttentionLayerImpl attention(ComputationGraph graph, String name) {
        return (MultiHeadSelfAttentionLayerImpl) graph.getLayer(name);
    }
}
