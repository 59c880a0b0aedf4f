package dev.netwright.runtime.explain;

/**
 * Where each value of an input lies on the picture of it: an image [C,H,W] is H×W pixels of C channels; a row of N
 * features is 1×N "pixels"; a sequence [F,T] is T rows of F features (an image read row by row). Explanations are drawn
 * and scored per pixel: a pixel's attribution is the sum over its channels, and removing a pixel removes all of them.
 *
 * @param height   rows of pixels
 * @param width    pixels per row
 * @param channels values per pixel
 * @param sequence true for [F,T] sequences (the value of pixel (t,f) is at f·T + t)
 */
public record InputLayout(int height, int width, int channels, boolean sequence) {

    /** The layout of an input of {@code exampleShape} (DL4J's layout, without the batch dimension). */
    public static InputLayout of(long[] exampleShape) {
        return switch (exampleShape.length) {
            case 1 -> new InputLayout(1, (int) exampleShape[0], 1, false);
            case 2 -> new InputLayout((int) exampleShape[1], (int) exampleShape[0], 1, true);
            case 3 -> new InputLayout((int) exampleShape[1], (int) exampleShape[2], (int) exampleShape[0], false);
            default -> throw new IllegalArgumentException("inputs of rank " + exampleShape.length + " are not supported");
        };
    }

    public int pixels() {
        return height * width;
    }

    public int values() {
        return height * width * channels;
    }

    /** True for a picture: an image with more than one row. */
    public boolean isImage() {
        return !sequence && height > 1;
    }

    /** The pixel (y·width + x) of the value at {@code index} in the input's flat, row-major order. */
    public int pixelOf(int index) {
        if (sequence) {
            int t = index % height;
            int f = index / height;
            return t * width + f;
        }
        return index % (height * width); // [C,H,W]: the channel is the slowest index
    }

    /** Per pixel, the sum of the values of its channels. */
    public double[] perPixel(double[] values) {
        double[] out = new double[pixels()];
        for (int i = 0; i < values.length; i++) {
            out[pixelOf(i)] += values[i];
        }
        return out;
    }

    /** Per value, the value of its pixel in {@code pixelValues}. */
    public double[] perValue(double[] pixelValues) {
        double[] out = new double[values()];
        for (int i = 0; i < out.length; i++) {
            out[i] = pixelValues[pixelOf(i)];
        }
        return out;
    }
}
