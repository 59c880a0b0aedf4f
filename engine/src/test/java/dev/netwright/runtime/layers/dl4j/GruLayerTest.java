package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.Map;

import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GruLayerTest {
    private static final int MB = 2;
    private static final int N_IN = 3;
    private static final int UNITS = 4;
    private static final int STEPS = 5;

    @BeforeAll
    static void setUp() {
        useDoublePrecision();
    }

    private static ComputationGraphConfiguration gru(boolean bidirectional, boolean returnSequences, Activation act) {
        GruLayer layer = new GruLayer.Builder().nOut(UNITS).activation(act).bidirectional(bidirectional)
                .returnSequences(returnSequences).build();
        var builder = graphBuilder().addInputs("in").setInputTypes(InputType.recurrent(N_IN, STEPS))
                .addLayer("gru", layer, "in");
        builder = returnSequences
                ? builder.addLayer("out", new RnnOutputLayer.Builder(LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "gru")
                : builder.addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "gru");
        return builder.setOutputs("out").build();
    }

    @ParameterizedTest(name = "bidirectional {0}, return sequences {1}, {2}")
    @CsvSource({"false, true, TANH", "true, false, SIGMOID"})
    void gradientsMatchFiniteDifferences(boolean bidirectional, boolean returnSequences, Activation act) {
        ComputationGraph graph = init(gru(bidirectional, returnSequences, act));
        // Non-zero biases, so the gradient of every bias term is exercised
        graph.paramTable().forEach((key, value) -> {
            if (key.endsWith("b")) {
                value.assign(Nd4j.rand(DataType.DOUBLE, value.shape()).subi(0.5));
            }
        });
        INDArray labels = returnSequences ? oneHotSequence(MB, 3, STEPS, 51) : oneHot(MB, 3, 52);
        boolean ok = gradientsMatch("GRU " + bidirectional + " " + returnSequences + " " + act, graph,
                Nd4j.randn(DataType.DOUBLE, MB, N_IN, STEPS), labels);
        assertThat(ok).isTrue();
    }

    @ParameterizedTest(name = "bidirectional {0}")
    @CsvSource({"false", "true"})
    void outputEqualsAStepByStepReferenceOfTheGruEquations(boolean bidirectional) {
        ComputationGraph graph = init(gru(bidirectional, true, Activation.TANH));
        Map<String, INDArray> params = graph.getLayer("gru").paramTable();
        params.forEach((key, value) -> value.assign(Nd4j.rand(DataType.DOUBLE, value.shape()).subi(0.5)));
        INDArray x = Nd4j.randn(DataType.DOUBLE, MB, N_IN, STEPS);

        INDArray h = graph.feedForward(new INDArray[] {x}, false).get("gru");

        assertThat(h.shape()).containsExactly(MB, (bidirectional ? 2 : 1) * UNITS, STEPS);
        double[][][] forward = reference(x, params, "", false);
        double[][][] backward = bidirectional ? reference(x, params, "back", true) : null;
        for (int b = 0; b < MB; b++) {
            for (int t = 0; t < STEPS; t++) {
                for (int u = 0; u < UNITS; u++) {
                    assertThat(h.getDouble(b, u, t)).isCloseTo(forward[b][t][u], org.assertj.core.data.Offset.offset(1e-12));
                    if (bidirectional) {
                        assertThat(h.getDouble(b, UNITS + u, t))
                                .isCloseTo(backward[b][t][u], org.assertj.core.data.Offset.offset(1e-12));
                    }
                }
            }
        }
    }

    /** The GRU equations (reset, update, candidate; PyTorch's nn.GRU) with plain loops: h[b][t][u]. */
    private static double[][][] reference(INDArray x, Map<String, INDArray> params, String prefix, boolean reversed) {
        INDArray w = params.get(prefix + "W");
        INDArray rw = params.get(prefix + "RW");
        INDArray bias = params.get(prefix + "b");
        INDArray rb = params.get(prefix + "Rb");
        double[][][] out = new double[MB][STEPS][UNITS];
        for (int b = 0; b < MB; b++) {
            double[] h = new double[UNITS];
            for (int step = 0; step < STEPS; step++) {
                int t = reversed ? STEPS - 1 - step : step;
                double[] next = new double[UNITS];
                for (int u = 0; u < UNITS; u++) {
                    double[] xPart = new double[3];
                    double[] hPart = new double[3];
                    for (int g = 0; g < 3; g++) {
                        int col = g * UNITS + u;
                        xPart[g] = bias.getDouble(col);
                        for (int i = 0; i < N_IN; i++) {
                            xPart[g] += x.getDouble(b, i, t) * w.getDouble(i, col);
                        }
                        hPart[g] = rb.getDouble(col);
                        for (int j = 0; j < UNITS; j++) {
                            hPart[g] += h[j] * rw.getDouble(j, col);
                        }
                    }
                    double r = 1 / (1 + Math.exp(-(xPart[0] + hPart[0])));
                    double z = 1 / (1 + Math.exp(-(xPart[1] + hPart[1])));
                    double n = Math.tanh(xPart[2] + r * hPart[2]);
                    next[u] = (1 - z) * n + z * h[u];
                }
                h = next;
                out[b][t] = next.clone();
            }
        }
        return out;
    }

    @Test
    void parameterCountIsThreeGatesWithTwoBiasesPerDirection() {
        assertThat(init(gru(false, true, Activation.TANH)).numParams())
                .isEqualTo(3L * UNITS * (N_IN + UNITS + 2) + 3 * (UNITS + 1));
        ComputationGraph both = init(gru(true, false, Activation.TANH));
        assertThat(both.getLayer("gru").numParams()).isEqualTo(2L * 3 * UNITS * (N_IN + UNITS + 2));
        assertThat(both.getLayer("gru").paramTable().keySet())
                .containsExactly("W", "RW", "b", "Rb", "backW", "backRW", "backb", "backRb");
    }

    @Test
    void lastStepOutputIsTheLastStepOfTheSequence() {
        ComputationGraph sequences = init(gru(true, true, Activation.TANH));
        ComputationGraph last = init(gru(true, false, Activation.TANH));
        sequences.getLayer("gru").paramTable().forEach((key, value) -> last.getLayer("gru").getParam(key).assign(value));
        INDArray x = Nd4j.randn(DataType.DOUBLE, MB, N_IN, STEPS);
        // Copies: the second forward pass may reuse the first one's workspace memory
        INDArray all = sequences.feedForward(new INDArray[] {x}, false).get("gru").dup();
        INDArray one = last.feedForward(new INDArray[] {x}, false).get("gru").dup();
        assertThat(one.shape()).containsExactly(MB, 2 * UNITS);
        for (int b = 0; b < MB; b++) {
            for (int f = 0; f < 2 * UNITS; f++) {
                assertThat(one.getDouble(b, f)).isEqualTo(all.getDouble(b, f, STEPS - 1));
            }
        }
    }

    @Test
    void aNonSequenceInputTypeIsRefused() {
        assertThatThrownBy(() -> new GruLayer.Builder().nOut(2).build().getOutputType(0, InputType.feedForward(3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NCW");
    }

    @Test
    void configRoundTripsThroughJsonAndModelSerializer() throws Exception {
        ComputationGraphConfiguration conf = gru(true, false, Activation.TANH);
        assertJsonRoundTrip(conf);
        assertModelSerializerRoundTrip(init(conf), Nd4j.randn(DataType.DOUBLE, MB, N_IN, STEPS));
    }
}
