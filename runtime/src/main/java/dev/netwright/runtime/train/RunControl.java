package dev.netwright.runtime.train;

/**
 * Commands to a running session from another thread (the worker's stdin reader): pause, resume, stop
 * and "checkpoint now". The session looks at them between minibatches.
 */
public final class RunControl {
    private boolean paused;
    private boolean stopRequested;
    private boolean checkpointRequested;

    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    /** Stops at the next minibatch, also out of a pause. */
    public synchronized void stop() {
        stopRequested = true;
        notifyAll();
    }

    public synchronized void requestCheckpoint() {
        checkpointRequested = true;
    }

    public synchronized boolean isStopRequested() {
        return stopRequested;
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    /** Whether a checkpoint was asked for since the last call; clears the request. */
    public synchronized boolean takeCheckpointRequest() {
        boolean requested = checkpointRequested;
        checkpointRequested = false;
        return requested;
    }

    /** Blocks while paused; returns at once when resumed or stopped. */
    public synchronized void awaitUnpaused() throws InterruptedException {
        while (paused && !stopRequested) {
            wait();
        }
    }
}
