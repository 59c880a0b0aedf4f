package dev.netwright.app.training;

/**
 * Where the training panel stands, and the one place that says what the user may do in each state: the Run menu,
 * the toolbar, the Training panel's buttons and the training model all ask it. Only IDLE lets the user edit the
 * design and start a run.
 */
public enum RunState {
    IDLE("Idle"), STARTING("Starting…"), RUNNING("Training"), PAUSED("Paused"), STOPPING("Stopping…");

    private final String label;

    RunState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isActive() {
        return this != IDLE;
    }

    /** Train: only when no run is under way. */
    public boolean canStart() {
        return this == IDLE;
    }

    /** Pause: a run that is training (not one still starting, paused already or stopping). */
    public boolean canPause() {
        return this == RUNNING;
    }

    /** Resume: a paused run. */
    public boolean canResume() {
        return this == PAUSED;
    }

    /** Stop: a run that is starting, training or paused; one that is stopping already is not asked twice. */
    public boolean canStop() {
        return this == STARTING || this == RUNNING || this == PAUSED;
    }
}
