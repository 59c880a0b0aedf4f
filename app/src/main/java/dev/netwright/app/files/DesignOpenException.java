package dev.netwright.app.files;

import java.nio.file.Path;
import java.util.Objects;

/** A design file that could not be opened; the message names the file and is fit to show the user. */
public final class DesignOpenException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the file could not be opened, so the UI can word or offer things differently (e.g. drop a recent entry). */
    public enum Problem {
        /** Nothing at that path. */
        MISSING,
        /** The path exists but cannot be read: a folder, no permission, an I/O error. */
        UNREADABLE,
        /** The file was read but is not a valid design; the message is the format error's, naming file and field. */
        INVALID
    }

    private final transient Path file;
    private final Problem problem;

    DesignOpenException(Path file, Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.file = Objects.requireNonNull(file, "file");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public Path file() {
        return file;
    }

    public Problem problem() {
        return problem;
    }
}
