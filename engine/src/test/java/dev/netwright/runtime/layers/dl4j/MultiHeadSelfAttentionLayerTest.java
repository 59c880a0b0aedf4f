package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.*;
import static dev.netwright.runtime.layers.dl4j.MultiHeadSelfAttentionParamInitializer.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultiHeadSelfAttentionLayerTest {

    private static final int MB = 2;
    private static final int F = 4;
    private static final int T = 3;

    @BeforeAll
    static void setUp() {
        useDoublePrecision();
    }

    /** dense (params below us) -> attention -> [attention] -> RnnOutputLayer. */
    private static ComputationGraphConfiguration conf(int heads, boolean stacked) {
        ComputationGraphConfiguration.GraphBuilder b = graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.recurrent(F, T))
                .addLayer("dense", new TimeDistributed(new DenseLayer.Builder().nOut(F)
                        .activation(Activation.TANH).build()), "in")
                .addLayer("att1", new MultiHeadSelfAttentionLayer.Builder().nHeads(heads).build(), "dense");
        String last = "att1";
        if (stacked) {
            b.addLayer("att2", new MultiHeadSelfAttentionLayer.Builder().nHeads(heads).build(), "att1");
            last = "att2";
        }
        return b.addLayer("out", new RnnOutputLayer.Builder(LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), last)
                .setOutputs("out")
                .build();
    }

    /** Non-zero biases, so their gradients and their effect on the forward pass are exercised. */
    private static void randomiseBiases(ComputationGraph graph, String... layers) {
        for (String name : layers) {
            for (String key : new String[] {BQ, BK, BV, BO}) {
                graph.getLayer(name).setParam(key, Nd4j.randn(DataType.DOUBLE, 1, F).muli(0.5));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void gradientCheckSingle(int heads) {
        ComputationGraph graph = init(conf(heads, false));
        randomiseBiases(graph, "att1");
        INDArray in = Nd4j.randn(DataType.DOUBLE, MB, F, T);
        boolean ok = gradientsMatch("Attention " + heads + " head(s), single",
                graph, in, oneHotSequence(MB, 3, T, 21));
        assertThat(ok).isTrue();
    }

    @Test
    void gradientCheckStackedTwoHeads() {
        ComputationGraph graph = init(conf(2, true));
        randomiseBiases(graph, "att1", "att2");
        INDArray in = Nd4j.randn(DataType.DOUBLE, MB, F, T);
        assertThat(gradientsMatch("Attention 2 heads, stacked x2", graph, in, oneHotSequence(MB, 3, T, 22))).isTrue();
    }

    @Test
    void gradientCheckWithGlobalPoolingHead() {
        ComputationGraph graph = init(graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.recurrent(F, T))
                .addLayer("dense", new TimeDistributed(new DenseLayer.Builder().nOut(F)
                        .activation(Activation.TANH).build()), "in")
                .addLayer("att", new MultiHeadSelfAttentionLayer.Builder().nHeads(4).build(), "dense")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "att")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out")
                .build());
        randomiseBiases(graph, "att");
        INDArray in = Nd4j.randn(DataType.DOUBLE, MB, F, T);
        assertThat(gradientsMatch("Attention 4 heads + global pooling", graph, in, oneHot(MB, 2, 23))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void forwardMatchesDirectComputation(int heads) {
        ComputationGraph graph = init(conf(heads, false));
        randomiseBiases(graph, "att1");
        org.deeplearning4j.nn.api.Layer att = graph.getLayer("att1");
        INDArray in = Nd4j.randn(DataType.DOUBLE, MB, F, T);
        INDArray out = att.activate(in, false, LayerWorkspaceMgr.noWorkspaces());
        assertThat(out.shape()).containsExactly(MB, F, T);
        for (int b = 0; b < MB; b++) {
            double[][] expected = reference(rows(in, b), att, heads);
            for (int t = 0; t < T; t++) {
                for (int f = 0; f < F; f++) {
                    assertThat(out.getDouble(b, f, t)).as("out[%d,%d,%d]", b, f, t)
                            .isCloseTo(expected[t][f], org.assertj.core.api.Assertions.within(1e-10));
                }
            }
        }
    }

    @Test
    void headsMustDivideWidth() {
        assertThatThrownBy(() -> graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.recurrent(F, T))
                .addLayer("att", new MultiHeadSelfAttentionLayer.Builder().nHeads(3).build(), "in")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunction.MSE).nOut(2)
                        .activation(Activation.IDENTITY).build(), "att")
                .setOutputs("out")
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nHeads (3) must divide the model width F (4)");
        assertThatThrownBy(() -> new MultiHeadSelfAttentionLayer.Builder().nIn(6).nHeads(4).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nHeads (4) must divide the model width F (6)");
        assertThatThrownBy(() -> new MultiHeadSelfAttentionLayer.Builder().nIn(6).nHeads(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    @Test
    void paramCountMatchesKerasLayout() {
        ComputationGraph graph = init(conf(2, false));
        assertThat(graph.getLayer("att1").numParams()).isEqualTo(4L * (F * F + F));
        assertThat(graph.getLayer("att1").getParam(WQ).shape()).containsExactly(F, F);
        assertThat(graph.getLayer("att1").getParam(BO).shape()).containsExactly(1, F);
    }

    @Test
    void nullMaskIsAccepted() {
        ComputationGraph graph = init(conf(2, false));
        INDArray in = Nd4j.randn(DataType.DOUBLE, MB, F, T);
        graph.setLayerMaskArrays(null, null);
        assertThat(graph.outputSingle(in).shape()).containsExactly(MB, 3, T);
    }

    @Test
    void configRoundTripsThroughJsonAndModelSerializer() throws Exception {
        ComputationGraphConfiguration conf = conf(2, true);
        assertJsonRoundTrip(conf);
        ComputationGraph graph = init(conf);
        randomiseBiases(graph, "att1", "att2");
        assertModelSerializerRoundTrip(graph, Nd4j.randn(DataType.DOUBLE, MB, F, T));
    }

    /** Example b of NCW input as plain rows x[t][f]. */
    private static double[][] rows(INDArray in, int b) {
        double[][] x = new double[T][F];
        for (int t = 0; t < T; t++) {
            for (int f = 0; f < F; f++) {
                x[t][f] = in.getDouble(b, f, t);
            }
        }
        return x;
    }

    /** Textbook multi-head attention in plain loops, independent of the layer's ND4J code. */
    private static double[][] reference(double[][] x, org.deeplearning4j.nn.api.Layer att, int heads) {
        double[][] q = affine(x, att.getParam(WQ), att.getParam(BQ));
        double[][] k = affine(x, att.getParam(WK), att.getParam(BK));
        double[][] v = affine(x, att.getParam(WV), att.getParam(BV));
        int d = F / heads;
        double[][] context = new double[T][F];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < T; i++) {
                double[] w = new double[T];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < T; j++) {
                    for (int c = h * d; c < (h + 1) * d; c++) {
                        w[j] += q[i][c] * k[j][c];
                    }
                    w[j] /= Math.sqrt(d);
                    max = Math.max(max, w[j]);
                }
                double sum = 0;
                for (int j = 0; j < T; j++) {
                    w[j] = Math.exp(w[j] - max);
                    sum += w[j];
                }
                for (int j = 0; j < T; j++) {
                    for (int c = h * d; c < (h + 1) * d; c++) {
                        context[i][c] += w[j] / sum * v[j][c];
                    }
                }
            }
        }
        return affine(context, att.getParam(WO), att.getParam(BO));
    }

    private static double[][] affine(double[][] x, INDArray w, INDArray bias) {
        double[][] y = new double[x.length][F];
        for (int r = 0; r < x.length; r++) {
            for (int o = 0; o < F; o++) {
                double s = bias.getDouble(0, o);
                for (int i = 0; i < F; i++) {
                    s += x[r][i] * w.getDouble(i, o);
                }
                y[r][o] = s;
            }
        }
        return y;
    }
}
