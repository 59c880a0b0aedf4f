package dev.netwright.app.data;

import dev.netwright.runtime.data.Examples;

/** The pixels of one example of image data (floats 0..255, channels last) as ARGB, for previews and galleries. */
public final class ExamplePixels {
    private ExamplePixels() {
    }

    /** One, three or more channels: gray, RGB, or (for other counts) the first channel as gray. Row-major, width × height. */
    public static int[] argb(Examples examples, int index) {
        int pixels = examples.height() * examples.width();
        int channels = examples.channels();
        float[] f = examples.features();
        int base = index * examples.exampleLength();
        int[] out = new int[pixels];
        for (int p = 0; p < pixels; p++) {
            int at = base + p * channels;
            int r = byteOf(f[at]);
            int g = channels >= 3 ? byteOf(f[at + 1]) : r;
            int b = channels >= 3 ? byteOf(f[at + 2]) : r;
            out[p] = 0xFF000000 | r << 16 | g << 8 | b;
        }
        return out;
    }

    private static int byteOf(float value) {
        return Math.max(0, Math.min(255, Math.round(value)));
    }
}
