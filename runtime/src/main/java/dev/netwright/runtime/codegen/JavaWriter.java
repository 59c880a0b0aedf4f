package dev.netwright.runtime.codegen;

/**
 * Java source built line by line with four-space indentation. A long line of a builder chain (one that starts with a
 * call, {@code .addLayer(…)}) continues on further lines, each starting with one of its calls.
 */
final class JavaWriter extends SourceWriter {
    private static final int WIDTH = 120;

    @Override
    void line(String code) {
        String indent = indentation(0);
        String rest = code;
        while (code.startsWith(".") && indent.length() + rest.length() > WIDTH) {
            int cut = lastCallBreak(rest, WIDTH - indent.length());
            if (cut <= 0) {
                break;
            }
            append(indent, rest.substring(0, cut));
            rest = rest.substring(cut);
            indent = indentation(2);
        }
        append(indent, rest);
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
}
