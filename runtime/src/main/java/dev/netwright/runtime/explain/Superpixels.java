package dev.netwright.runtime.explain;

import boofcv.abst.segmentation.ImageSuperpixels;
import boofcv.factory.segmentation.ConfigSlic;
import boofcv.factory.segmentation.FactoryImageSegmentation;
import boofcv.struct.image.GrayF32;
import boofcv.struct.image.GrayS32;
import boofcv.struct.image.ImageType;
import boofcv.struct.image.Planar;

/**
 * Superpixels for LIME's and KernelSHAP's segments: regions of similar colour that follow the image's edges, so that
 * switching one off removes a part of an object rather than a square that cuts across several. SLIC (Achanta et al.
 * 2012) from BoofCV, a maintained library, rather than one written here.
 */
final class Superpixels {

    private Superpixels() {
    }

    /**
     * About {@code count} SLIC superpixels of input {@code x} (flat, [C,H,W], as normalised for the model): its values
     * are first stretched to 0..255 over the whole input, the range SLIC's spatial weight is meant for.
     */
    static Segments slic(InputLayout layout, double[] x, int count) {
        int h = layout.height();
        int w = layout.width();
        int c = layout.channels();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double scale = max > min ? 255 / (max - min) : 0;
        Planar<GrayF32> image = new Planar<>(GrayF32.class, w, h, c);
        for (int band = 0; band < c; band++) {
            GrayF32 plane = image.getBand(band);
            for (int y = 0; y < h; y++) {
                for (int i = 0; i < w; i++) {
                    plane.set(i, y, (float) ((x[band * h * w + y * w + i] - min) * scale));
                }
            }
        }
        ImageSuperpixels<Planar<GrayF32>> slic = FactoryImageSegmentation.slic(new ConfigSlic(count),
                ImageType.pl(c, GrayF32.class));
        GrayS32 labels = new GrayS32(w, h);
        slic.segment(image, labels);
        // numbered 0.. in the order first met, whatever numbers SLIC gave (a region it merged away leaves a gap)
        int[] of = new int[h * w];
        int largest = 0;
        for (int p = 0; p < of.length; p++) {
            of[p] = labels.get(p % w, p / w);
            largest = Math.max(largest, of[p]);
        }
        int[] renumber = new int[largest + 1];
        java.util.Arrays.fill(renumber, -1);
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
