package dev.netwright.runtime.explain;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The parts of an input that LIME and KernelSHAP switch on and off: square cells of a grid for images, each feature for
 * rows and sequences' values, or superpixels. A segment switched off takes the baseline's values, all its channels
 * together. As a {@link Segmentation}, the same segments for every input of their layout.
 *
 * @param ofPixel the segment of each pixel of the layout
 * @param count   how many segments there are
 */
public record Segments(int[] ofPixel, int count) implements Segmentation {

    public Segments {
        ofPixel = ofPixel.clone();
    }

    /** Cells of {@code cell}×{@code cell} pixels (smaller at the right and bottom edges). */
    public static Segments grid(InputLayout layout, int cell) {
        if (cell < 1) {
            throw new IllegalArgumentException("the cell size must be at least 1 pixel, got " + cell);
        }
        int across = (layout.width() + cell - 1) / cell;
        int down = (layout.height() + cell - 1) / cell;
        int[] of = new int[layout.pixels()];
        for (int y = 0; y < layout.height(); y++) {
            for (int x = 0; x < layout.width(); x++) {
                of[y * layout.width() + x] = (y / cell) * across + x / cell;
            }
        }
        return new Segments(of, across * down);
    }

    /** The most pixels an image may have and still be cut into a grid by default: 28×28, Fashion-MNIST's. */
    static final int GRID_UP_TO = 28 * 28;
    /** How many superpixels an image larger than {@link #GRID_UP_TO} is cut into by default: as many as a 7×7 grid. */
    static final int SUPERPIXELS = 49;

    /**
     * The default: a 7×7 grid of cells for small images (4×4 pixels on 28×28, where superpixels would be a few pixels
     * each), each pixel its own segment for rows of features and sequences.
     */
    public static Segments defaultFor(InputLayout layout) {
        if (!layout.isImage()) {
            return grid(layout, 1);
        }
        return grid(layout, Math.max(1, (int) Math.round(Math.min(layout.height(), layout.width()) / 7.0)));
    }

    /**
     * The default for input {@code x} (flat, [C,H,W]): {@link #defaultFor(InputLayout)}, except that an image larger
     * than 28×28 is cut into about {@value #SUPERPIXELS} SLIC superpixels that follow its edges.
     */
    public static Segments defaultFor(InputLayout layout, double[] x) {
        if (layout.isImage() && layout.pixels() > GRID_UP_TO) {
            return Superpixels.slic(layout, x, SUPERPIXELS);
        }
        return defaultFor(layout);
    }

    /** These segments, for any input laid out as they are; one of another size is refused. */
    @Override
    public Segments of(InputLayout layout, double[] x) throws ExplainException {
        if (ofPixel.length != layout.pixels()) {
            throw new ExplainException("The segments cover " + ofPixel.length + " pixels, but the input has "
                    + layout.pixels());
        }
        return this;
    }

    /**
     * A batch with one input per row of {@code on}: where a segment is on, the input's values; where it is off, the
     * baseline's.
     */
    INDArray compose(ClassifierModel model, double[] x, double[] baseline, boolean[][] on) {
        InputLayout layout = InputLayout.of(model.exampleShape());
        double[] batch = new double[on.length * x.length];
        for (int s = 0; s < on.length; s++) {
            for (int i = 0; i < x.length; i++) {
                batch[s * x.length + i] = on[s][ofPixel[layout.pixelOf(i)]] ? x[i] : baseline[i];
            }
        }
        return Nd4j.create(batch, model.batchShape(on.length), 'c');
    }

    /**
     * An attribution that draws each pixel with its segment's weight, and gives each input value an even share of it
     * (so that the values sum to the weights' sum).
     */
    Attribution attribution(String method, int target, double[] weights, InputLayout layout) {
        int[] size = new int[count];
        for (int segment : ofPixel) {
            size[segment]++;
        }
        double[] pixels = new double[layout.pixels()];
        for (int p = 0; p < pixels.length; p++) {
            pixels[p] = weights[ofPixel[p]];
        }
        double[] values = new double[layout.values()];
        for (int i = 0; i < values.length; i++) {
            int segment = ofPixel[layout.pixelOf(i)];
            values[i] = weights[segment] / ((double) size[segment] * layout.channels());
        }
        return new Attribution(method, target, values, pixels, ofPixel, weights);
    }
}
