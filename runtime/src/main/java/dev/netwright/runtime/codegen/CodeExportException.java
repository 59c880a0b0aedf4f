package dev.netwright.runtime.codegen;

/** A design that cannot be exported as code, with a message that names every node in the way. */
public final class CodeExportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CodeExportException(String message) {
        super(message);
    }
}
