package dev.netwright.app.training;

import dev.netwright.runtime.train.BackendChooser;

/**
 * A run's training process as the window sees it: commands go in, events come out through the listener it was
 * started with, ending with exactly one terminal event (a {@code failed} one when the process exits without
 * saying how the run ended). {@link ProcessWorker} is the real one; tests drive {@link TrainingModel} with a fake.
 */
public interface Worker {
    /** Which backend the run was given, and why (for the status bar). */
    BackendChooser.Choice backend();

    /**
     * Where the run trains when that is not this machine (a run on a cluster: "Training on spark://… (data-parallel)"),
     * for the status bar; empty for a worker process here.
     */
    default String where() {
        return "";
    }

    long pid();

    /** False once the process has exited. */
    boolean isAlive();

    /**
     * Whether {@link #pause()} can hold this run where it is. A run on a cluster cannot: the Pause command is
     * disabled for it rather than pressed in vain.
     */
    default boolean canPause() {
        return true;
    }

    void pause();

    void resume();

    /** Asks the run to stop at the next minibatch and save the model. */
    void stop();

    /** Ends the process at once, without saving. */
    void kill();
}
