package dev.netwright.interop;

/** A model file that cannot be imported; the message names the file and, where it can, the layer and what to do. */
public final class ModelImportException extends Exception {
    public ModelImportException(String message) {
        super(message);
    }

    public ModelImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
