package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helpers that hold a layer's native (oneDNN) path to its ND4J code in float, switched by a system property. */
final class NativePathComparison {
    /** The largest difference allowed, relative to the largest expected magnitude. */
    static final double MAX_RELATIVE = 1e-4;

    private NativePathComparison() {
    }

    /** Runs {@code pass} with {@code -Dproperty=nd4j}, the property cleared afterwards. */
    static <T> T onNd4jCode(String property, Supplier<T> pass) {
        System.setProperty(property, "nd4j");
        try {
            return pass.get();
        } finally {
            System.clearProperty(property);
        }
    }

    static void assertClose(Map<String, INDArray> actual, Map<String, INDArray> expected, String label) {
        assertClose(actual, expected, 1e-3, label);
    }

    /** Each array as {@link #assertClose(INDArray, INDArray, double, String)} says. */
    static void assertClose(Map<String, INDArray> actual, Map<String, INDArray> expected, double floor,
                            String label) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((key, value) -> assertClose(actual.get(key), value, floor, label + ", " + key));
    }

    static void assertClose(INDArray actual, INDArray expected, String label) {
        assertClose(actual, expected, 1e-3, label);
    }

    /**
     * Within 1e-4 of the largest expected magnitude, or of {@code floor} where that is smaller, element by element,
     * compared in Java.
     */
    static void assertClose(INDArray actual, INDArray expected, double floor, String label) {
        assertThat(actual.shape()).as(label).isEqualTo(expected.shape());
        double scale = Math.max(floor, expected.amaxNumber().doubleValue());
        double[] a = actual.dup('c').data().asDouble();
        double[] e = expected.dup('c').data().asDouble();
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - e[i]));
        }
        assertThat(worst / scale).as("%s: largest difference relative to %s", label, scale)
                .isLessThanOrEqualTo(MAX_RELATIVE);
    }

    /** Copies of every parameter's gradient after one forward and backward pass. */
    static Map<String, INDArray> gradients(ComputationGraph graph, INDArray in, INDArray labels) {
        graph.setInputs(in);
        graph.setLabels(labels);
        graph.computeGradientAndScore();
        Map<String, INDArray> copies = new TreeMap<>();
        graph.gradient().gradientForVariable().forEach((key, value) -> copies.put(key, value.dup()));
        return copies;
    }

    /** Copies of every vertex's activations in a training-mode forward pass. */
    static Map<String, INDArray> activations(ComputationGraph graph, INDArray in) {
        Map<String, INDArray> copies = new TreeMap<>();
        graph.feedForward(in, true).forEach((key, value) -> copies.put(key, value.dup()));
        return copies;
    }

    /** The parameters of two graphs trained alike, equal within 1e-4 of each one's largest magnitude (at least 1e-2). */
    static void assertSameParameters(ComputationGraph actual, ComputationGraph expected, String label) {
        assertSameParameters(actual, expected, Set.of(), label);
    }

    /** The same, leaving out the parameters named in {@code leftOut}. */
    static void assertSameParameters(ComputationGraph actual, ComputationGraph expected, Set<String> leftOut,
                                     String label) {
        for (String key : expected.paramTable().keySet()) {
            if (leftOut.contains(key)) {
                continue;
            }
            INDArray e = expected.getParam(key);
            INDArray a = actual.getParam(key);
            double scale = Math.max(1e-2, e.amaxNumber().doubleValue());
            assertThat(a.equalsWithEps(e, MAX_RELATIVE * scale))
                    .as("%s, %s: oneDNN %s, ND4J %s", label, key, a, e).isTrue();
        }
    }
}
