package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared set-up for the layer tests: double precision, gradient checks and serialisation round trips. */
final class LayerTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(LayerTestSupport.class);

    static final double EPS = 1e-6;
    static final double MAX_REL_ERROR = 1e-3;
    static final double MIN_ABS_ERROR = 1e-8;

    private LayerTestSupport() {
    }

    /** Gradient checks are only meaningful in double precision. */
    static void useDoublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** Graph builder with the settings every gradient check needs: double, NoOp updater, no dropout. */
    static ComputationGraphConfiguration.GraphBuilder graphBuilder() {
        return new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .seed(12345)
                .updater(new NoOp())
                .weightInit(WeightInit.XAVIER)
                .graphBuilder();
    }

    static ComputationGraph init(ComputationGraphConfiguration conf) {
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** Runs DL4J's own gradient check with the standard tolerances. */
    static boolean gradientsMatch(String label, ComputationGraph graph, INDArray input, INDArray labels) {
        // Names the check in the log, so GradientCheckUtil's summary line that follows can be attributed
        LOG.info("Gradient check: {}", label);
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                .net(graph)
                .inputs(new INDArray[] {input})
                .labels(new INDArray[] {labels})
                .epsilon(EPS)
                .maxRelError(MAX_REL_ERROR)
                .minAbsoluteError(MIN_ABS_ERROR)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
                .exitOnFirstError(false));
    }

    /** One-hot labels in NCW layout [mb, classes, T]. */
    static INDArray oneHotSequence(int mb, int classes, int steps, long seed) {
        java.util.Random random = new java.util.Random(seed);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, mb, classes, steps);
        for (int b = 0; b < mb; b++) {
            for (int t = 0; t < steps; t++) {
                labels.putScalar(b, random.nextInt(classes), t, 1.0);
            }
        }
        return labels;
    }

    /** One-hot labels [mb, classes]. */
    static INDArray oneHot(int mb, int classes, long seed) {
        java.util.Random random = new java.util.Random(seed);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, mb, classes);
        for (int b = 0; b < mb; b++) {
            labels.putScalar(b, random.nextInt(classes), 1.0);
        }
        return labels;
    }

    /** JSON must round-trip to an equal configuration, as DL4J needs for saving and loading models. */
    static void assertJsonRoundTrip(ComputationGraphConfiguration conf) {
        String json = conf.toJson();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
        assertThat(back).isEqualTo(conf);
        assertThat(back.toJson()).isEqualTo(json);
    }

    /** Saves and restores through ModelSerializer and checks the restored graph computes the same output. */
    static void assertModelSerializerRoundTrip(ComputationGraph graph, INDArray input) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(graph, bytes, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(
                new ByteArrayInputStream(bytes.toByteArray()), true);
        assertThat(restored.getConfiguration()).isEqualTo(graph.getConfiguration());
        assertThat(restored.params()).isEqualTo(graph.params());
        INDArray expected = graph.outputSingle(input);
        INDArray actual = restored.outputSingle(input);
        assertThat(actual.equalsWithEps(expected, 1e-12)).as("restored output equals original").isTrue();
    }
}
