package dev.netwright.runtime.check;

import java.util.Locale;

/** Byte counts and large numbers in words for messages: "1.5 GiB", "587 million". */
public final class Sizes {
    private static final String[] UNITS = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Sizes() {
    }

    /** {@code 1536} gives "1.5 KiB"; below 1 KiB the exact count. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value, UNITS[unit]);
    }

    /** {@code 12_300_000} gives "12.3 million"; below ten thousand the number itself. */
    public static String count(long n) {
        if (n < 10_000) {
            return String.format(Locale.ROOT, "%,d", n);
        }
        String[] names = {"thousand", "million", "billion", "trillion", "quadrillion", "quintillion"};
        double value = n;
        int unit = -1;
        while (value >= 1000 && unit < names.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value, names[unit]);
    }
}
