package dev.netwright.app.cli;

import dev.netwright.runtime.compile.CompiledDesign;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.train.TrainingPlans;
import dev.netwright.samples.Samples;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Transformer sample as the compiler emits it, its LayerNorm layers, attention softmax and attention products on
 * oneDNN's primitives (attention's forward pass kept for the backward pass, Q, K and V in one product), against the
 * same network with {@code -Dnetwright.layernorm=nd4j -Dnetwright.softmax=nd4j -Dnetwright.attention=nd4j} (the ND4J
 * code, the attention layer as it was): the
 * first gradients agree to 1 % of their norm; after 3 Adam steps on the same minibatches (and dropout masks) the
 * scores agree to 0.01 % and every parameter to 5 % of how far the steps moved it, except the attention layers' key
 * biases, whose true gradient is zero (softmax ignores a score added to every key).
 */
class TransformerFusedOpsTest {
    private static final String[] PROPERTIES = {"netwright.layernorm", "netwright.softmax", "netwright.attention"};
    private static final int BATCH = 16;

    @AfterEach
    void clearProperties() {
        onNd4jCode(false);
    }

    @Test
    void aFewTrainingStepsLeaveTheSameParametersAsTheNd4jCode() throws Exception {
        Design design = Samples.load("transformer");
        TrainingPlan plan = design.training().orElse(TrainingPlans.defaults());
        CompiledDesign compiled = new DesignCompiler().compile(TrainingPlans.runDesign(plan, design),
                TrainingPlans.settings(plan));
        ComputationGraph ours = compiled.newNetwork();
        ComputationGraph theirs = compiled.newNetwork();
        theirs.setParams(ours.params().dup());
        ComputationGraph initial = compiled.newNetwork();
        initial.setParams(ours.params().dup());
        // by name: the app does not compile against the engine module
        assertThat(layersNamed(ours, "LayerNormLayerImpl")).as("LayerNorm layers").isGreaterThanOrEqualTo(2);
        assertThat(layersNamed(ours, "MultiHeadSelfAttentionLayerImpl")).as("attention layers").isGreaterThanOrEqualTo(1);

        long[] shape = compiled.inputTypes().get(0).getShape(true);
        shape[0] = BATCH;
        Random random = new Random(11);
        firstGradientsAgree(ours, theirs, Nd4j.rand(DataType.FLOAT, shape), labels(random));
        for (int step = 0; step < 3; step++) {
            Nd4j.getRandom().setSeed(100 + step);
            INDArray images = Nd4j.rand(DataType.FLOAT, shape);
            INDArray labels = labels(random);
            Nd4j.getRandom().setSeed(200 + step); // the same dropout masks on both
            ours.fit(new INDArray[] {images}, new INDArray[] {labels});
            onNd4jCode(true);
            Nd4j.getRandom().setSeed(200 + step);
            theirs.fit(new INDArray[] {images}, new INDArray[] {labels});
            onNd4jCode(false);
            assertThat(ours.score()).as("score at step %d", step).isCloseTo(theirs.score(),
                    org.assertj.core.data.Percentage.withPercentage(0.01));
        }
        boolean bitIdentical = true;
        for (Layer layer : theirs.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            for (String key : layer.paramTable().keySet()) {
                if (isKeyBias(key)) {
                    continue;
                }
                INDArray expected = layer.getParam(key);
                INDArray actual = ours.getLayer(name).getParam(key);
                // Adam turns rounding differences in near-zero gradient components into visible steps: the paths
                // are held to 5 % of how far the 3 steps moved the parameter (a wrong gradient would be ~100 %)
                double moved = expected.sub(initial.getLayer(name).getParam(key)).norm2Number().doubleValue();
                double difference = actual.sub(expected).norm2Number().doubleValue();
                assertThat(difference).as("%s %s after 3 steps: moved %s", name, key, moved)
                        .isLessThanOrEqualTo(0.05 * moved);
                bitIdentical &= difference == 0;
            }
        }
        assertThat(bitIdentical).as("the two runs took different code paths").isFalse();
        INDArray probe = Nd4j.rand(DataType.FLOAT, shape);
        INDArray expectedOut = theirs.outputSingle(probe);
        assertThat(ours.outputSingle(probe).equalsWithEps(expectedOut, 1e-3)).as("inference output").isTrue();
    }

    /** With equal parameters, every gradient within 1 % of its norm (the key biases' are rounding noise). */
    private static void firstGradientsAgree(ComputationGraph ours, ComputationGraph theirs, INDArray images,
                                            INDArray labels) {
        Nd4j.getRandom().setSeed(5);
        ours.setInputs(images);
        ours.setLabels(labels);
        ours.computeGradientAndScore();
        onNd4jCode(true);
        Nd4j.getRandom().setSeed(5);
        theirs.setInputs(images);
        theirs.setLabels(labels);
        theirs.computeGradientAndScore();
        onNd4jCode(false);
        Map<String, INDArray> expected = theirs.gradient().gradientForVariable();
        Map<String, INDArray> actual = ours.gradient().gradientForVariable();
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (Map.Entry<String, INDArray> e : expected.entrySet()) {
            if (isKeyBias(e.getKey())) {
                continue;
            }
            double norm = e.getValue().norm2Number().doubleValue();
            double difference = actual.get(e.getKey()).sub(e.getValue()).norm2Number().doubleValue();
            assertThat(difference).as("gradient of %s (norm %s)", e.getKey(), norm)
                    .isLessThanOrEqualTo(1e-2 * norm + 1e-7);
        }
    }

    private static boolean isKeyBias(String key) {
        return key.endsWith("bk");
    }

    private static long layersNamed(ComputationGraph graph, String simpleName) {
        return Arrays.stream(graph.getLayers()).filter(l -> l.getClass().getSimpleName().equals(simpleName)).count();
    }

    private static void onNd4jCode(boolean nd4j) {
        for (String property : PROPERTIES) {
            if (nd4j) {
                System.setProperty(property, "nd4j");
            } else {
                System.clearProperty(property);
            }
        }
    }

    private static INDArray labels(Random random) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, BATCH, 10);
        for (int i = 0; i < BATCH; i++) {
            labels.putScalar(i, random.nextInt(10), 1.0);
        }
        return labels;
    }
}
