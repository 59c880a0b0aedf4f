package dev.netwright.runtime.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;

/** The device line of the run-started event, which the status bar shows. */
class DevicesTest {
    @Test
    void aCpuIsNamedWithTheThreadsThatComputeNotTheCoresThereAre() {
        assertThat(Devices.cpu("Xeon", 1, 2)).isEqualTo("Xeon, 1 thread of 2 cores");
        assertThat(Devices.cpu("Xeon", 3, 4)).isEqualTo("Xeon, 3 threads of 4 cores");
        assertThat(Devices.cpu("Xeon", 1, 1)).isEqualTo("Xeon, 1 thread of 1 core");
    }

    @Test
    void theCurrentCpuReportsNd4jsOwnThreadCount() {
        int threads = Nd4j.getEnvironment().maxThreads();

        assertThat(Devices.currentDevice())
                .contains(", " + threads + (threads == 1 ? " thread" : " threads") + " of "
                        + Runtime.getRuntime().availableProcessors());
    }
}
