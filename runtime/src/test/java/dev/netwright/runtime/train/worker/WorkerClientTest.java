package dev.netwright.runtime.train.worker;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.layers.LstmEngine;
import dev.netwright.runtime.train.Backend;
import dev.netwright.runtime.train.BackendChooser;
import dev.netwright.runtime.train.EngineChoices;
import dev.netwright.runtime.train.NativeTuning;
import dev.netwright.runtime.train.RunRequest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How a worker is started: its command line and environment, without starting one. */
class WorkerClientTest {
    private static final BackendChooser.Choice CPU = new BackendChooser.Choice(Backend.CPU, "CPU");
    private static final BackendChooser.Choice GPU = new BackendChooser.Choice(Backend.GPU, "GPU");
    private static final NativeTuning ONE_THREAD = new NativeTuning(true, 1);

    private final WorkerClient client = new WorkerClient(Path.of("/usr/bin/java"), "cp.jar",
            List.of("-Xmx1g", "-Dorg.eclipse.deeplearning4j.helpers.disable=true"), new BackendChooser(List::of, false));

    @Test
    void theNativeSettingsComeBeforeTheClientsOwnOptionsSoThoseWin() {
        List<String> command = client.command(Path.of("run"), ONE_THREAD);

        assertThat(command).containsSubsequence("/usr/bin/java", "-Dorg.eclipse.deeplearning4j.helpers.disable=false",
                "-Xmx1g", "-Dorg.eclipse.deeplearning4j.helpers.disable=true", WorkerMain.class.getName());
    }

    @Test
    void aCpuWorkerGetsTheRunsEngineChoices() {
        RunRequest request = RunRequest.of(TestDesigns.start().image(8, 8, 1).then("flat", "Flatten").output(), "data")
                .withEngine(new EngineChoices(LstmEngine.DL4J, false, 3));

        assertThat(WorkerClient.cpuTuning(CPU, request)).isEqualTo(new NativeTuning(false, 3));
        assertThat(WorkerClient.cpuTuning(GPU, request)).isNull();
    }

    @Test
    void aGpuWorkerGetsNoCpuSettings() {
        Map<String, String> environment = new HashMap<>();
        WorkerClient.applyEnvironment(environment, GPU, null);

        assertThat(client.command(Path.of("run"), null)).doesNotContain("-Dorg.eclipse.deeplearning4j.helpers.disable=false");
        assertThat(environment).doesNotContainKey("OMP_NUM_THREADS").containsEntry("BACKEND_PRIORITY_GPU", "100");
    }

    @Test
    void theDesignsThreadCountGoesIntoTheEnvironment() {
        Map<String, String> environment = new HashMap<>();
        WorkerClient.applyEnvironment(environment, CPU, ONE_THREAD);

        assertThat(environment).containsEntry("OMP_NUM_THREADS", "1").containsEntry("BACKEND_PRIORITY_CPU", "100");
    }

    @Test
    void aThreadCountTheUserSetIsKept() {
        Map<String, String> environment = new HashMap<>(Map.of("OMP_NUM_THREADS", "4"));
        WorkerClient.applyEnvironment(environment, CPU, ONE_THREAD);

        assertThat(environment).containsEntry("OMP_NUM_THREADS", "4");
    }
}
