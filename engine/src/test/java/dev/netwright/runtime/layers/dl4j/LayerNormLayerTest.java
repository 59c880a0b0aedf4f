package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LayerNormLayerTest {

    private static final int MB = 3;
    private static final int F = 4;
    private static final int T = 3;

    @BeforeAll
    static void setUp() {
        useDoublePrecision();
    }

    /** dense (params, so our epsilon is checked) -> LN -> [LN] -> RnnOutputLayer. */
    private static ComputationGraphConfiguration recurrentConf(boolean stacked) {
        ComputationGraphConfiguration.GraphBuilder b = graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.recurrent(F, T))
                .addLayer("dense", new TimeDistributed(new DenseLayer.Builder().nOut(F)
                        .activation(Activation.TANH).build()), "in")
                .addLayer("ln1", new LayerNormLayer.Builder().build(), "dense");
        String last = "ln1";
        if (stacked) {
            b.addLayer("ln2", new LayerNormLayer.Builder().epsilon(1e-3).build(), "ln1");
            last = "ln2";
        }
        return b.addLayer("out", new RnnOutputLayer.Builder(LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), last)
                .setOutputs("out")
                .build();
    }

    /** Random gamma/beta so the check does not only see the identity-like initial values. */
    private static void randomiseNormParams(ComputationGraph graph, String... layers) {
        for (String name : layers) {
            graph.getLayer(name).setParam(LayerNormParamInitializer.GAMMA, Nd4j.rand(DataType.DOUBLE, 1, F).addi(0.5));
            graph.getLayer(name).setParam(LayerNormParamInitializer.BETA, Nd4j.randn(DataType.DOUBLE, 1, F));
        }
    }

    @Test
    void gradientCheckRecurrentSingle() {
        ComputationGraph graph = init(recurrentConf(false));
        randomiseNormParams(graph, "ln1");
        INDArray in = Nd4j.randn(DataType.DOUBLE, MB, F, T);
        assertThat(gradientsMatch("LayerNorm recurrent, single", graph, in, oneHotSequence(MB, 3, T, 1))).isTrue();
    }

    @Test
    void gradientCheckRecurrentStacked() {
        ComputationGraph graph = init(recurrentConf(true));
        randomiseNormParams(graph, "ln1", "ln2");
        INDArray in = Nd4j.randn(DataType.DOUBLE, MB, F, T);
        assertThat(gradientsMatch("LayerNorm recurrent, stacked x2", graph, in, oneHotSequence(MB, 3, T, 2))).isTrue();
    }

    @Test
    void gradientCheckFeedForward() {
        ComputationGraph graph = init(graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.feedForward(F))
                .addLayer("dense", new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build(), "in")
                .addLayer("ln", new LayerNormLayer.Builder().build(), "dense")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "ln")
                .setOutputs("out")
                .build());
        INDArray in = Nd4j.randn(DataType.DOUBLE, MB, F);
        assertThat(gradientsMatch("LayerNorm feed-forward", graph, in, oneHot(MB, 3, 3))).isTrue();
    }

    @Test
    void forwardMatchesHandComputation() {
        LayerNormLayerImpl layer = (LayerNormLayerImpl) init(graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.recurrent(F, T))
                .addLayer("ln", new LayerNormLayer.Builder().build(), "in")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunction.MSE).nOut(2)
                        .activation(Activation.IDENTITY).build(), "ln")
                .setOutputs("out")
                .build()).getLayer("ln");
        INDArray in = Nd4j.randn(DataType.DOUBLE, MB, F, T).muli(3).addi(7);
        in.putScalar(new long[] {0, 0, 0}, 1);
        in.putScalar(new long[] {0, 1, 0}, 2);
        in.putScalar(new long[] {0, 2, 0}, 3);
        in.putScalar(new long[] {0, 3, 0}, 4);
        INDArray out = layer.activate(in, false, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());

        // [1,2,3,4]: mean 2.5, biased variance 1.25
        double s = Math.sqrt(1.25 + LayerNormLayer.DEFAULT_EPSILON);
        for (int f = 0; f < F; f++) {
            assertThat(out.getDouble(0, f, 0)).isCloseTo((f + 1 - 2.5) / s, within(1e-12));
        }
        INDArray mean = out.mean(1);
        INDArray var = out.var(false, 1);
        assertThat(mean.amaxNumber().doubleValue()).isLessThan(1e-10);
        assertThat(var.sub(1.0).amaxNumber().doubleValue()).isLessThan(1e-4);
    }

    @Test
    void gammaAndBetaScaleAndShift() {
        ComputationGraph graph = init(graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.feedForward(F))
                .addLayer("ln", new LayerNormLayer.Builder().build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MSE).nOut(2)
                        .activation(Activation.IDENTITY).build(), "ln")
                .setOutputs("out")
                .build());
        org.deeplearning4j.nn.api.Layer layer = graph.getLayer("ln");
        INDArray in = Nd4j.randn(DataType.DOUBLE, MB, F);
        var noWs = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        INDArray plain = layer.activate(in, false, noWs).dup();
        layer.setParam(LayerNormParamInitializer.GAMMA, Nd4j.valueArrayOf(new long[] {1, F}, 2.0));
        layer.setParam(LayerNormParamInitializer.BETA, Nd4j.valueArrayOf(new long[] {1, F}, 1.0));
        INDArray scaled = layer.activate(in, false, noWs);
        assertThat(scaled.equalsWithEps(plain.mul(2).add(1), 1e-12)).isTrue();
        assertThat(layer.numParams()).isEqualTo(2L * F);
    }

    @Test
    void configRoundTripsThroughJsonAndModelSerializer() throws Exception {
        ComputationGraphConfiguration conf = recurrentConf(true);
        assertJsonRoundTrip(conf);
        ComputationGraph graph = init(conf);
        randomiseNormParams(graph, "ln1", "ln2");
        assertModelSerializerRoundTrip(graph, Nd4j.randn(DataType.DOUBLE, MB, F, T));
    }

    @Test
    void rejectsImageInput() {
        assertThatThrownBy(() -> graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(4, 4, 1))
                .addLayer("ln", new LayerNormLayer.Builder().build(), "in")
                .setOutputs("ln")
                .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LayerNormLayer");
    }
}
