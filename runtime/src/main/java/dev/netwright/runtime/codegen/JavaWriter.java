package dev.netwright.runtime.codegen;

/**
 * Java source built line by line with four-space indentation. A long line of a builder chain (one that starts with a
 * call, {@code .addLayer(…)}) continues on further lines, each starting with one of its calls.
 */
final class JavaWriter {
    private static final int WIDTH = 120;

    private final StringBuilder text = new StringBuilder();
    private int depth;

    void line(String code) {
        String indent = "    ".repeat(depth);
        String rest = code;
        while (code.startsWith(".") && indent.length() + rest.length() > WIDTH) {
            int cut = lastCallBreak(rest, WIDTH - indent.length());
            if (cut <= 0) {
                break;
            }
            text.append(indent).append(rest, 0, cut).append('\n');
            rest = rest.substring(cut);
            indent = "    ".repeat(depth + 2);
        }
        text.append(indent).append(rest).append('\n');
    }

    /** The last place within {@code width} where a call follows a closing parenthesis, outside string literals. */
    private static int lastCallBreak(String code, int width) {
        int cut = -1;
        boolean inString = false;
        for (int i = 1; i < code.length() && (i <= width || cut <= 0); i++) {
            char c = code.charAt(i - 1);
            if (c == '\\' && inString) {
                i++;
            } else if (c == '"') {
                inString = !inString;
            } else if (!inString && c == ')' && code.charAt(i) == '.') {
                cut = i;
            }
        }
        return cut;
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
