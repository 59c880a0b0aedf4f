package dev.netwright.runtime.sweep;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TrialPlansTest {
    private final Design design = TestDesigns.start().vector(4).then("dense1", "Dense", "units", 8).output();

    private SweepSpace parse(String... params) {
        return SweepSpace.parse(List.of(params), design, StandardKinds.catalog());
    }

    @Test
    void aGridTakesEveryCombinationTheFirstDimensionSlowest() {
        List<Map<String, Object>> grid = TrialPlans.grid(parse("batch=32,64", "dense1.units=8,16,32"), 0, 1);
        assertThat(grid).containsExactly(
                Map.of("batch", 32, "dense1.units", 8), Map.of("batch", 32, "dense1.units", 16),
                Map.of("batch", 32, "dense1.units", 32), Map.of("batch", 64, "dense1.units", 8),
                Map.of("batch", 64, "dense1.units", 16), Map.of("batch", 64, "dense1.units", 32));
    }

    @Test
    void aGridLimitedByTrialsKeepsASeededSubsetInGridOrder() {
        SweepSpace space = parse("batch=16,32,64", "dense1.units=8,16,32");
        List<Map<String, Object>> some = TrialPlans.grid(space, 4, 7);
        assertThat(some).hasSize(4).doesNotHaveDuplicates().isSubsetOf(TrialPlans.grid(space, 0, 7));
        assertThat(TrialPlans.grid(space, 4, 7)).isEqualTo(some);
        List<Map<String, Object>> all = TrialPlans.grid(space, 0, 7);
        assertThat(some).isSortedAccordingTo(java.util.Comparator.comparingInt(all::indexOf));
    }

    @Test
    void randomSearchIsReproducibleFromItsSeedAndStaysInTheSpace() {
        SweepSpace space = parse("lr=1e-4..1e-2:log", "batch=32,64", "dense1.units=8..64");
        List<Map<String, Object>> first = TrialPlans.random(space, 50, 42);
        assertThat(TrialPlans.random(space, 50, 42)).isEqualTo(first);
        assertThat(TrialPlans.random(space, 50, 43)).isNotEqualTo(first);
        for (Map<String, Object> trial : first) {
            assertThat((Double) trial.get("lr")).isBetween(1e-4, 1e-2);
            assertThat(trial.get("batch")).isIn(32, 64);
            assertThat((Integer) trial.get("dense1.units")).isBetween(8, 64);
        }
        // log scale: about half the draws below the geometric middle 1e-3
        long below = first.stream().filter(t -> (Double) t.get("lr") < 1e-3).count();
        assertThat(below).isBetween(15L, 35L);
        // four significant digits, as people write them
        assertThat(first).allSatisfy(t -> assertThat(SweepValues.rounded((Double) t.get("lr"))).isEqualTo(t.get("lr")));
    }
}
