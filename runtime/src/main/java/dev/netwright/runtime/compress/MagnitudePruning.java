package dev.netwright.runtime.compress;

import dev.netwright.runtime.weights.DesignWeights;
import dev.netwright.runtime.weights.WeightSparsity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Unstructured magnitude pruning: the weights of smallest absolute value become zero, either the same share of each
 * weight array ({@link Scope#LAYER}) or the smallest of all of them together ({@link Scope#GLOBAL}), as
 * {@code torch.nn.utils.prune.l1_unstructured} and {@code global_unstructured} do. Only weight matrices and kernels
 * are pruned, arrays with at least two dimensions longer than 1; biases and normalisation parameters stay whole.
 * The masks (1 kept, 0 pruned) come with the result, so that fine-tuning can keep pruned weights at zero.
 */
public final class MagnitudePruning {

    /** Whether the sparsity is reached in each weight array or across all of them. */
    public enum Scope { LAYER, GLOBAL }

    /**
     * The pruned weights, their masks (the prunable arrays only) and the count per node.
     *
     * @param weights every parameter, with the pruned weights zero
     * @param masks   per node and parameter name, 1 where a weight is kept and 0 where it was pruned
     * @param nodes   per node with prunable weights, in the design's order
     */
    public record Pruned(DesignWeights weights, DesignWeights masks, List<WeightSparsity> nodes) {
        /** Prunable weights over every node. */
        public long prunable() {
            return nodes.stream().mapToLong(WeightSparsity::weights).sum();
        }

        /** Non-zero prunable weights left over every node. */
        public long nonZeros() {
            return nodes.stream().mapToLong(WeightSparsity::nonZeros).sum();
        }

        /** The share of prunable weights that are zero. */
        public double sparsity() {
            return prunable() == 0 ? 0 : 1 - (double) nonZeros() / prunable();
        }
    }

    private MagnitudePruning() {
    }

    /** Whether a parameter array is a weight matrix or kernel that pruning may zero. */
    public static boolean prunable(INDArray array) {
        return WeightSparsity.isWeightArray(array);
    }

    /**
     * Prunes {@code weights} to {@code sparsity} (at least 0, below 1) of their prunable weights. Weights that are
     * zero already count as pruned first, so pruning a pruned model again to a higher sparsity keeps the old zeros.
     */
    public static Pruned prune(DesignWeights weights, double sparsity, Scope scope) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(scope, "scope");
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("the sparsity must be at least 0 and below 1, not " + sparsity);
        }
        Double globalThreshold = scope == Scope.GLOBAL ? threshold(allPrunable(weights), sparsity) : null;
        Map<String, Map<String, INDArray>> pruned = new LinkedHashMap<>();
        Map<String, Map<String, INDArray>> masks = new LinkedHashMap<>();
        List<WeightSparsity> nodes = new ArrayList<>();
        for (String node : weights.nodeIds()) {
            Map<String, INDArray> params = new LinkedHashMap<>();
            Map<String, INDArray> nodeMasks = new LinkedHashMap<>();
            long prunable = 0;
            long nonZeros = 0;
            for (Map.Entry<String, INDArray> param : weights.node(node).entrySet()) {
                INDArray value = param.getValue();
                if (!prunable(value)) {
                    params.put(param.getKey(), value);
                    continue;
                }
                float[] values = values(value);
                double threshold = globalThreshold != null ? globalThreshold : threshold(magnitudes(values), sparsity);
                // compared here rather than with INDArray.gt, which treats values within its epsilon as equal
                float[] mask = new float[values.length];
                for (int i = 0; i < values.length; i++) {
                    if (Math.abs(values[i]) > threshold) {
                        mask[i] = 1;
                        nonZeros++;
                    } else {
                        values[i] = 0;
                    }
                }
                params.put(param.getKey(), Nd4j.create(values, value.shape(), 'c'));
                nodeMasks.put(param.getKey(), Nd4j.create(mask, value.shape(), 'c'));
                prunable += values.length;
            }
            pruned.put(node, params);
            if (!nodeMasks.isEmpty()) {
                masks.put(node, nodeMasks);
                nodes.add(new WeightSparsity(node, prunable, nonZeros));
            }
        }
        return new Pruned(DesignWeights.of(pruned), DesignWeights.of(masks), nodes);
    }

    /** How many weights of {@code weights}' prunable arrays are not zero, per node; for any model, pruned or not. */
    public static List<WeightSparsity> count(DesignWeights weights) {
        return List.copyOf(WeightSparsity.count(weights).values());
    }

    /** A copy of the array's values in C order, as float. */
    private static float[] values(INDArray value) {
        return value.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    private static float[] magnitudes(float[] values) {
        float[] abs = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            abs[i] = Math.abs(values[i]);
        }
        return abs;
    }

    private static float[] allPrunable(DesignWeights weights) {
        List<float[]> arrays = new ArrayList<>();
        int total = 0;
        for (String node : weights.nodeIds()) {
            for (INDArray value : weights.node(node).values()) {
                if (prunable(value)) {
                    arrays.add(magnitudes(values(value)));
                    total += arrays.get(arrays.size() - 1).length;
                }
            }
        }
        float[] all = new float[total];
        int at = 0;
        for (float[] a : arrays) {
            System.arraycopy(a, 0, all, at, a.length);
            at += a.length;
        }
        return all;
    }

    /**
     * The magnitude at and below which weights are pruned: the {@code sparsity}-quantile of {@code magnitudes};
     * below every magnitude (-1) when nothing is to be pruned.
     */
    private static double threshold(float[] magnitudes, double sparsity) {
        int count = (int) Math.round(sparsity * magnitudes.length); // as torch.nn.utils.prune rounds an amount
        if (count == 0) {
            return -1;
        }
        float[] sorted = magnitudes.clone();
        Arrays.sort(sorted);
        return sorted[count - 1];
    }
}
