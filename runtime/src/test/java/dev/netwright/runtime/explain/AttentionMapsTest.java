package dev.netwright.runtime.explain;

import dev.netwright.runtime.layers.dl4j.MultiHeadSelfAttentionLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static dev.netwright.runtime.layers.dl4j.MultiHeadSelfAttentionParamInitializer.BK;
import static dev.netwright.runtime.layers.dl4j.MultiHeadSelfAttentionParamInitializer.BQ;
import static dev.netwright.runtime.layers.dl4j.MultiHeadSelfAttentionParamInitializer.BV;
import static dev.netwright.runtime.layers.dl4j.MultiHeadSelfAttentionParamInitializer.WK;
import static dev.netwright.runtime.layers.dl4j.MultiHeadSelfAttentionParamInitializer.WQ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Attention maps: the layer's own weights, equal to softmax(Q·Kᵀ/√d) computed by hand on a tiny layer. */
class AttentionMapsTest {
    private static final int F = 4;
    private static final int T = 5;
    private static final int HEADS = 2;

    /** in [F,T] → dense (tanh, per step) → att1 (2 heads) → att2 (2 heads) → average over steps → 3 classes. */
    private static ComputationGraph tinyTransformer() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.recurrent(F, T))
                .addLayer("dense", new TimeDistributed(new DenseLayer.Builder().nOut(F)
                        .activation(Activation.TANH).build()), "in")
                .addLayer("att1", new MultiHeadSelfAttentionLayer.Builder().nHeads(HEADS).build(), "dense")
                .addLayer("att2", new MultiHeadSelfAttentionLayer.Builder().nHeads(HEADS).build(), "att1")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "att2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").build());
        graph.init();
        for (String layer : new String[] {"att1", "att2"}) {
            for (String bias : new String[] {BQ, BK, BV}) { // non-zero biases: they enter Q and K
                graph.getLayer(layer).setParam(bias, Nd4j.randn(DataType.DOUBLE, 1, F).muli(0.5));
            }
        }
        return graph;
    }

    @Test
    void weightsAreSoftmaxOfQueriesTimesKeysOverRootDComputedByHand() throws Exception {
        ComputationGraph graph = tinyTransformer();
        INDArray input = Nd4j.randn(DataType.DOUBLE, 1, F, T);
        AttentionMaps maps = AttentionMaps.of(ClassifierModel.of(graph, new long[] {F, T}));
        assertThat(maps.layers()).containsExactly("att1", "att2");
        for (String layer : maps.layers()) {
            INDArray in = graph.feedForward(input, false).get(layer.equals("att1") ? "dense" : "att1");
            double[][][] expected = byHand(in, graph.getLayer(layer));
            AttentionMaps.Weights weights = maps.weights(input, layer);
            assertThat(weights.layer()).isEqualTo(layer);
            assertThat(weights.tokens()).isEqualTo(T);
            assertThat(maps.heads(layer)).isEqualTo(HEADS);
            for (int h = 0; h < HEADS; h++) {
                double[][] head = weights.head(h);
                for (int i = 0; i < T; i++) {
                    for (int j = 0; j < T; j++) {
                        assertThat(head[i][j]).as("%s head %d [%d,%d]", layer, h, i, j)
                                .isCloseTo(expected[h][i][j], within(1e-12));
                    }
                }
            }
        }
    }

    @Test
    void everyRowOfEveryHeadAndOfTheirMeanSumsToOne() throws Exception {
        AttentionMaps maps = AttentionMaps.of(ClassifierModel.of(tinyTransformer(), new long[] {F, T}));
        AttentionMaps.Weights weights = maps.weights(Nd4j.randn(DataType.DOUBLE, 1, F, T), null);
        assertThat(weights.layer()).isEqualTo("att2"); // the last one by default
        for (int h = 0; h <= HEADS; h++) {
            double[][] matrix = h < HEADS ? weights.head(h) : weights.meanOverHeads();
            for (double[] row : matrix) {
                double sum = 0;
                for (double w : row) {
                    assertThat(w).isBetween(0.0, 1.0);
                    sum += w;
                }
                assertThat(sum).isCloseTo(1.0, within(1e-12));
            }
        }
    }

    @Test
    void aModelWithoutAttentionIsRefusedSayingWhatItNeeds() throws Exception {
        ClassifierModel cnn = TinyNetworks.randomCnn(1, 0);
        assertThatThrownBy(() -> AttentionMaps.of(cnn)).isInstanceOf(ExplainException.class)
                .hasMessageContaining("Attention maps need a design with self-attention")
                .hasMessageContaining("this model has none");
    }

    @Test
    void anUnknownLayerOrHeadIsRefusedNamingTheRightOnes() throws Exception {
        AttentionMaps maps = AttentionMaps.of(ClassifierModel.of(tinyTransformer(), new long[] {F, T}));
        INDArray input = Nd4j.randn(DataType.DOUBLE, 1, F, T);
        assertThatThrownBy(() -> maps.weights(input, "dense")).isInstanceOf(ExplainException.class)
                .hasMessage("'dense' is not a self-attention layer of this network; its attention layers: att1, att2");
        assertThatThrownBy(() -> maps.weights(input, "att1").head(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("head 2 does not exist: att1 has 2 heads (0 to 1)");
    }

    /** softmax_j(q_i · k_j / √d) per head, in plain loops from the layer's parameters; x is [1, F, T]. */
    private static double[][][] byHand(INDArray x, org.deeplearning4j.nn.api.Layer layer) {
        double[][] q = new double[T][F];
        double[][] k = new double[T][F];
        for (int t = 0; t < T; t++) {
            for (int o = 0; o < F; o++) {
                q[t][o] = layer.getParam(BQ).getDouble(0, o);
                k[t][o] = layer.getParam(BK).getDouble(0, o);
                for (int f = 0; f < F; f++) {
                    q[t][o] += x.getDouble(0, f, t) * layer.getParam(WQ).getDouble(f, o);
                    k[t][o] += x.getDouble(0, f, t) * layer.getParam(WK).getDouble(f, o);
                }
            }
        }
        int d = F / HEADS;
        double[][][] weights = new double[HEADS][T][T];
        for (int h = 0; h < HEADS; h++) {
            for (int i = 0; i < T; i++) {
                double sum = 0;
                for (int j = 0; j < T; j++) {
                    double score = 0;
                    for (int c = h * d; c < (h + 1) * d; c++) {
                        score += q[i][c] * k[j][c];
                    }
                    weights[h][i][j] = Math.exp(score / Math.sqrt(d));
                    sum += weights[h][i][j];
                }
                for (int j = 0; j < T; j++) {
                    weights[h][i][j] /= sum;
                }
            }
        }
        return weights;
    }
}
