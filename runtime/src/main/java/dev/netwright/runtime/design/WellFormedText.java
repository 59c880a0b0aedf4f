package dev.netwright.runtime.design;

/**
 * Unpaired UTF-16 surrogates: half of a character pair, which a Java string can hold but UTF-8 cannot, so a design
 * saved with one would not read back as it was. Ids must be well-formed; free text has each half replaced by U+FFFD.
 */
public final class WellFormedText {
    static final char REPLACEMENT = '\uFFFD';

    private WellFormedText() {
    }

    /** The index of the first unpaired surrogate, or -1 when the text is well-formed. */
    public static int firstUnpaired(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** The text with every unpaired surrogate replaced by U+FFFD; the text itself when it is well-formed. */
    public static String repaired(String text) {
        int first = firstUnpaired(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text);
        for (int i = first; i < out.length(); i++) {
            char c = out.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < out.length() && Character.isLowSurrogate(out.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                out.setCharAt(i, REPLACEMENT);
            }
        }
        return out.toString();
    }

    /** Why text with an unpaired surrogate at {@code index} is refused, in words: "character 4 is half of a pair ...". */
    public static String problem(int index) {
        return "character " + (index + 1) + " is half of a pair (an unpaired surrogate)";
    }
}
