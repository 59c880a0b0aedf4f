package dev.netwright.app.cli;

/** What the command line's exit codes mean. */
public final class ExitCodes {
    /** Done: checked clean, trained to the end, or stopped by the user. */
    public static final int OK = 0;
    /** The run failed (NaN loss, data problem found by the worker, crashed worker). */
    public static final int RUN_FAILED = 1;
    /** Wrong usage, or a file that cannot be read. */
    public static final int BAD_INPUT = 2;
    /** The design has errors. */
    public static final int DESIGN_ERRORS = 3;
    /** A second Ctrl+C ended the run at once, without saving its model (128 + SIGINT, as shells report it). */
    public static final int QUIT = 130;

    private ExitCodes() {
    }
}
