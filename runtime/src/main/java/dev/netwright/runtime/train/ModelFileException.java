package dev.netwright.runtime.train;

/** A model file that cannot be loaded; the message names the file and what is wrong with it, for the user. */
public class ModelFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }
}
