package dev.netwright.runtime.layers.dl4j;

import dev.netwright.runtime.layers.dl4j.PositionalEncodingLayer.Mode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PositionalEncodingLayerTest {

    private static final int MB = 2;
    private static final int F = 4;
    private static final int T = 5;

    @BeforeAll
    static void setUp() {
        useDoublePrecision();
    }

    /** dense (params below us) -> PE -> [PE] -> RnnOutputLayer. */
    private static ComputationGraphConfiguration conf(Mode mode, boolean stacked) {
        ComputationGraphConfiguration.GraphBuilder b = graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.recurrent(F, T))
                .addLayer("dense", new TimeDistributed(new DenseLayer.Builder().nOut(F)
                        .activation(Activation.TANH).build()), "in")
                .addLayer("pe1", new PositionalEncodingLayer.Builder().mode(mode).build(), "dense");
        String last = "pe1";
        if (stacked) {
            b.addLayer("pe2", new PositionalEncodingLayer.Builder().mode(mode).build(), "pe1");
            last = "pe2";
        }
        return b.addLayer("out", new RnnOutputLayer.Builder(LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), last)
                .setOutputs("out")
                .build();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void gradientCheckSingle(Mode mode) {
        ComputationGraph graph = init(conf(mode, false));
        INDArray in = Nd4j.randn(DataType.DOUBLE, MB, F, T);
        boolean ok = gradientsMatch("PositionalEncoding " + mode + ", single",
                graph, in, oneHotSequence(MB, 3, T, 11));
        assertThat(ok).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void gradientCheckStacked(Mode mode) {
        ComputationGraph graph = init(conf(mode, true));
        INDArray in = Nd4j.randn(DataType.DOUBLE, MB, F, T);
        boolean ok = gradientsMatch("PositionalEncoding " + mode + ", stacked x2",
                graph, in, oneHotSequence(MB, 3, T, 12));
        assertThat(ok).isTrue();
    }

    @Test
    void sinusoidMatchesVaswaniFormula() {
        ComputationGraph graph = init(conf(Mode.SINUSOIDAL, false));
        INDArray zeros = Nd4j.zeros(DataType.DOUBLE, 1, F, T);
        INDArray out = graph.getLayer("pe1").activate(zeros, false, LayerWorkspaceMgr.noWorkspaces());
        // F=4: features 0/1 use rate 1, features 2/3 use rate 10000^(-2/4) = 1/100
        double[][] expected = {
            {0, 1, 0, 1},
            {Math.sin(1), Math.cos(1), Math.sin(0.01), Math.cos(0.01)},
            {Math.sin(2), Math.cos(2), Math.sin(0.02), Math.cos(0.02)},
        };
        for (int t = 0; t < expected.length; t++) {
            for (int f = 0; f < F; f++) {
                assertThat(out.getDouble(0, f, t)).as("PE[f=%d,t=%d]", f, t).isCloseTo(expected[t][f], within(1e-12));
            }
        }
        INDArray x = Nd4j.randn(DataType.DOUBLE, MB, F, T);
        INDArray shifted = graph.getLayer("pe1").activate(x, false, LayerWorkspaceMgr.noWorkspaces());
        assertThat(shifted.sub(x).getDouble(1, 1, 2)).isCloseTo(Math.cos(2), within(1e-12));
        assertThat(graph.getLayer("pe1").numParams()).isZero();
    }

    @Test
    void learnedTableIsAddedAndSized() {
        ComputationGraph graph = init(conf(Mode.LEARNED, false));
        org.deeplearning4j.nn.api.Layer pe = graph.getLayer("pe1");
        assertThat(pe.numParams()).isEqualTo((long) F * T);
        INDArray table = pe.getParam(PositionalEncodingParamInitializer.ENCODING);
        assertThat(table.shape()).containsExactly(F, T);
        assertThat(table.stdNumber().doubleValue()).isBetween(0.005, 0.05);
        INDArray x = Nd4j.randn(DataType.DOUBLE, MB, F, T);
        INDArray out = pe.activate(x, false, LayerWorkspaceMgr.noWorkspaces());
        assertThat(out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1)).sub(x.get(
                org.nd4j.linalg.indexing.NDArrayIndex.point(1))).equalsWithEps(table, 1e-12)).isTrue();
    }

    @Test
    void learnedWithoutSequenceLengthIsRefused() {
        assertThatThrownBy(() -> init(graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.recurrent(F))
                .addLayer("pe", new PositionalEncodingLayer.Builder().mode(Mode.LEARNED).build(), "in")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunction.MSE).nOut(2)
                        .activation(Activation.IDENTITY).build(), "pe")
                .setOutputs("out")
                .build()))
                .hasMessageContaining("sequence length");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void configRoundTripsThroughJsonAndModelSerializer(Mode mode) throws Exception {
        ComputationGraphConfiguration conf = conf(mode, true);
        assertJsonRoundTrip(conf);
        assertModelSerializerRoundTrip(init(conf), Nd4j.randn(DataType.DOUBLE, MB, F, T));
    }
}
