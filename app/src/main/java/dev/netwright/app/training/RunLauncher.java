package dev.netwright.app.training;

import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingListener;
import dev.netwright.runtime.train.worker.WorkerClient;
import dev.netwright.runtime.train.worker.WorkerHandle;

import java.io.IOException;
import java.nio.file.Path;

/** Starts a worker process for a run; the app uses {@link WorkerClient#forThisJvm()}. */
@FunctionalInterface
public interface RunLauncher {
    WorkerHandle start(RunRequest request, Path runDir, TrainingListener listener) throws IOException;

    static RunLauncher worker() {
        return (request, runDir, listener) -> WorkerClient.forThisJvm().start(request, runDir, listener);
    }
}
