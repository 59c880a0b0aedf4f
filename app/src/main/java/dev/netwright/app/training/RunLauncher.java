package dev.netwright.app.training;

import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingListener;
import dev.netwright.runtime.train.worker.WorkerClient;

import java.io.IOException;
import java.nio.file.Path;

/** Starts a worker for a run; the app uses a worker process of {@link WorkerClient#forThisJvm()}. */
@FunctionalInterface
public interface RunLauncher {
    /** Starts the run in {@code runDir}; its events go to {@code listener}, on the worker's reader thread. */
    Worker start(RunRequest request, Path runDir, TrainingListener listener) throws IOException;

    static RunLauncher worker() {
        return (request, runDir, listener) -> new ProcessWorker(WorkerClient.forThisJvm().start(request, runDir, listener));
    }
}
