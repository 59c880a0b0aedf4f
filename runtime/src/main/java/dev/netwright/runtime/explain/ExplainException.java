package dev.netwright.runtime.explain;

/** A model or input that cannot be explained as asked; the message says what is wrong and what would work. */
public class ExplainException extends Exception {
    private static final long serialVersionUID = 1L;

    public ExplainException(String message) {
        super(message);
    }
}
