package dev.netwright.runtime.design;

import java.nio.file.AccessDeniedException;
import java.nio.file.Path;

/** A write refused because the file or its folder is read-only; the message names the file and says which. */
public final class ReadOnlyFileException extends AccessDeniedException {
    private static final long serialVersionUID = 1L;

    /** @param message the whole message, naming the file, e.g. "m.netwright.json is read-only" */
    public ReadOnlyFileException(Path file, String message) {
        super(file.toString(), null, message);
    }

    /** The message alone: {@link AccessDeniedException} would put the file name in front a second time. */
    @Override
    public String getMessage() {
        return getReason();
    }
}
