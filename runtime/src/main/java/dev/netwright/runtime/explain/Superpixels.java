package dev.netwright.runtime.explain;

import boofcv.abst.segmentation.ImageSuperpixels;
import boofcv.factory.segmentation.ConfigFh04;
import boofcv.factory.segmentation.ConfigSlic;
import boofcv.factory.segmentation.FactoryImageSegmentation;
import boofcv.struct.image.GrayF32;
import boofcv.struct.image.GrayS32;
import boofcv.struct.image.ImageType;
import boofcv.struct.image.Planar;

import java.util.Arrays;

/**
 * Superpixels for LIME's and KernelSHAP's segments: regions of similar colour that follow the image's edges, so that
 * switching one off removes a part of an object rather than a square that cuts across several. SLIC (Achanta et al.
 * 2012) and Felzenszwalb–Huttenlocher (2004) from BoofCV, a maintained library, rather than written here.
 */
final class Superpixels {
    /** Felzenszwalb–Huttenlocher's scale K (larger: larger regions), BoofCV's default for values in 0..255. */
    private static final float FH_SCALE = 100;

    private Superpixels() {
    }

    /** About {@code count} SLIC superpixels of input {@code x} (flat, [C,H,W], as normalised for the model). */
    static Segments slic(InputLayout layout, double[] x, int count) {
        return segment(FactoryImageSegmentation.slic(new ConfigSlic(count),
                ImageType.pl(layout.channels(), GrayF32.class)), layout, x);
    }

    /**
     * Felzenszwalb–Huttenlocher's regions of input {@code x}: as many as its edges make (a flat picture is one), none
     * smaller than a 98th of the picture, so that there are at most about twice as many as SLIC's.
     */
    static Segments felzenszwalb(InputLayout layout, double[] x) {
        int smallest = Math.max(1, layout.pixels() / (2 * Segments.SUPERPIXELS));
        return segment(FactoryImageSegmentation.fh04(new ConfigFh04(FH_SCALE, smallest),
                ImageType.pl(layout.channels(), GrayF32.class)), layout, x);
    }

    /**
     * The segments {@code algorithm} finds in {@code x}: its values are first stretched to 0..255 over the whole input,
     * the range the algorithms' settings are meant for; the regions are numbered 0.. in the order first met, whatever
     * numbers the algorithm gave (a region merged away leaves a gap).
     */
    private static Segments segment(ImageSuperpixels<Planar<GrayF32>> algorithm, InputLayout layout, double[] x) {
        int h = layout.height();
        int w = layout.width();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double scale = max > min ? 255 / (max - min) : 0;
        Planar<GrayF32> image = new Planar<>(GrayF32.class, w, h, layout.channels());
        for (int band = 0; band < layout.channels(); band++) {
            GrayF32 plane = image.getBand(band);
            for (int y = 0; y < h; y++) {
                for (int i = 0; i < w; i++) {
                    plane.set(i, y, (float) ((x[band * h * w + y * w + i] - min) * scale));
                }
            }
        }
        GrayS32 labels = new GrayS32(w, h);
        algorithm.segment(image, labels);
        int[] of = new int[h * w];
        int largest = 0;
        for (int p = 0; p < of.length; p++) {
            of[p] = labels.get(p % w, p / w);
            largest = Math.max(largest, of[p]);
        }
        int[] renumber = new int[largest + 1];
        Arrays.fill(renumber, -1);
        int segments = 0;
        for (int p = 0; p < of.length; p++) {
            if (renumber[of[p]] < 0) {
                renumber[of[p]] = segments++;
            }
            of[p] = renumber[of[p]];
        }
        return new Segments(of, segments);
    }
}
