package dev.netwright.runtime.sweep;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ParallelismTest {
    private static final long GIB = 1L << 30;

    @Test
    void theDefaultFollowsTheCoresAndTheMemoryWithinOneToFour() {
        assertThat(Parallelism.defaultFor(2, 8 * GIB)).isEqualTo(1);
        assertThat(Parallelism.defaultFor(8, 64 * GIB)).isEqualTo(4);
        assertThat(Parallelism.defaultFor(64, 512 * GIB)).isEqualTo(4);
        assertThat(Parallelism.defaultFor(16, 4 * GIB)).isEqualTo(2);
        assertThat(Parallelism.defaultFor(1, -1)).isEqualTo(1);
    }

    @Test
    void parallelTrialsShareTheCores() {
        assertThat(Parallelism.threadsPerTrial(0, 1, 8)).isEqualTo(0);
        assertThat(Parallelism.threadsPerTrial(7, 2, 8)).isEqualTo(4);
        assertThat(Parallelism.threadsPerTrial(1, 4, 8)).isEqualTo(1);
        assertThat(Parallelism.threadsPerTrial(1, 2, 2)).isEqualTo(1);
        assertThat(Parallelism.threadsPerTrial(0, 4, 2)).isEqualTo(1);
    }
}
