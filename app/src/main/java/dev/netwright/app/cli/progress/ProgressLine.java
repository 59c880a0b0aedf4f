package dev.netwright.app.cli.progress;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The start of the command line's progress line ({@code epoch 2/3 [#####-------------------]}, then the rest), which
 * {@code ProgressPrinter} writes and the window recognises in the output of a {@code netwright train --cluster} it
 * runs (the panel draws the same progress from the run's events). One owner for both, so that the two never drift
 * apart. In a package of its own below both: the command line opens the window, so the training panel cannot
 * depend on the command line's package without a cycle.
 */
public final class ProgressLine {
    /** How many cells the bar has. */
    public static final int CELLS = 24;
    private static final Pattern START = Pattern.compile("epoch \\d+/\\d+ \\[[#-]{" + CELLS + "}\\]");

    private ProgressLine() {
    }

    /** The line's start: the epoch of {@code epochs} and a bar with {@code filled} of its {@link #CELLS} cells done. */
    public static String start(int epoch, int epochs, int filled) {
        int done = Math.max(0, Math.min(CELLS, filled));
        return String.format(Locale.ROOT, "epoch %d/%d [%s%s]", epoch, epochs, "#".repeat(done),
                "-".repeat(CELLS - done));
    }

    /**
     * Whether {@code line} is a progress line; on a terminal each is drawn over the last, so a carriage return (and
     * any white space) around it is allowed.
     */
    public static boolean is(String line) {
        return START.matcher(line.strip()).lookingAt();
    }
}
