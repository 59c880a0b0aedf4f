package dev.netwright.app.training;

import dev.netwright.runtime.train.BackendChooser;
import dev.netwright.runtime.train.worker.WorkerHandle;

import java.util.Objects;

/** The real {@link Worker}: a worker process started by {@code WorkerClient}, through its {@link WorkerHandle}. */
public final class ProcessWorker implements Worker {
    private final WorkerHandle handle;

    public ProcessWorker(WorkerHandle handle) {
        this.handle = Objects.requireNonNull(handle, "handle");
    }

    @Override
    public BackendChooser.Choice backend() {
        return handle.backend();
    }

    @Override
    public long pid() {
        return handle.pid();
    }

    @Override
    public boolean isAlive() {
        return handle.isAlive();
    }

    @Override
    public void pause() {
        handle.pause();
    }

    @Override
    public void resume() {
        handle.resume();
    }

    @Override
    public void stop() {
        handle.stop();
    }

    @Override
    public void kill() {
        handle.kill();
    }
}
