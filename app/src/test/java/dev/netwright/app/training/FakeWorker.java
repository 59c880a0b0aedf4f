package dev.netwright.app.training;

import dev.netwright.runtime.train.Backend;
import dev.netwright.runtime.train.BackendChooser;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingListener;

import java.util.ArrayList;
import java.util.List;

/** A {@link Worker} without a process: records the commands it gets; the test sends its events. */
public final class FakeWorker implements Worker {
    public static final String BACKEND = "CPU (the fake's)";

    public final List<String> commands = new ArrayList<>();
    private final TrainingListener listener;
    boolean alive = true;
    /** False for a fake of a run that cannot pause (one on a cluster). */
    boolean pausable = true;

    public FakeWorker(TrainingListener listener) {
        this.listener = listener;
    }

    /** What the worker's reader thread does with each line of its output. */
    public void emit(TrainingEvent event) {
        listener.onEvent(event);
    }

    /** The process exits after its last event. */
    public void exit(TrainingEvent last) {
        alive = false;
        emit(last);
    }

    @Override
    public BackendChooser.Choice backend() {
        return new BackendChooser.Choice(Backend.CPU, BACKEND);
    }

    @Override
    public long pid() {
        return 4242;
    }

    @Override
    public boolean isAlive() {
        return alive;
    }

    @Override
    public boolean canPause() {
        return pausable;
    }

    @Override
    public void pause() {
        commands.add("pause");
    }

    @Override
    public void resume() {
        commands.add("resume");
    }

    @Override
    public void stop() {
        commands.add("stop");
    }

    @Override
    public void kill() {
        commands.add("kill");
        alive = false;
    }
}
