package dev.netwright.runtime.codegen;

/**
 * Python code that does not read as a Keras model Netwright can build, with where: the message is
 * {@code FILE:LINE:COLUMN: what was found, what was expected}. Lines and columns count from 1.
 */
public final class CodeImportException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final int line;
    private final int column;
    private final String problem;

    public CodeImportException(String fileName, int line, int column, String problem) {
        super(fileName + ":" + line + ":" + column + ": " + problem);
        this.fileName = fileName;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** The name the code was read under, e.g. {@code model.py} or {@code pasted code}. */
    public String fileName() {
        return fileName;
    }

    /** The line of the construct in the way, from 1. */
    public int line() {
        return line;
    }

    /** The column of the construct in the way, from 1. */
    public int column() {
        return column;
    }

    /** The message without the file and place: what was found and what was expected. */
    public String problem() {
        return problem;
    }
}
