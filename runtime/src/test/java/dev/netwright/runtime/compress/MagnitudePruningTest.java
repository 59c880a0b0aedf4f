package dev.netwright.runtime.compress;

import dev.netwright.runtime.weights.DesignWeights;
import dev.netwright.runtime.weights.WeightSparsity;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MagnitudePruningTest {

    private static DesignWeights weights(double smallScale) {
        Nd4j.getRandom().setSeed(7);
        Map<String, Map<String, INDArray>> byNode = new LinkedHashMap<>();
        byNode.put("conv1", Map.of("W", Nd4j.randn(DataType.FLOAT, 4, 1, 5, 5).muli(smallScale),
                "b", Nd4j.randn(DataType.FLOAT, 1, 4)));
        byNode.put("dense1", Map.of("W", Nd4j.randn(DataType.FLOAT, 100, 10), "b", Nd4j.randn(DataType.FLOAT, 1, 10)));
        byNode.put("bn1", Map.of("gamma", Nd4j.rand(DataType.FLOAT, 1, 4), "beta", Nd4j.rand(DataType.FLOAT, 1, 4)));
        return DesignWeights.of(byNode);
    }

    private static long zeros(INDArray a) {
        long zeros = 0;
        for (float v : a.dup('c').data().asFloat()) {
            zeros += v == 0 ? 1 : 0;
        }
        return zeros;
    }

    @Test
    void eachLayerLosesItsSmallestWeightsToTheSparsityAndBiasesAndNormalisationStay() {
        DesignWeights before = weights(1);

        MagnitudePruning.Pruned pruned = MagnitudePruning.prune(before, 0.5, MagnitudePruning.Scope.LAYER);

        INDArray conv = pruned.weights().node("conv1").get("W");
        INDArray dense = pruned.weights().node("dense1").get("W");
        assertThat(zeros(conv)).isEqualTo(50);
        assertThat(zeros(dense)).isEqualTo(500);
        double largestPruned = Transforms.abs(before.node("dense1").get("W")).mul(dense.eq(0).castTo(DataType.FLOAT))
                .maxNumber().doubleValue();
        double smallestKept = Transforms.abs(dense).add(dense.eq(0).castTo(DataType.FLOAT).mul(1e9))
                .minNumber().doubleValue();
        assertThat(smallestKept).isGreaterThan(largestPruned);
        assertThat(pruned.weights().node("dense1").get("b")).isEqualTo(before.node("dense1").get("b"));
        assertThat(pruned.weights().node("bn1")).isEqualTo(before.node("bn1"));
        assertThat(pruned.masks().nodeIds()).containsExactly("conv1", "dense1");
        assertThat(pruned.masks().node("dense1").get("W")).isEqualTo(dense.neq(0).castTo(DataType.FLOAT));
        assertThat(pruned.nodes()).containsExactly(new WeightSparsity("conv1", 100, 50),
                new WeightSparsity("dense1", 1000, 500));
        assertThat(pruned.sparsity()).isEqualTo(0.5);
        assertThat(MagnitudePruning.count(pruned.weights())).isEqualTo(pruned.nodes());
    }

    @Test
    void globalPruningTakesTheSmallestWeightsWhereverTheyAre() {
        DesignWeights before = weights(1e-6); // conv1's weights are all smaller than dense1's

        MagnitudePruning.Pruned pruned = MagnitudePruning.prune(before, 100.0 / 1100, MagnitudePruning.Scope.GLOBAL);

        assertThat(zeros(pruned.weights().node("conv1").get("W"))).isEqualTo(100);
        assertThat(zeros(pruned.weights().node("dense1").get("W"))).isZero();
    }

    @Test
    void sparsityZeroChangesNothingAndAnImpossibleSparsityIsRefused() {
        DesignWeights before = weights(1);
        MagnitudePruning.Pruned none = MagnitudePruning.prune(before, 0, MagnitudePruning.Scope.GLOBAL);
        assertThat(none.weights().node("dense1")).isEqualTo(before.node("dense1"));
        assertThat(none.sparsity()).isZero();
        assertThatThrownBy(() -> MagnitudePruning.prune(before, 1, MagnitudePruning.Scope.LAYER))
                .hasMessageContaining("below 1");
        assertThatThrownBy(() -> MagnitudePruning.prune(before, Double.NaN, MagnitudePruning.Scope.LAYER))
                .hasMessageContaining("at least 0");
    }
}
