package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.assertJsonRoundTrip;
import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.oneHot;
import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.useDoublePrecision;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OneDnnBatchNormalization} against DL4J's own {@link BatchNormalization} (its ND4J code, which DL4J's
 * gradient checks cover) in float: same parameters, same data, the same output, score, gradient of every parameter
 * (gamma, beta, the convolution below through the input gradient) and the same running-statistics updates, over two
 * batch sizes; the running statistics after several Adam steps; the cases left to DL4J's code.
 */
class OneDnnBatchNormalizationTest {
    private static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    private static String helpersBefore;

    @BeforeAll
    static void floatAndDl4jsOwnCode() {
        assertThat(OneDnn.available()).as("oneDNN loads on this machine").isTrue();
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        // The reference is DL4J's own code, not its oneDNN helper
        helpersBefore = System.setProperty(HELPERS_DISABLE, "true");
    }

    @AfterAll
    static void restore() {
        if (helpersBefore == null) {
            System.clearProperty(HELPERS_DISABLE);
        } else {
            System.setProperty(HELPERS_DISABLE, helpersBefore);
        }
        System.clearProperty(OneDnnBatchNormalizationImpl.ENGINE_PROPERTY);
        useDoublePrecision();
    }

    private static BatchNormalization batchNorm(boolean oneDnn, boolean useLogStd, double decay, boolean lock) {
        BatchNormalization dl4j = new BatchNormalization.Builder().decay(decay).eps(1e-3).useLogStd(useLogStd)
                .lockGammaBeta(lock).build();
        return oneDnn ? OneDnnBatchNormalization.of(dl4j) : dl4j;
    }

    /** input [mb, 3, 7, 6] -> convolution 3x3 (5 channels, tanh) -> the batch norm -> softmax output. */
    private static ComputationGraphConfiguration conf(DataType type, BatchNormalization bn) {
        return new NeuralNetConfiguration.Builder().dataType(type).seed(42).weightInit(WeightInit.XAVIER)
                .updater(new Adam(0.05)).graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(7, 6, 3))
                .addLayer("below", new ConvolutionLayer.Builder(3, 3).nOut(5).activation(Activation.TANH).build(), "in")
                .addLayer("bn", bn, "below")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX)
                        .build(), "bn")
                .setOutputs("out")
                .build();
    }

    /** The two graphs with equal parameters; gamma and beta moved off 1 and 0, the running statistics off 0 and 1. */
    private static ComputationGraph[] pair(boolean useLogStd, double decay) {
        ComputationGraph ours = LayerTestSupport.init(conf(DataType.FLOAT, batchNorm(true, useLogStd, decay, false)));
        ComputationGraph theirs = LayerTestSupport.init(conf(DataType.FLOAT, batchNorm(false, useLogStd, decay, false)));
        Nd4j.getRandom().setSeed(7);
        for (String key : ours.getLayer("bn").paramTable().keySet()) {
            INDArray p = ours.getLayer("bn").getParam(key);
            p.assign(Nd4j.rand(DataType.FLOAT, p.shape()).muli(0.5).addi(key.equals("var") ? 0.75 : 0.25));
        }
        theirs.setParams(ours.params().dup());
        assertThat(ours.getLayer("bn")).isInstanceOf(OneDnnBatchNormalizationImpl.class);
        return new ComputationGraph[] {ours, theirs};
    }

    @ParameterizedTest(name = "log10 std {0}, decay {1}")
    @CsvSource({"true, 0.9", "false, 0.9", "true, 0.5"})
    void sameOutputScoreGradientsAndStatisticsUpdatesAsDl4jsOwnLayer(boolean useLogStd, double decay) {
        ComputationGraph[] graphs = pair(useLogStd, decay);
        ComputationGraph ours = graphs[0];
        ComputationGraph theirs = graphs[1];
        for (int mb : new int[] {4, 4, 9}) {
            INDArray in = Nd4j.randn(DataType.FLOAT, mb, 3, 7, 6).muli(2).addi(0.5);
            INDArray labels = oneHot(mb, 3, mb).castTo(DataType.FLOAT);
            Map<String, INDArray> expected = gradients(theirs, in, labels);
            Map<String, INDArray> actual = gradients(ours, in, labels);
            assertThat(bnLayer(ours).lastPassOnOneDnn()).isTrue();
            assertThat(ours.score()).isCloseTo(theirs.score(), org.assertj.core.data.Offset.offset(1e-5));
            assertThat(actual.keySet()).isEqualTo(expected.keySet()).contains("bn_gamma", "bn_beta", "bn_mean",
                    useLogStd ? "bn_log10stdev" : "bn_var");
            assertClose(actual, expected, "batch " + mb);
            INDArray expectedOut = theirs.outputSingle(in);
            INDArray actualOut = ours.outputSingle(in);
            assertThat(bnLayer(ours).lastPassOnOneDnn()).as("inference on oneDNN").isTrue();
            assertThat(actualOut.equalsWithEps(expectedOut, 1e-5)).as("inference output").isTrue();
            INDArray expectedTrainingOut = theirs.feedForward(in, true).get("bn");
            assertThat(ours.feedForward(in, true).get("bn").equalsWithEps(expectedTrainingOut,
                    1e-4 * expectedTrainingOut.amaxNumber().doubleValue())).as("training-mode output").isTrue();
        }
    }

    @Test
    void runningStatisticsAndParametersAfterSeveralAdamStepsEqualDl4jsOwnLayer() {
        ComputationGraph[] graphs = pair(true, 0.9);
        for (int step = 0; step < 6; step++) {
            INDArray in = Nd4j.randn(DataType.FLOAT, 8, 3, 7, 6).muli(1.5).addi(step * 0.1);
            INDArray labels = oneHot(8, 3, step).castTo(DataType.FLOAT);
            graphs[0].fit(new INDArray[] {in}, new INDArray[] {labels});
            graphs[1].fit(new INDArray[] {in}, new INDArray[] {labels});
        }
        assertThat(bnLayer(graphs[0]).lastPassOnOneDnn()).isTrue();
        for (String key : graphs[1].paramTable().keySet()) {
            INDArray expected = graphs[1].getParam(key);
            INDArray actual = graphs[0].getParam(key);
            double scale = Math.max(1e-2, expected.amaxNumber().doubleValue());
            assertThat(actual.equalsWithEps(expected, 1e-4 * scale))
                    .as("%s after 6 steps: oneDNN %s, DL4J %s", key, actual, expected).isTrue();
        }
        // the running statistics moved from where they started
        assertThat(graphs[0].getParam("bn_mean").amaxNumber().doubleValue()).isGreaterThan(0.0);
    }

    @Test
    void lockedGammaAndBetaRunDl4jsCode() {
        ComputationGraph graph = LayerTestSupport.init(conf(DataType.FLOAT, batchNorm(true, true, 0.9, true)));
        ComputationGraph theirs = LayerTestSupport.init(conf(DataType.FLOAT, batchNorm(false, true, 0.9, true)));
        theirs.setParams(graph.params().dup());
        INDArray in = Nd4j.randn(DataType.FLOAT, 4, 3, 7, 6);
        INDArray labels = oneHot(4, 3, 1).castTo(DataType.FLOAT);
        // DL4J's locked gamma and beta leave workspace arrays among the layer's own gradients: the others are compared
        Map<String, INDArray> actual = gradients(graph, in, labels);
        assertThat(bnLayer(graph).lastPassOnOneDnn()).isFalse();
        assertClose(actual, gradients(theirs, in, labels), "locked gamma and beta");
        assertThat(actual).containsKeys("below_W", "out_W");
    }

    @Test
    void vectorsRunDl4jsCode() {
        ComputationGraph graph = LayerTestSupport.init(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .seed(3).graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(6))
                .addLayer("dense", new DenseLayer.Builder().nOut(4).build(), "in")
                .addLayer("bn", batchNorm(true, true, 0.9, false), "dense")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MSE).nOut(2).activation(Activation.IDENTITY)
                        .build(), "bn")
                .setOutputs("out").build());
        INDArray out = graph.feedForward(Nd4j.randn(DataType.FLOAT, 5, 6), true).get("bn");
        assertThat(bnLayer(graph).lastPassOnOneDnn()).isFalse();
        // normalised over the batch: each feature's mean is beta = 0
        assertThat(out.mean(0).amaxNumber().doubleValue()).isLessThan(1e-4);
    }

    @Test
    void theEnginePropertyLeavesItToDl4jsCode() {
        ComputationGraph[] graphs = pair(true, 0.9);
        INDArray in = Nd4j.randn(DataType.FLOAT, 4, 3, 7, 6);
        INDArray labels = oneHot(4, 3, 2).castTo(DataType.FLOAT);
        Map<String, INDArray> expected = gradients(graphs[1], in, labels);
        System.setProperty(OneDnnBatchNormalizationImpl.ENGINE_PROPERTY, "dl4j");
        try {
            Map<String, INDArray> actual = gradients(graphs[0], in, labels);
            assertThat(bnLayer(graphs[0]).lastPassOnOneDnn()).isFalse();
            assertClose(actual, expected, "-Dnetwright.batchnorm=dl4j");
        } finally {
            System.clearProperty(OneDnnBatchNormalizationImpl.ENGINE_PROPERTY);
        }
    }

    /**
     * In double precision the layer runs DL4J's code (oneDNN's batch normalisation here is float only), and DL4J's
     * gradient check holds it to finite differences; the running statistics are no gradients (DL4J excludes them).
     */
    @Test
    void gradientCheckInDoubleRunsDl4jsCode() {
        useDoublePrecision();
        try {
            ComputationGraph graph = LayerTestSupport.init(LayerTestSupport.graphBuilder()
                    .addInputs("in").setInputTypes(InputType.convolutional(5, 4, 2))
                    .addLayer("below", new ConvolutionLayer.Builder(2, 2).nOut(3).activation(Activation.TANH).build(),
                            "in")
                    .addLayer("bn", batchNorm(true, true, 0.9, false), "below")
                    .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(3)
                            .activation(Activation.SOFTMAX).build(), "bn")
                    .setOutputs("out").build());
            INDArray in = Nd4j.randn(DataType.DOUBLE, 4, 2, 5, 4);
            boolean ok = org.deeplearning4j.gradientcheck.GradientCheckUtil.checkGradients(
                    new org.deeplearning4j.gradientcheck.GradientCheckUtil.GraphConfig().net(graph)
                            .inputs(new INDArray[] {in}).labels(new INDArray[] {oneHot(4, 3, 5)})
                            .epsilon(LayerTestSupport.EPS).maxRelError(LayerTestSupport.MAX_REL_ERROR)
                            .minAbsoluteError(LayerTestSupport.MIN_ABS_ERROR)
                            .excludeParams(Set.of("bn_mean", "bn_var", "bn_log10stdev"))
                            .print(org.deeplearning4j.gradientcheck.GradientCheckUtil.PrintMode.FAILURES_ONLY)
                            .exitOnFirstError(false));
            assertThat(ok).isTrue();
            assertThat(bnLayer(graph).lastPassOnOneDnn()).isFalse();
        } finally {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        }
    }

    @Test
    void configRoundTripsThroughJsonAndStaysItsOwnClass() {
        ComputationGraphConfiguration conf = conf(DataType.FLOAT, batchNorm(true, true, 0.9, false));
        assertJsonRoundTrip(conf);
        assertThat(conf.toJson()).contains(OneDnnBatchNormalization.class.getName());
        assertThat(conf).isNotEqualTo(conf(DataType.FLOAT, batchNorm(false, true, 0.9, false)));
        BatchNormalization copy = batchNorm(true, false, 0.7, false);
        assertThat(copy.getDecay()).isEqualTo(0.7);
        assertThat(copy.getEps()).isEqualTo(1e-3);
        assertThat(copy.isUseLogStd()).isFalse();
    }

    private static OneDnnBatchNormalizationImpl bnLayer(ComputationGraph graph) {
        return (OneDnnBatchNormalizationImpl) graph.getLayer("bn");
    }

    private static void assertClose(Map<String, INDArray> actual, Map<String, INDArray> expected, String label) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (Map.Entry<String, INDArray> e : expected.entrySet()) {
            INDArray a = actual.get(e.getKey());
            double scale = Math.max(1e-3, e.getValue().amaxNumber().doubleValue());
            assertThat(a.equalsWithEps(e.getValue(), 1e-4 * scale))
                    .as("%s, gradient of %s: oneDNN %s, DL4J %s", label, e.getKey(), a, e.getValue()).isTrue();
        }
    }

    private static Map<String, INDArray> gradients(ComputationGraph graph, INDArray in, INDArray labels) {
        graph.setInputs(in);
        graph.setLabels(labels);
        graph.computeGradientAndScore();
        Map<String, INDArray> copies = new TreeMap<>();
        graph.gradient().gradientForVariable().forEach((key, value) -> {
            if (!(key.startsWith("bn_") && ((BatchNormalization) graph.getLayer("bn").conf().getLayer()).isLockGammaBeta())) {
                copies.put(key, value.dup());
            }
        });
        return copies;
    }
}
