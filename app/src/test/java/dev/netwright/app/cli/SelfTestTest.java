package dev.netwright.app.cli;

import dev.netwright.runtime.train.Backend;
import dev.netwright.runtime.train.BackendChooser;
import dev.netwright.runtime.train.GpuProbe;
import dev.netwright.runtime.train.worker.WorkerClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The installation check: a real worker trains a few steps and says PASS; a worker that cannot run says FAIL. */
class SelfTestTest {
    private final StringWriter out = new StringWriter();

    @Test
    void aWorkerTrainsTheSeedCnnBrieflyAndTheTestPassesLeavingNoRunFolder() throws IOException {
        List<Path> before = selfTestFolders();
        PrintWriter writer = new PrintWriter(out, true);
        int code = NetwrightCommand.commandLine().setOut(writer).execute("--self-test");

        assertThat(code).as(out.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Backend: CPU").contains("Device: ").contains(" samples/s")
                .endsWith("PASS" + System.lineSeparator());
        assertThat(selfTestFolders()).isEqualTo(before);
    }

    @Test
    void aWorkerThatCannotStartFailsWithExitOneAndSaysWhy() {
        WorkerClient broken = new WorkerClient(Path.of("/nonexistent/bin/java"), System.getProperty("java.class.path"),
                List.of(), new BackendChooser(noGpu(), false));
        int code = new SelfTest(broken, Duration.ofMinutes(1)).run(Backend.AUTO, new PrintWriter(out, true));

        assertThat(code).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(out.toString()).contains("FAIL: cannot start the training worker: ").contains("/nonexistent/bin/java");
    }

    @Test
    void aWorkerThatDiesAtOnceFailsWithItsExitCode() {
        WorkerClient dying = new WorkerClient(Path.of(System.getProperty("java.home"), "bin", "java"), "/nonexistent.jar",
                List.of(), new BackendChooser(noGpu(), false));
        int code = new SelfTest(dying, Duration.ofMinutes(1)).run(Backend.AUTO, new PrintWriter(out, true));

        assertThat(code).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(out.toString()).contains("The training process ended unexpectedly: exit code 1")
                .contains("ClassNotFoundException").contains("FAIL: the worker reported a failure");
    }

    @Test
    void aGpuChosenButNotUsedByTheWorkerFails() {
        // A supported card is reported, but this class path has only the CPU backend, so ND4J trains on the CPU.
        GpuProbe supportedCard = () -> List.of(new GpuProbe.Gpu("NVIDIA GeForce RTX 3090", 8.6, 24576));
        WorkerClient client = new WorkerClient(Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"), WorkerClient.DEFAULT_JVM_OPTIONS, new BackendChooser(supportedCard, true));
        int code = new SelfTest(client, Duration.ofMinutes(3)).run(Backend.AUTO, new PrintWriter(out, true));

        assertThat(code).as(out.toString()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(out.toString()).contains("Backend: GPU: NVIDIA GeForce RTX 3090")
                .contains("FAIL: the GPU was chosen but the worker trained on the CPU");
    }

    private static GpuProbe noGpu() {
        return List::of;
    }

    private static List<Path> selfTestFolders() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("netwright-self-test-")).sorted().toList();
        }
    }
}
