package dev.netwright.runtime.train.worker;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.train.BackendChooser;
import dev.netwright.runtime.train.GpuProbe;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;
import dev.netwright.runtime.train.TrainingListener;
import dev.netwright.runtime.train.RunFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The worker as a real child JVM: events on stdout, commands on stdin, and a death the caller survives. */
class WorkerProcessTest {
    @TempDir
    static Path shared;
    static String data;

    @TempDir
    Path runDir;

    private final WorkerClient client = new WorkerClient(Path.of(System.getProperty("java.home"), "bin", "java"),
            System.getProperty("java.class.path"), WorkerClient.DEFAULT_JVM_OPTIONS,
            new BackendChooser(List::of, false));

    @BeforeAll
    static void writeData() throws Exception {
        data = "idx:" + dev.netwright.runtime.train.SyntheticIdx.write(shared.resolve("idx"), 600, 60);
    }

    static RunRequest request(int epochs) {
        return RunRequest.of(TestDesigns.start().image(8, 8, 1).then("flat", "Flatten").then("dense", "Dense", "units", 32)
                .then("output", "Output", "units", 3).build(), data).withBatchSize(8).withEpochs(epochs);
    }

    @Test
    void workerTrainsAndReportsEveryEventOnItsStdout() throws Exception {
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        WorkerHandle worker = client.start(request(1), runDir, events::add);
        TrainingEvent end = worker.awaitEnd(Duration.ofSeconds(90));

        assertThat(end).isInstanceOf(TrainingEvent.Finished.class);
        List<TrainingEvent> progress = events.stream().filter(e -> !(e instanceof TrainingEvent.Notice)).toList();
        assertThat(events).first().isInstanceOf(TrainingEvent.Notice.class); // reading the data, building the network
        assertThat(progress.get(0)).isInstanceOf(TrainingEvent.RunStarted.class);
        assertThat(((TrainingEvent.RunStarted) progress.get(0)).backend()).isEqualTo("CPU");
        assertThat(events).filteredOn(e -> e instanceof TrainingEvent.Iteration)
                .hasSize(68); // ceil(540 / 8): 60 of the 600 training images are held out for validation
        RunFolder folder = new RunFolder(runDir);
        assertThat(folder.model()).isRegularFile();
        assertThat(folder.log()).isRegularFile();
        List<String> lines = Files.readAllLines(folder.events());
        assertThat(lines).hasSize(events.size());
        assertThat(TrainingEvents.fromJsonLine(lines.get(lines.size() - 1))).isEqualTo(end);
    }

    /** Stop is checked between minibatches: the run ends as stopped, long before its 50 epochs, with its model saved. */
    @Test
    void stopOnStdinEndsTheRunAsStoppedAndSavesItsModel() throws Exception {
        AtomicBoolean stopSent = new AtomicBoolean();
        WorkerHandle[] worker = new WorkerHandle[1];
        TrainingListener listener = e -> {
            if (e instanceof TrainingEvent.Iteration it && it.iteration() == 5 && stopSent.compareAndSet(false, true)) {
                worker[0].stop();
            }
        };
        worker[0] = client.start(request(50), runDir, listener);
        TrainingEvent end = worker[0].awaitEnd(Duration.ofMinutes(5));

        assertThat(stopSent).isTrue();
        assertThat(end).isInstanceOfSatisfying(TrainingEvent.Stopped.class, stopped -> {
            assertThat(stopped.iteration()).as("not before the stop was sent").isGreaterThanOrEqualTo(5);
            assertThat(stopped.epoch()).as("the run did not go on to its end").isLessThan(50);
        });
        RunFolder folder = new RunFolder(runDir);
        assertThat(folder.model()).isRegularFile();
        List<String> lines = Files.readAllLines(folder.events());
        assertThat(TrainingEvents.fromJsonLine(lines.get(lines.size() - 1))).isEqualTo(end);
    }

    @Test
    void aKilledWorkerBecomesAFailedEventAndTheCallerGoesOn() throws Exception {
        WorkerHandle[] worker = new WorkerHandle[1];
        TrainingListener listener = e -> {
            if (e instanceof TrainingEvent.Iteration it && it.iteration() == 3) {
                ProcessHandle.of(worker[0].pid()).ifPresent(ProcessHandle::destroyForcibly); // kill -9 from outside
            }
        };
        worker[0] = client.start(request(50), runDir, listener);
        TrainingEvent end = worker[0].awaitEnd(Duration.ofSeconds(90));

        assertThat(end).isInstanceOf(TrainingEvent.Failed.class);
        TrainingEvent.Failed failed = (TrainingEvent.Failed) end;
        assertThat(failed.exitCode()).isEqualTo(137);
        assertThat(failed.reason()).contains("ended unexpectedly").contains("killed").contains("design is unchanged");
        assertThat(worker[0].isAlive()).isFalse();
    }

    @Test
    void aWorkerEndedOnRequestIsNotCalledUnexpected() throws Exception {
        WorkerHandle[] worker = new WorkerHandle[1];
        TrainingListener listener = e -> {
            if (e instanceof TrainingEvent.Iteration it && it.iteration() == 3) {
                worker[0].kill();
            }
        };
        worker[0] = client.start(request(50), runDir, listener);
        TrainingEvent end = worker[0].awaitEnd(Duration.ofSeconds(90));

        assertThat(end).isInstanceOfSatisfying(TrainingEvent.Failed.class, f -> assertThat(f.reason())
                .contains("ended at once, as asked").contains("not saved").doesNotContain("unexpectedly"));
    }

    @Test
    void anUnreadableRunFileFailsWithAMessageNotACrash() throws Exception {
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        WorkerHandle worker = client.start(request(1), runDir, events::add);
        worker.awaitEnd(Duration.ofSeconds(90));
        Files.writeString(runDir.resolve("run.json"), "{ \"formatVersion\" : 1, ");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName(), runDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).isEqualTo(WorkerMain.EXIT_CANNOT_START);
        TrainingEvent event = TrainingEvents.fromJsonLine(out.strip());
        assertThat(((TrainingEvent.Failed) event).reason()).contains("Cannot read the run file").contains("run.json");
    }

    @Test
    void backendChoiceFallsBackToTheCpuForAnUnsupportedCard() {
        BackendChooser hopper = new BackendChooser(() -> List.of(new GpuProbe.Gpu("NVIDIA H200", 9.0, 143771)), true);
        BackendChooser.Choice choice = hopper.choose(dev.netwright.runtime.train.Backend.AUTO);
        assertThat(choice.backend()).isEqualTo(dev.netwright.runtime.train.Backend.CPU);
        assertThat(choice.message()).contains("NVIDIA H200").contains("9.0").contains("3.7–8.9");
        assertThat(choice.environment()).containsEntry("BACKEND_PRIORITY_CPU", "100").containsEntry("BACKEND_PRIORITY_GPU", "0");

        BackendChooser ampere = new BackendChooser(() -> List.of(new GpuProbe.Gpu("NVIDIA A100", 8.0, 40960)), true);
        assertThat(ampere.choose(dev.netwright.runtime.train.Backend.AUTO).backend()).isEqualTo(dev.netwright.runtime.train.Backend.GPU);
        assertThat(new BackendChooser(List::of, true).choose(dev.netwright.runtime.train.Backend.GPU).message())
                .contains("no NVIDIA GPU");
        assertThat(new BackendChooser(List::of, false).choose(dev.netwright.runtime.train.Backend.GPU).message())
                .contains("CPU build");
        assertThat(GpuProbe.parse("NVIDIA H200, 9.0, 143771\nTesla K80, 3.7, 11441\nbroken, [N/A], 1\n"))
                .extracting(GpuProbe.Gpu::computeCapability).containsExactly(9.0, 3.7);
    }
}
