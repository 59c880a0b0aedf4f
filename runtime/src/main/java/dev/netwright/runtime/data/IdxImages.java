package dev.netwright.runtime.data;

import java.util.Objects;

/** Grayscale images read from an IDX file: {@code count} images of rows × columns, pixel values 0..255 as floats, row-major. */
public record IdxImages(int count, int rows, int columns, float[] pixels) {
    public IdxImages {
        Objects.requireNonNull(pixels, "pixels");
        if ((long) count * rows * columns != pixels.length) {
            throw new IllegalArgumentException(count + " images of " + rows + "×" + columns + " need "
                    + (long) count * rows * columns + " pixels, got " + pixels.length);
        }
    }
}
