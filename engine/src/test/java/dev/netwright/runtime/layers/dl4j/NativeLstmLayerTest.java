package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BidirectionalParamInitializer;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.Map;

import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.*;
import static dev.netwright.runtime.layers.dl4j.NativeLstmParamInitializer.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NativeLstmLayerTest {

    private static final int MB = 2;
    private static final int F = 3;
    private static final int T = 4;
    private static final int UNITS = 3;

    @BeforeAll
    static void setUp() {
        useDoublePrecision();
    }

    /** dense (params below us) -> LSTM -> [LSTM] -> output (per step or at the last step). */
    private static ComputationGraphConfiguration conf(boolean stacked, boolean returnSequences, boolean bidirectional,
            Activation activation) {
        return conf(stacked, returnSequences, bidirectional, activation, graphBuilder());
    }

    private static ComputationGraphConfiguration conf(boolean stacked, boolean returnSequences, boolean bidirectional,
            Activation activation, ComputationGraphConfiguration.GraphBuilder b) {
        b
                .addInputs("in")
                .setInputTypes(InputType.recurrent(F, T))
                .addLayer("dense", new TimeDistributed(new DenseLayer.Builder().nOut(F)
                        .activation(Activation.TANH).build()), "in");
        String last = "dense";
        if (stacked) {
            b.addLayer("lstm0", new NativeLstmLayer.Builder().nOut(UNITS).activation(activation)
                    .bidirectional(bidirectional).build(), last);
            last = "lstm0";
        }
        b.addLayer("lstm", new NativeLstmLayer.Builder().nOut(UNITS).activation(activation)
                .bidirectional(bidirectional).returnSequences(returnSequences).build(), last);
        b.addLayer("out", returnSequences
                ? new RnnOutputLayer.Builder(LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build()
                : new OutputLayer.Builder(LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build(), "lstm");
        return b.setOutputs("out").build();
    }

    /** Non-zero biases everywhere, so their gradients and the gate order are exercised. */
    private static void randomiseBiases(ComputationGraph graph, String... layers) {
        for (String name : layers) {
            INDArray bias = graph.getLayer(name).getParam(BIAS);
            graph.getLayer(name).setParam(BIAS, Nd4j.randn(DataType.DOUBLE, bias.shape()).muli(0.5));
        }
    }

    @ParameterizedTest(name = "stacked={0}, returnSequences={1}, bidirectional={2}, {3}")
    @CsvSource({
            "false, true, false, TANH",
            "true, false, false, TANH",
            "false, true, true, TANH",
            "false, false, true, TANH",
            "false, false, false, SIGMOID",
            "false, true, false, RELU"})
    void gradientCheck(boolean stacked, boolean returnSequences, boolean bidirectional, Activation activation) {
        ComputationGraph graph = init(conf(stacked, returnSequences, bidirectional, activation));
        randomiseBiases(graph, stacked ? new String[] {"lstm0", "lstm"} : new String[] {"lstm"});
        INDArray in = Nd4j.randn(DataType.DOUBLE, MB, F, T);
        INDArray labels = returnSequences ? oneHotSequence(MB, 2, T, 31) : oneHot(MB, 2, 32);
        boolean ok = gradientsMatch("NativeLstm stacked=" + stacked + " seq=" + returnSequences + " bi="
                + bidirectional + " " + activation, graph, in, labels);
        assertThat(ok).isTrue();
    }

    @ParameterizedTest(name = "returnSequences={0}, bidirectional={1}")
    @CsvSource({"true, false", "false, false", "true, true", "false, true"})
    void forwardEqualsDl4jLstmWithTheSameWeights(boolean returnSequences, boolean bidirectional) {
        int units = 5;
        ComputationGraph ours = init(graphBuilder().addInputs("in").setInputTypes(InputType.recurrent(F, T))
                .addLayer("lstm", new NativeLstmLayer.Builder().nOut(units).activation(Activation.TANH)
                        .bidirectional(bidirectional).returnSequences(returnSequences).build(), "in")
                .setOutputs("lstm").build());
        org.deeplearning4j.nn.conf.layers.Layer dl4jLayer = new LSTM.Builder().nOut(units).activation(Activation.TANH)
                .build();
        if (bidirectional) {
            dl4jLayer = new Bidirectional(Bidirectional.Mode.CONCAT, dl4jLayer);
        }
        if (!returnSequences) {
            dl4jLayer = new LastTimeStep(dl4jLayer);
        }
        ComputationGraph theirs = init(graphBuilder().addInputs("in").setInputTypes(InputType.recurrent(F, T))
                .addLayer("lstm", dl4jLayer, "in").setOutputs("lstm").build());
        randomiseBiases(ours, "lstm");
        org.deeplearning4j.nn.api.Layer layer = ours.getLayer("lstm");
        if (bidirectional) {
            String[] prefixes = {BidirectionalParamInitializer.FORWARD_PREFIX, BidirectionalParamInitializer.BACKWARD_PREFIX};
            for (int d = 0; d < 2; d++) {
                copyToDl4j(layer, d, units, theirs.getLayer("lstm"), prefixes[d]);
            }
        } else {
            copyToDl4j(layer, -1, units, theirs.getLayer("lstm"), "");
        }
        INDArray in = Nd4j.randn(DataType.DOUBLE, MB, F, T);
        INDArray expected = theirs.outputSingle(in);
        INDArray actual = ours.outputSingle(in);
        assertThat(actual.shape()).containsExactly(expected.shape());
        assertThat(actual.equalsWithEps(expected, 1e-5)).as("native %s vs DL4J %s", actual, expected).isTrue();
    }

    /**
     * Copies one direction of our parameters into DL4J's LSTM, mapping the gate blocks: ours are libnd4j's
     * (input, forget, cell, output), DL4J's are (cell, forget, output, input).
     */
    private static void copyToDl4j(org.deeplearning4j.nn.api.Layer ours, int direction, int units,
            org.deeplearning4j.nn.api.Layer theirs, String prefix) {
        int[] dl4jBlockOf = new int[4];
        dl4jBlockOf[GATE_INPUT] = 3;
        dl4jBlockOf[GATE_FORGET] = 1;
        dl4jBlockOf[GATE_CELL] = 0;
        dl4jBlockOf[GATE_OUTPUT] = 2;
        String[][] keys = {{INPUT_WEIGHTS, LSTMParamInitializer.INPUT_WEIGHT_KEY},
                {RECURRENT_WEIGHTS, LSTMParamInitializer.RECURRENT_WEIGHT_KEY}, {BIAS, LSTMParamInitializer.BIAS_KEY}};
        for (String[] pair : keys) {
            INDArray src = ours.getParam(pair[0]).dup();
            if (direction >= 0) {
                src = src.get(NDArrayIndex.point(direction));
            }
            if (src.rank() == 1) {
                src = src.reshape(1, src.length());
            }
            INDArray dst = theirs.getParam(prefix + pair[1]).dup();
            for (int gate = 0; gate < 4; gate++) {
                int to = dl4jBlockOf[gate];
                dst.get(NDArrayIndex.all(), NDArrayIndex.interval((long) to * units, (long) (to + 1) * units))
                        .assign(src.get(NDArrayIndex.all(), NDArrayIndex.interval((long) gate * units,
                                (long) (gate + 1) * units)));
            }
            theirs.setParam(prefix + pair[1], dst);
        }
    }

    /** In float, with tanh, the forward pass goes through oneDNN (TNC); it must still be DL4J's LSTM. */
    @ParameterizedTest(name = "returnSequences={0}, bidirectional={1}")
    @CsvSource({"true, false", "false, true"})
    void floatForwardThroughOneDnnEqualsDl4jLstm(boolean returnSequences, boolean bidirectional) {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        try {
            int units = 5;
            ComputationGraph ours = init(floatBuilder().addInputs("in").setInputTypes(InputType.recurrent(F, T))
                    .addLayer("lstm", new NativeLstmLayer.Builder().nOut(units).activation(Activation.TANH)
                            .bidirectional(bidirectional).returnSequences(returnSequences).build(), "in")
                    .setOutputs("lstm").build());
            org.deeplearning4j.nn.conf.layers.Layer dl4jLayer = new LSTM.Builder().nOut(units)
                    .activation(Activation.TANH).build();
            if (bidirectional) {
                dl4jLayer = new Bidirectional(Bidirectional.Mode.CONCAT, dl4jLayer);
            }
            if (!returnSequences) {
                dl4jLayer = new LastTimeStep(dl4jLayer);
            }
            ComputationGraph theirs = init(floatBuilder().addInputs("in").setInputTypes(InputType.recurrent(F, T))
                    .addLayer("lstm", dl4jLayer, "in").setOutputs("lstm").build());
            randomiseBiases(ours, "lstm");
            if (bidirectional) {
                copyToDl4j(ours.getLayer("lstm"), 0, units, theirs.getLayer("lstm"), BidirectionalParamInitializer.FORWARD_PREFIX);
                copyToDl4j(ours.getLayer("lstm"), 1, units, theirs.getLayer("lstm"), BidirectionalParamInitializer.BACKWARD_PREFIX);
            } else {
                copyToDl4j(ours.getLayer("lstm"), -1, units, theirs.getLayer("lstm"), "");
            }
            INDArray in = Nd4j.randn(DataType.FLOAT, MB, F, T);
            INDArray expected = theirs.outputSingle(in);
            INDArray actual = ours.outputSingle(in);
            assertThat(actual.dataType()).isEqualTo(DataType.FLOAT);
            assertThat(actual.shape()).containsExactly(expected.shape());
            assertThat(actual.equalsWithEps(expected, 1e-5)).as("native %s vs DL4J %s", actual, expected).isTrue();
        } finally {
            useDoublePrecision();
        }
    }

    /**
     * oneDNN's forward and backward primitives (float, tanh) against libnd4j's ops, which the double-precision
     * gradient checks above hold to finite differences: the same parameters and data must give the same score,
     * the same gradient of every parameter (including the dense layer's below the LSTMs, which only dL/dx
     * reaches), also on a second pass (oneDNN adds to its weight-gradient buffers) and after the batch size
     * changes (new primitives).
     */
    @ParameterizedTest(name = "stacked={0}, returnSequences={1}, bidirectional={2}")
    @CsvSource({"false, true, false", "false, false, false", "true, true, false", "true, false, false", "false, true, true", "true, false, true"})
    void oneDnnTrainingPassEqualsLibnd4jOps(boolean stacked, boolean returnSequences, boolean bidirectional) {
        assertThat(OneDnn.available()).as("oneDNN's LSTM loads on this machine").isTrue();
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        try {
            ComputationGraphConfiguration conf = conf(stacked, returnSequences, bidirectional, Activation.TANH,
                    floatBuilder());
            ComputationGraph oneDnn = init(conf);
            String[] lstms = stacked ? new String[] {"lstm0", "lstm"} : new String[] {"lstm"};
            for (String name : lstms) {
                INDArray bias = oneDnn.getLayer(name).getParam(BIAS);
                oneDnn.getLayer(name).setParam(BIAS, Nd4j.randn(DataType.FLOAT, bias.shape()).muli(0.5));
            }
            ComputationGraph ops = init(conf);
            ops.setParams(oneDnn.params().dup());
            for (String name : lstms) {
                ((NativeLstmLayerImpl) ops.getLayer(name)).allowOneDnnLstm(false);
            }
            for (int mb : new int[] {MB, MB, MB + 3}) {
                INDArray in = Nd4j.randn(DataType.FLOAT, mb, F, T);
                INDArray labels = (returnSequences ? oneHotSequence(mb, 2, T, 31) : oneHot(mb, 2, 32))
                        .castTo(DataType.FLOAT);
                Map<String, INDArray> expected = gradients(ops, in, labels);
                Map<String, INDArray> actual = gradients(oneDnn, in, labels);
                assertThat(oneDnn.score()).isCloseTo(ops.score(), org.assertj.core.data.Offset.offset(1e-5));
                assertThat(actual.keySet()).isEqualTo(expected.keySet());
                for (Map.Entry<String, INDArray> e : expected.entrySet()) {
                    INDArray a = actual.get(e.getKey());
                    double scale = Math.max(1e-3, e.getValue().amaxNumber().doubleValue());
                    assertThat(a.equalsWithEps(e.getValue(), 1e-4 * scale))
                            .as("batch %d, gradient of %s: oneDNN %s, ops %s", mb, e.getKey(), a, e.getValue())
                            .isTrue();
                }
                assertThat(oneDnn.outputSingle(in).equalsWithEps(ops.outputSingle(in), 1e-5)).isTrue();
            }
        } finally {
            useDoublePrecision();
        }
    }

    private static Map<String, INDArray> gradients(ComputationGraph graph, INDArray in, INDArray labels) {
        graph.setInputs(in);
        graph.setLabels(labels);
        graph.computeGradientAndScore();
        Map<String, INDArray> copies = new java.util.TreeMap<>();
        graph.gradient().gradientForVariable().forEach((key, value) -> copies.put(key, value.dup()));
        return copies;
    }

    private static ComputationGraphConfiguration.GraphBuilder floatBuilder() {
        return new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).seed(12345)
                .weightInit(org.deeplearning4j.nn.weights.WeightInit.XAVIER).graphBuilder();
    }

    @Test
    void parametersHaveLibnd4jLayoutAndDl4jForgetBias() {
        ComputationGraph graph = init(conf(false, true, false, Activation.TANH));
        org.deeplearning4j.nn.api.Layer layer = graph.getLayer("lstm");
        assertThat(layer.getParam(INPUT_WEIGHTS).shape()).containsExactly(F, 4 * UNITS);
        assertThat(layer.getParam(RECURRENT_WEIGHTS).shape()).containsExactly(UNITS, 4 * UNITS);
        INDArray bias = layer.getParam(BIAS);
        assertThat(bias.shape()).containsExactly(4 * UNITS);
        assertThat(bias.get(NDArrayIndex.interval(UNITS, 2 * UNITS)).meanNumber().doubleValue()).isEqualTo(1.0);
        assertThat(bias.get(NDArrayIndex.interval(0, UNITS)).meanNumber().doubleValue()).isEqualTo(0.0);
        assertThat(layer.numParams()).isEqualTo(4L * UNITS * (F + UNITS + 1));
        ComputationGraph bi = init(conf(false, true, true, Activation.TANH));
        assertThat(bi.getLayer("lstm").numParams()).isEqualTo(2 * 4L * UNITS * (F + UNITS + 1));
    }

    @Test
    void unsupportedActivationIsRefused() {
        assertThatThrownBy(() -> new NativeLstmLayer.Builder().nOut(3).activation(Activation.GELU).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tanh, relu and sigmoid");
    }

    @Test
    void configRoundTripsThroughJsonAndModelSerializer() throws Exception {
        ComputationGraphConfiguration conf = conf(true, false, true, Activation.TANH);
        assertJsonRoundTrip(conf);
        ComputationGraph graph = init(conf);
        randomiseBiases(graph, "lstm0", "lstm");
        assertModelSerializerRoundTrip(graph, Nd4j.randn(DataType.DOUBLE, MB, F, T));
    }
}
