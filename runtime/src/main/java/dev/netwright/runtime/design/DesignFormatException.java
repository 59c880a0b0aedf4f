package dev.netwright.runtime.design;

/** A design file that cannot be read; the message names the file, the place in it and the problem. */
public class DesignFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public DesignFormatException(String message) {
        super(message);
    }

    public DesignFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
