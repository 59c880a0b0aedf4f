package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Map;
import java.util.TreeMap;

import static dev.netwright.runtime.layers.dl4j.AttentionTestGraphs.F;
import static dev.netwright.runtime.layers.dl4j.AttentionTestGraphs.T;
import static dev.netwright.runtime.layers.dl4j.AttentionTestGraphs.input;
import static dev.netwright.runtime.layers.dl4j.AttentionTestGraphs.twoAttentionLayers;
import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.oneHotSequence;
import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.useDoublePrecision;
import static dev.netwright.runtime.layers.dl4j.MultiHeadSelfAttentionLayerImpl.ATTENTION_PROPERTY;
import static dev.netwright.runtime.layers.dl4j.NativePathComparison.assertClose;
import static dev.netwright.runtime.layers.dl4j.NativePathComparison.assertSameParameters;
import static dev.netwright.runtime.layers.dl4j.NativePathComparison.gradients;
import static dev.netwright.runtime.layers.dl4j.NativePathComparison.onNd4jCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attention layer's training step against the layer as it was ({@code -Dnetwright.attention=nd4j}, which runs the
 * forward pass again in the backward pass and projects Q, K and V apart) in float: the same score and gradients within
 * 1e-4 relative, the same parameters after several SGD steps with DL4J's workspaces on, the batch size changing
 * between steps; and the kept forward pass used only for the input it was computed from.
 */
class AttentionKeptPassTest {
    private static final double GRADIENT_FLOOR = 1e-2;

    @BeforeAll
    static void floatData() {
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
    private static ComputationGraph graph() {
        return twoAttentionLayers(2, new Sgd(0.05));
    }

    @Test
    void aTrainingStepRunsTheForwardPassOnceWhereTheOldLayerRanItTwice() {
        ComputationGraph graph = graph();
        INDArray in = input(3);
        INDArray labels = oneHotSequence(3, 3, T, 1).castTo(DataType.FLOAT);
        long before = attention(graph, "att1").forwardPasses();
        graph.fit(new INDArray[] {in}, new INDArray[] {labels});
        assertThat(attention(graph, "att1").forwardPasses() - before).isEqualTo(1);

        before = attention(graph, "att1").forwardPasses();
        onNd4jCode(ATTENTION_PROPERTY, () -> {
            graph.fit(new INDArray[] {in}, new INDArray[] {labels});
            return null;
        });
        assertThat(attention(graph, "att1").forwardPasses() - before).as("the old layer").isEqualTo(2);
    }

    @Test
    void sameScoreAndGradientsAsTheOldLayer() {
        ComputationGraph graph = graph();
        INDArray in = input(4);
        INDArray labels = oneHotSequence(4, 3, T, 2).castTo(DataType.FLOAT);
        Map<String, INDArray> expected = onNd4jCode(ATTENTION_PROPERTY, () -> gradients(graph, in, labels));
        double expectedScore = graph.score();
        assertThat(attention(graph, "att2").lastPassFused()).as("the old layer").isFalse();

        Map<String, INDArray> actual = gradients(graph, in, labels);
        assertThat(attention(graph, "att2").lastPassFused()).as("Q, K and V in one product").isTrue();
        assertThat(graph.score()).isCloseTo(expectedScore, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(actual).containsKeys("att1_Wq", "att1_bk", "att2_Wv", "att2_Wo", "dense_W");
        assertClose(actual, expected, GRADIENT_FLOOR, "kept pass");
    }

    @Test
    void parametersAfterSeveralSgdStepsWithChangingBatchSizesEqualTheOldLayer() {
        ComputationGraph ours = graph();
        ComputationGraph theirs = graph();
        theirs.setParams(ours.params().dup());
        int[] batches = {4, 4, 3, 4, 1, 4};
        for (int step = 0; step < batches.length; step++) {
            INDArray in = input(batches[step]).addi(step * 0.1);
            INDArray labels = oneHotSequence(batches[step], 3, T, step).castTo(DataType.FLOAT);
            onNd4jCode(ATTENTION_PROPERTY, () -> {
                theirs.fit(new INDArray[] {in}, new INDArray[] {labels});
                return null;
            });
            ours.fit(new INDArray[] {in}, new INDArray[] {labels});
        }
        assertThat(attention(ours, "att1").lastPassFused()).isTrue();
        assertThat(attention(ours, "att1").lastProductsOnOneDnn()).isTrue();
        assertSameParameters(ours, theirs, "after " + batches.length + " steps");
    }

    @Test
    void aBackwardPassOverAnotherInputRunsTheForwardPassAgain() {
        MultiHeadSelfAttentionLayerImpl layer = standalone();
        INDArray first = input(2);
        INDArray second = input(2);
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, 2, F, T);
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        Map<String, INDArray> expected = layerGradients(layer, second, epsilon, none);

        layer.activate(first, true, none);
        layer.setInput(second, none);
        long before = layer.forwardPasses();
        Map<String, INDArray> actual = backprop(layer, epsilon, none);
        assertThat(layer.forwardPasses() - before).as("ran again for the other input").isEqualTo(1);
        assertClose(actual, expected, GRADIENT_FLOOR, "other input");
    }

    @Test
    void anInferencePassBetweenForwardAndBackwardLeavesTheKeptPassAlone() {
        MultiHeadSelfAttentionLayerImpl layer = standalone();
        INDArray in = input(2);
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, 2, F, T);
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        Map<String, INDArray> expected = layerGradients(layer, in, epsilon, none);

        layer.activate(in, true, none);
        layer.activate(input(2), false, none);
        layer.setInput(in, none);
        long before = layer.forwardPasses();
        Map<String, INDArray> actual = backprop(layer, epsilon, none);
        assertThat(layer.forwardPasses() - before).as("the kept pass read").isZero();
        assertClose(actual, expected, GRADIENT_FLOOR, "after an inference pass");
    }

    @Test
    void clearingTheLayerDropsTheKeptPass() {
        MultiHeadSelfAttentionLayerImpl layer = standalone();
        INDArray in = input(2);
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        layer.activate(in, true, none);
        layer.clear();
        layer.setInput(in, none);
        long before = layer.forwardPasses();
        backprop(layer, Nd4j.randn(DataType.FLOAT, 2, F, T), none);
        assertThat(layer.forwardPasses() - before).isEqualTo(1);
    }

    /** The gradients of a training-mode forward pass over {@code in} and the backward pass that follows. */
    private static Map<String, INDArray> layerGradients(MultiHeadSelfAttentionLayerImpl layer, INDArray in,
                                                        INDArray epsilon, LayerWorkspaceMgr workspaces) {
        layer.activate(in, true, workspaces);
        return backprop(layer, epsilon, workspaces);
    }

    /** Copies of the layer's parameter gradients and of the gradient it passes down ("input"). */
    private static Map<String, INDArray> backprop(MultiHeadSelfAttentionLayerImpl layer, INDArray epsilon,
                                                  LayerWorkspaceMgr workspaces) {
        Pair<Gradient, INDArray> result = layer.backpropGradient(epsilon, workspaces);
        Map<String, INDArray> copies = new TreeMap<>();
        result.getFirst().gradientForVariable().forEach((key, value) -> copies.put(key, value.dup()));
        copies.put("input", result.getSecond().dup());
        return copies;
    }

    private static MultiHeadSelfAttentionLayerImpl attention(ComputationGraph graph, String name) {
        return (MultiHeadSelfAttentionLayerImpl) graph.getLayer(name);
    }

    /** The first attention layer of a new graph, with its gradient views, to be run on its own. */
    private static MultiHeadSelfAttentionLayerImpl standalone() {
        ComputationGraph graph = graph();
        graph.initGradientsView();
        return attention(graph, "att1");
    }
}
