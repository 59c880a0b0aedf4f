package dev.netwright.runtime.codegen;

/** Source code built line by line with four-space indentation; a language's writer may break long lines. */
class SourceWriter {
    private static final String INDENT = "    ";

    private final StringBuilder text = new StringBuilder();
    private int depth;

    void line(String code) {
        text.append(indentation(0)).append(code).append('\n');
    }

    void blank() {
        text.append('\n');
    }

    void indent() {
        depth++;
    }

    void dedent() {
        depth--;
    }

    String text() {
        return text.toString();
    }

    /** The indentation of the current depth plus {@code extra} levels. */
    final String indentation(int extra) {
        return INDENT.repeat(depth + extra);
    }

    /** Appends one finished line as it is. */
    final void append(String indentation, CharSequence code) {
        text.append(indentation).append(code).append('\n');
    }
}
