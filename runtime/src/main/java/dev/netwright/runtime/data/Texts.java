package dev.netwright.runtime.data;

import java.util.Locale;

/** Number formatting for descriptions and messages, the same on every locale. */
final class Texts {

    private Texts() {
    }

    /** 5000 -> "5,000". */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
