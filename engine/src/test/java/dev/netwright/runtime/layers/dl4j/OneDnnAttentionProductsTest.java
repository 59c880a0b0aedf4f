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
import static dev.netwright.runtime.layers.dl4j.MultiHeadSelfAttentionLayerImpl.ATTENTION_PROPERTY;
import static dev.netwright.runtime.layers.dl4j.NativePathComparison.activations;
import static dev.netwright.runtime.layers.dl4j.NativePathComparison.assertClose;
import static dev.netwright.runtime.layers.dl4j.NativePathComparison.gradients;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attention layer's per-head products on oneDNN's matmul ({@link OneDnnAttentionProducts}, reading the heads in
 * place in the rows) against the old layer ({@code -Dnetwright.attention=nd4j}) and against the same layer with ND4J's
 * matmul on copied heads ({@code -Dnetwright.attention=nd4j-matmul}), in float: outputs, training-mode activations,
 * score and every gradient within 1e-4 relative; a geometry oneDNN refuses, the property and double precision run the
 * ND4J products.
 */
class OneDnnAttentionProductsTest {
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
        System.clearProperty(ATTENTION_PROPERTY);
    }

    /** in [mb, F, T] -> dense (tanh) per step -> att1 -> att2 -> softmax per step; biases moved off 0. */
    private static ComputationGraph graph(int heads) {
        return twoAttentionLayers(heads, new Adam(0.05));
    }

    /** Runs {@code pass} with {@code -Dnetwright.attention=value}, the property cleared afterwards. */
    private static <R> R with(String value, java.util.function.Supplier<R> pass) {
        System.setProperty(ATTENTION_PROPERTY, value);
        try {
            return pass.get();
        } finally {
            System.clearProperty(ATTENTION_PROPERTY);
        }
    }

    @ParameterizedTest(name = "{0} head(s), batch {1}")
    @CsvSource({"2, 3", "1, 4", "4, 1", "8, 2"})
    void sameOutputsScoreAndGradientsAsTheOldLayerAndTheNd4jProducts(int heads, int mb) {
        ComputationGraph graph = graph(heads);
        INDArray in = input(mb);
        INDArray labels = oneHotSequence(mb, 3, T, mb).castTo(DataType.FLOAT);
        String label = heads + " head(s), batch " + mb;
        Map<String, INDArray> old = with("nd4j", () -> gradients(graph, in, labels));
        double oldScore = graph.score();
        INDArray oldOut = with("nd4j", () -> graph.outputSingle(in));
        Map<String, INDArray> oldActivations = with("nd4j", () -> activations(graph, in));
        Map<String, INDArray> nd4jProducts = with("nd4j-matmul", () -> gradients(graph, in, labels));
        assertThat(attention(graph, "att1").lastProductsOnOneDnn()).as("nd4j-matmul").isFalse();

        Map<String, INDArray> actual = gradients(graph, in, labels);
        assertThat(attention(graph, "att1").lastProductsOnOneDnn()).as("%s on oneDNN", label).isTrue();
        assertThat(attention(graph, "att2").lastPassFused()).isTrue();
        assertThat(graph.score()).isCloseTo(oldScore, org.assertj.core.data.Offset.offset(1e-5));
        assertClose(actual, old, GRADIENT_FLOOR, label + " against the old layer");
        assertClose(actual, nd4jProducts, GRADIENT_FLOOR, label + " against ND4J's products");
        assertClose(graph.outputSingle(in), oldOut, label + ", inference output");
        assertClose(activations(graph, in), oldActivations, label + ", training-mode activations");
    }

    @Test
    void aShapeOneDnnRefusesWhenItsPrimitivesAreMadeRunsTheNd4jProducts() {
        ComputationGraph graph = graph(2);
        INDArray in = input(3);
        INDArray labels = oneHotSequence(3, 3, T, 3).castTo(DataType.FLOAT);
        Map<String, INDArray> expected = with("nd4j", () -> gradients(graph, in, labels));
        INDArray expectedOut = with("nd4j", () -> graph.outputSingle(in));

        List<OneDnnAttentionProducts.Geometry> asked = new ArrayList<>();
        attention(graph, "att1").makeProductPrimitivesWith(g -> {
            asked.add(g);
            throw new IllegalStateException("could not create a primitive descriptor iterator (as oneDNN says)");
        });
        Map<String, INDArray> actual = gradients(graph, in, labels);
        assertThat(attention(graph, "att1").lastProductsOnOneDnn()).isFalse();
        assertThat(attention(graph, "att2").lastProductsOnOneDnn()).as("the other layer is not affected").isTrue();
        assertClose(actual, expected, GRADIENT_FLOOR, "refused shape");
        assertClose(graph.outputSingle(in), expectedOut, "refused shape, output");
        assertThat(asked).as("asked once, then remembered")
                .containsExactly(new OneDnnAttentionProducts.Geometry(3, T, 2, F / 2));
    }

    @Test
    void doublePrecisionRunsTheNd4jProducts() {
        ComputationGraph graph = LayerTestSupport.init(LayerTestSupport.graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.recurrent(F, T))
                .addLayer("att1", new MultiHeadSelfAttentionLayer.Builder().nHeads(2).build(), "in")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunction.MSE).nOut(2)
                        .activation(Activation.IDENTITY).build(), "att1")
                .setOutputs("out")
                .build());
        INDArray in = Nd4j.randn(DataType.DOUBLE, 2, F, T);
        gradients(graph, in, Nd4j.randn(DataType.DOUBLE, 2, 2, T));
        assertThat(attention(graph, "att1").lastPassFused()).isTrue();
        assertThat(attention(graph, "att1").lastProductsOnOneDnn()).isFalse();
    }

    private static MultiHeadSelfAttentionLayerImpl attention(ComputationGraph graph, String name) {
        return (MultiHeadSelfAttentionLayerImpl) graph.getLayer(name);
    }
}
