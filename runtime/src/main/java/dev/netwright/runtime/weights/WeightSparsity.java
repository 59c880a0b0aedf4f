package dev.netwright.runtime.weights;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How many of a node's weights are zero: its weight matrices and kernels ({@link #isWeightArray}), not its biases or
 * normalisation parameters. What the cards, the inspector and the status bar show for a pruned model, and what
 * pruning counts.
 *
 * @param node     the node's id
 * @param weights  how many values its weight arrays hold
 * @param nonZeros how many of them are not exactly zero
 */
public record WeightSparsity(String node, long weights, long nonZeros) {

    /** Whether a parameter array is a weight matrix or kernel (two dimensions or more above 1), not a bias or scale. */
    public static boolean isWeightArray(INDArray array) {
        return Arrays.stream(array.shape()).filter(d -> d > 1).count() >= 2;
    }

    /** Each node's count, in {@code weights}' order, for the nodes with weight arrays. */
    public static Map<String, WeightSparsity> count(DesignWeights weights) {
        Map<String, WeightSparsity> counts = new LinkedHashMap<>();
        for (String node : weights.nodeIds()) {
            of(node, weights.node(node)).ifPresent(c -> counts.put(node, c));
        }
        return counts;
    }

    /** One node's count from its parameters, or nothing when it has no weight arrays. */
    static Optional<WeightSparsity> of(String node, Map<String, INDArray> params) {
        long total = 0;
        long nonZeros = 0;
        for (INDArray value : params.values()) {
            if (isWeightArray(value)) {
                for (float v : value.castTo(DataType.FLOAT).dup('c').data().asFloat()) {
                    total++;
                    nonZeros += v != 0 ? 1 : 0;
                }
            }
        }
        return total == 0 ? Optional.empty() : Optional.of(new WeightSparsity(node, total, nonZeros));
    }

    /** The share of the weights that are zero, 0 to 1. */
    public double sparsity() {
        return weights == 0 ? 0 : 1 - (double) nonZeros / weights;
    }

    /** The zero share for people: "90%", "12.5%", "0.6%", ">99.9%" (never "100%" while some are left). */
    public String zeroShare() {
        double percent = sparsity() * 100;
        if (nonZeros > 0 && percent > 99.9) {
            return ">99.9%";
        }
        return Math.abs(percent - Math.round(percent)) < 0.05
                ? String.format(Locale.ROOT, "%d%%", Math.round(percent))
                : String.format(Locale.ROOT, "%.1f%%", percent);
    }

    /** How many weights are zero. */
    public long zeros() {
        return weights - nonZeros;
    }
}
