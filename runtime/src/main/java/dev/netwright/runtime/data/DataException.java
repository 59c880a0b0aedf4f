package dev.netwright.runtime.data;

/** A data set that cannot be used; the message names the file (and row, column or byte where it applies) and what is wrong. */
public class DataException extends Exception {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
