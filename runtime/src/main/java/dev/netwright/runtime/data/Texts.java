package dev.netwright.runtime.data;

import java.io.IOException;
import java.util.Locale;

/** Numbers and reasons in words for descriptions and messages, the same on every locale. */
final class Texts {

    private Texts() {
    }

    /** 5000 -> "5,000". */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The reason an I/O exception gives, or {@code otherwise} for one that gives none (an early end of file). */
    static String reason(IOException e, String otherwise) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? otherwise : message;
    }

    /** 1 -> "1 class", 3 -> "3 classes". */
    static String count(long n, String one, String many) {
        return count(n) + " " + (n == 1 ? one : many);
    }

    /** A memory size in binary units, as every message of Netwright writes it: "9.3 GiB", "390.6 KiB". */
    static String bytes(long n) {
        return dev.netwright.runtime.check.Sizes.bytes(n);
    }
}
