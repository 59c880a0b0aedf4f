package dev.netwright.runtime.data;

import dev.netwright.runtime.layers.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns examples into DL4J arrays in the layout the Input needs: image -> NCHW [n,C,H,W]; sequence -> NCW
 * [n,F,T] with image rows as time steps (t = row h, feature f = w·C + c); vector -> [n, H·W·C] in the stored
 * (H,W,C) order. A CSV row fed to an image or sequence Input is read in that same stored order, as if it were
 * the Input's H×W×C image (channels last) or T×F rows. Labels are one-hot [n, numClasses].
 */
public final class Views {

    private Views() {
    }

    /** The examples at {@code indices}, laid out for {@code input}; the data must fit it (see {@link DataFit}). */
    public static INDArray features(Examples ex, int[] indices, Shape input) {
        DataFit.shapeProblem(input, ex).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        int[] hwc = storedShape(ex, input);
        int h = hwc[0];
        int w = hwc[1];
        int c = hwc[2];
        int length = ex.exampleLength();
        float[] src = ex.features();
        float[] out = new float[indices.length * length];
        if (input instanceof Shape.Vector) {
            for (int n = 0; n < indices.length; n++) {
                System.arraycopy(src, indices[n] * length, out, n * length, length);
            }
            return Nd4j.create(out, new long[] {indices.length, length}, 'c');
        }
        if (input instanceof Shape.Sequence) {
            int features = w * c;
            // stored (h, w, c) is (t, f) row-major already; NCW wants f before t
            for (int n = 0; n < indices.length; n++) {
                int base = indices[n] * length;
                int outBase = n * length;
                for (int t = 0; t < h; t++) {
                    for (int f = 0; f < features; f++) {
                        out[outBase + f * h + t] = src[base + t * features + f];
                    }
                }
            }
            return Nd4j.create(out, new long[] {indices.length, features, h}, 'c');
        }
        for (int n = 0; n < indices.length; n++) {
            int base = indices[n] * length;
            int outBase = n * length;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int ch = 0; ch < c; ch++) {
                        out[outBase + (ch * h + y) * w + x] = src[base + (y * w + x) * c + ch];
                    }
                }
            }
        }
        return Nd4j.create(out, new long[] {indices.length, c, h, w}, 'c');
    }

    /** The examples' H, W, C; for CSV rows, the shape that the Input gives them. */
    private static int[] storedShape(Examples ex, Shape input) {
        if (ex.isTabular() && input instanceof Shape.Image image) {
            return new int[] {image.height(), image.width(), image.channels()};
        }
        if (ex.isTabular() && input instanceof Shape.Sequence seq) {
            return new int[] {seq.steps(), seq.features(), 1};
        }
        return new int[] {ex.height(), ex.width(), ex.channels()};
    }

    /** One-hot labels [n, numClasses] for the examples at {@code indices}. */
    public static INDArray labels(Examples ex, int[] indices) {
        int classes = ex.numClasses();
        float[] out = new float[indices.length * classes];
        for (int n = 0; n < indices.length; n++) {
            out[n * classes + ex.labels()[indices[n]]] = 1f;
        }
        return Nd4j.create(out, new long[] {indices.length, classes}, 'c');
    }
}
