package dev.netwright.runtime.train;

/** Receives training events; called on the thread that produces them, so it must return quickly. */
@FunctionalInterface
public interface TrainingListener {
    void onEvent(TrainingEvent event);
}
