package dev.netwright.runtime.explain;

import java.util.Objects;

/**
 * Where segments meet, to draw as thin lines over a heat map: in a picture of the segmentation enlarged {@code scale}
 * times, a pixel is on a boundary when its right or lower neighbour lies in another segment. Marking one side only
 * keeps each line one pixel wide, whatever the enlargement; cells of an enlarged pixel inside one segment stay clear.
 */
public final class SegmentBoundaries {
    private SegmentBoundaries() {
    }

    /**
     * The boundary mask, row by row, of {@code (height·scale) × (width·scale)} pixels.
     *
     * @param segmentOfPixel the segment of each pixel, row by row ({@link Attribution#segments()})
     * @param height         the segmentation's height in pixels
     * @param width          its width
     * @param scale          how many times the picture enlarges each pixel, at least 1
     */
    public static boolean[] mask(int[] segmentOfPixel, int height, int width, int scale) {
        Objects.requireNonNull(segmentOfPixel, "segmentOfPixel");
        if (height < 1 || width < 1 || scale < 1) {
            throw new IllegalArgumentException("height, width and scale must be at least 1, got " + height + ", "
                    + width + ", " + scale);
        }
        if (segmentOfPixel.length != height * width) {
            throw new IllegalArgumentException("the segmentation has " + segmentOfPixel.length + " pixels, not "
                    + height + "×" + width);
        }
        int w = width * scale;
        int h = height * scale;
        boolean[] mask = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int here = segmentOfPixel[(y / scale) * width + x / scale];
                boolean right = x + 1 < w && segmentOfPixel[(y / scale) * width + (x + 1) / scale] != here;
                boolean below = y + 1 < h && segmentOfPixel[((y + 1) / scale) * width + x / scale] != here;
                mask[y * w + x] = right || below;
            }
        }
        return mask;
    }
}
