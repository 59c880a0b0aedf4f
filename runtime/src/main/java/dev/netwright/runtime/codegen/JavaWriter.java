package dev.netwright.runtime.codegen;

/** Java source built line by line with four-space indentation. */
final class JavaWriter {
    private final StringBuilder text = new StringBuilder();
    private int depth;

    void line(String code) {
        text.append("    ".repeat(depth)).append(code).append('\n');
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
}
