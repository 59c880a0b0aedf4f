package dev.netwright.runtime.codegen;

/**
 * One token of Python source: its type, its text (a string's value without quotes) and where it starts.
 *
 * @param lineStart whether it is the first token of a logical line (its column is then the line's indentation)
 */
record PythonToken(Type type, String text, int line, int column, boolean lineStart) {
    enum Type { NAME, NUMBER, STRING, OP, NEWLINE, END }

    boolean is(String op) {
        return (type == Type.OP || type == Type.NAME) && text.equals(op);
    }

    /** The token as a message shows it, e.g. {@code ','}, {@code the end of the line}. */
    String shown() {
        return switch (type) {
            case NEWLINE -> "the end of the line";
            case END -> "the end of the code";
            case STRING -> "the string " + Quote.python(text);
            default -> "'" + text + "'";
        };
    }

    /** Python-like quoting for messages. */
    static final class Quote {
        private Quote() {
        }

        static String python(String text) {
            String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
            return "'" + shown.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
        }
    }
}
