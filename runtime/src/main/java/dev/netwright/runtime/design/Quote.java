package dev.netwright.runtime.design;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * Quotes a value from a design file for a message: invisible characters escaped, and a long value cut after
 * {@value #MAX_CHARS} characters with its length, so a 5 MB string does not become a 5 MB message.
 */
public final class Quote {
    static final int MAX_CHARS = 60;

    private Quote() {
    }

    /** {@code 'value'}, or {@code 'first 60 characters…' (5,242,880 characters)}. */
    public static String text(String value) {
        return quoted('\'', value);
    }

    /** A JSON value as it was written, a text value in double quotes; cut the same way. */
    public static String json(JsonNode value) {
        if (value.isTextual()) {
            return quoted('"', value.textValue());
        }
        String written = value.toString();
        return written.length() <= MAX_CHARS ? written : cut(written) + "… (" + count(written.length()) + ")";
    }

    private static String quoted(char quote, String value) {
        if (value.length() <= MAX_CHARS) {
            return quote + escaped(value) + quote;
        }
        return quote + escaped(cut(value)) + "…" + quote + " (" + count(value.length()) + ")";
    }

    /** The first {@value #MAX_CHARS} characters, one fewer where that would split a surrogate pair. */
    private static String cut(String value) {
        int end = Character.isHighSurrogate(value.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return value.substring(0, end);
    }

    private static String count(int characters) {
        return String.format(Locale.ROOT, "%,d characters", characters);
    }

    /** Control and format characters and unpaired surrogates as escapes ({@code \n}, {@code \uD800}); the rest as it is. */
    public static String escaped(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pairedHigh) {
                out.append(c).append(value.charAt(++i));
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (Character.isISOControl(c) || Character.isSurrogate(c) || Character.getType(c) == Character.FORMAT) {
                out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
