package dev.netwright.runtime.train;

/** A run that cannot start or go on, with a message for the user that says what to do. */
public class RunFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public RunFailure(String message) {
        super(message);
    }
}
