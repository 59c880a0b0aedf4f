package dev.netwright.runtime.compress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class SparsityScheduleTest {

    @Test
    void gradualFollowsZhuAndGuptasCubicFromZeroToTheTargetHalfwayThroughTheRun() {
        SparsitySchedule schedule = SparsitySchedule.gradual(0.9, 200);

        assertThat(schedule.ramp()).isEqualTo(100);
        assertThat(schedule.every()).isEqualTo(5);
        assertThat(schedule.sparsityAt(0)).isEqualTo(0.0);
        assertThat(schedule.sparsityAt(50)).isCloseTo(0.9 * (1 - 0.125), offset(1e-12));
        assertThat(schedule.sparsityAt(10)).isCloseTo(0.9 * (1 - 0.729), offset(1e-12));
        assertThat(schedule.sparsityAt(100)).isEqualTo(0.9);
        assertThat(schedule.sparsityAt(200)).isEqualTo(0.9);
        for (long t = 1; t <= 100; t++) {
            assertThat(schedule.sparsityAt(t)).as("monotone at %d", t).isGreaterThan(schedule.sparsityAt(t - 1));
        }
    }

    @Test
    void gradualRecomputesEveryStepUpToTheEndOfTheRampOnly() {
        SparsitySchedule schedule = SparsitySchedule.gradual(0.5, 50); // ramp 25, every 2

        assertThat(schedule.recomputesAt(0)).isFalse();
        assertThat(schedule.recomputesAt(1)).isFalse();
        assertThat(schedule.recomputesAt(2)).isTrue();
        assertThat(schedule.recomputesAt(25)).as("the end of the ramp").isTrue();
        assertThat(schedule.recomputesAt(26)).isFalse();
        assertThat(schedule.lastStepAtOrBefore(7)).isEqualTo(6);
        assertThat(schedule.lastStepAtOrBefore(40)).isEqualTo(25);
        assertThat(schedule.lastStepAtOrBefore(0)).isZero();
    }

    @Test
    void oneShotHasTheTargetFromTheStartAndNeverRecomputes() {
        SparsitySchedule schedule = SparsitySchedule.oneShot(0.9);

        assertThat(schedule.sparsityAt(0)).isEqualTo(0.9);
        assertThat(schedule.recomputesAt(5)).isFalse();
    }

    @Test
    void aSparsityOfOneOrMoreIsRefused() {
        assertThatThrownBy(() -> SparsitySchedule.gradual(1.2, 100)).hasMessageContaining("below 1, not 1.2");
        assertThatThrownBy(() -> new PruningPlan(-0.1, MagnitudePruning.Scope.LAYER, true))
                .hasMessageContaining("at least 0");
    }
}
