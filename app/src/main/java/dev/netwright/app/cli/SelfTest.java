package dev.netwright.app.cli;

import dev.netwright.runtime.data.DataSources;
import dev.netwright.runtime.train.Backend;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.worker.WorkerClient;
import dev.netwright.runtime.train.worker.WorkerHandle;
import dev.netwright.samples.Samples;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Checks an installation without a display: a worker process trains the seed CNN for one short epoch on
 * the bundled data; prints the backend, the device, the throughput and PASS or FAIL. The run folder is a
 * temporary folder, deleted afterwards.
 */
public final class SelfTest {
    /** Training examples and validation examples the self-test uses: a few steps, a few seconds. */
    static final int TRAIN_EXAMPLES = 512;
    static final int VALIDATION_EXAMPLES = 128;

    private final WorkerClient workers;
    private final Duration timeout;

    public SelfTest(WorkerClient workers, Duration timeout) {
        this.workers = Objects.requireNonNull(workers, "workers");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Runs the test, reports on {@code out}, and returns the exit code: 0 passed, 1 failed. */
    public int run(Backend backend, PrintWriter out) {
        out.println("Netwright self-test: the seed CNN, 1 epoch on " + TRAIN_EXAMPLES + " bundled Fashion-MNIST images, in a worker process");
        out.println("Java: " + System.getProperty("java.home"));
        Path runDir = null;
        try {
            runDir = Files.createTempDirectory("netwright-self-test-");
            return train(backend, runDir, out);
        } catch (IOException e) {
            return fail(out, "cannot start the training worker: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(out, "interrupted");
        } catch (RuntimeException e) {
            return fail(out, e.toString());
        } finally {
            if (runDir != null) {
                deleteTree(runDir);
            }
        }
    }

    private int train(Backend backend, Path runDir, PrintWriter out) throws IOException, InterruptedException {
        RunRequest request = RunRequest.of(Samples.load("cnn"), DataSources.SAMPLE).withEpochs(1).withBatchSize(64)
                .withLimits(TRAIN_EXAMPLES, VALIDATION_EXAMPLES).withBackend(backend);
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        WorkerHandle worker = workers.start(request, runDir, events::add);
        out.println("Backend: " + worker.backend().message());
        out.flush();
        // Ctrl+C ends the worker too, and the temporary run folder goes with it.
        Thread killOnExit = new Thread(() -> {
            worker.kill();
            try {
                worker.end().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                // deleted as far as possible below
            }
            deleteTree(runDir);
        }, "self-test-kill-worker");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        TrainingEvent end;
        try {
            end = worker.awaitEnd(timeout);
        } catch (TimeoutException e) {
            worker.kill();
            return fail(out, "the worker did not finish within " + timeout.toSeconds() + " s");
        } finally {
            removeHook(killOnExit);
        }
        TrainingEvent.RunStarted started = events.stream().filter(TrainingEvent.RunStarted.class::isInstance)
                .map(TrainingEvent.RunStarted.class::cast).findFirst().orElse(null);
        if (started != null) {
            out.println("Device: " + started.device() + " (" + started.backend() + ")");
        }
        if (end instanceof TrainingEvent.Failed failed) {
            out.println(failed.reason());
            failed.logTail().forEach(line -> out.println("  | " + line));
            return fail(out, "the worker reported a failure");
        }
        if (!(end instanceof TrainingEvent.Finished)) {
            return fail(out, "the run ended with " + end);
        }
        if (worker.backend().backend() == Backend.GPU && started != null && !"CUDA".equals(started.backend())) {
            // ND4J quietly takes the CPU backend when CUDA does not load (a driver too old for CUDA 11.6, say).
            return fail(out, "the GPU was chosen but the worker trained on the " + started.backend()
                    + ": ND4J could not use CUDA here (is the NVIDIA driver new enough for CUDA 11.6?)");
        }
        List<TrainingEvent.Iteration> steps = events.stream().filter(TrainingEvent.Iteration.class::isInstance)
                .map(TrainingEvent.Iteration.class::cast).toList();
        if (steps.isEmpty()) {
            return fail(out, "the worker finished without training a single step");
        }
        TrainingEvent.Iteration last = steps.get(steps.size() - 1);
        if (!Double.isFinite(last.loss())) {
            return fail(out, "the loss is " + last.loss());
        }
        out.println(String.format(Locale.ROOT, "Trained %d steps: %.0f samples/s, loss %.3f", steps.size(),
                last.samplesPerSecond(), last.loss()));
        events.stream().filter(TrainingEvent.EpochEnd.class::isInstance).map(TrainingEvent.EpochEnd.class::cast)
                .findFirst().ifPresent(epoch -> out.println(String.format(Locale.ROOT,
                        "Validation accuracy: %.1f %% on %d images", 100 * epoch.validationAccuracy(), VALIDATION_EXAMPLES)));
        out.println("PASS");
        return ExitCodes.OK;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs
        }
    }

    private static int fail(PrintWriter out, String why) {
        out.println("FAIL: " + why);
        return ExitCodes.RUN_FAILED;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // A leftover temporary folder is not worth failing the test over; the system cleans /tmp.
        }
    }
}
