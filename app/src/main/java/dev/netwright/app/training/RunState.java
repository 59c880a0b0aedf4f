package dev.netwright.app.training;

/** Where the training panel stands. Only IDLE lets the user edit the design and start a run. */
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
}
