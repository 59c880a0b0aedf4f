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

    /** A memory size in binary units with one decimal: 10_000_000_000 -> "9.3 GB", 400_000 -> "390.6 KB". */
    static String bytes(long n) {
        if (n >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", n / (double) (1L << 30));
        }
        if (n >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MB", n / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
    }
}
