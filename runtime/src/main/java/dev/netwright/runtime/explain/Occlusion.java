package dev.netwright.runtime.explain;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Occlusion sensitivity (Zeiler and Fergus 2014): a square patch of the baseline slid over the input in steps of
 * {@code stride}; each pixel gets the mean drop in the class probability over the patches that covered it.
 */
public final class Occlusion implements Explainer {
    private final int patch;
    private final int stride;

    public Occlusion(int patch, int stride) {
        if (patch < 1 || stride < 1) {
            throw new IllegalArgumentException("patch and stride must be at least 1 pixel, got " + patch + " and " + stride);
        }
        this.patch = patch;
        this.stride = stride;
    }

    /** A 4-pixel patch moved 2 pixels at a time (on 28×28: 13×13 positions). */
    public Occlusion() {
        this(4, 2);
    }

    @Override
    public String name() {
        return "occlusion";
    }

    @Override
    public Attribution explain(ClassifierModel model, INDArray input, int target, INDArray baseline, Progress progress) {
        InputLayout layout = InputLayout.of(model.exampleShape());
        double[] x = ClassifierModel.flat(input);
        double[] b = ClassifierModel.flat(baseline);
        int h = layout.height();
        int w = layout.width();
        int ph = Math.min(patch, h);
        int pw = Math.min(patch, w);
        List<int[]> corners = new ArrayList<>();
        for (int y : starts(h, ph)) {
            for (int left : starts(w, pw)) {
                corners.add(new int[] {y, left});
            }
        }
        double full = model.probabilityOf(input, target)[0];
        double[] sum = new double[layout.pixels()];
        int[] covered = new int[layout.pixels()];
        int chunk = ClassifierModel.CHUNK;
        for (int start = 0; start < corners.size(); start += chunk) {
            Explainer.checkCancelled();
            int end = Math.min(corners.size(), start + chunk);
            double[] batch = new double[(end - start) * x.length];
            for (int s = start; s < end; s++) {
                int[] corner = corners.get(s);
                int offset = (s - start) * x.length;
                for (int i = 0; i < x.length; i++) {
                    int pixel = layout.pixelOf(i);
                    int py = pixel / w;
                    int px = pixel % w;
                    boolean inside = py >= corner[0] && py < corner[0] + ph && px >= corner[1] && px < corner[1] + pw;
                    batch[offset + i] = inside ? b[i] : x[i];
                }
            }
            double[] p = model.probabilityOf(Nd4j.create(batch, model.batchShape(end - start), 'c'), target);
            for (int s = start; s < end; s++) {
                int[] corner = corners.get(s);
                for (int py = corner[0]; py < corner[0] + ph; py++) {
                    for (int px = corner[1]; px < corner[1] + pw; px++) {
                        sum[py * w + px] += full - p[s - start];
                        covered[py * w + px]++;
                    }
                }
            }
            progress.report(end, corners.size());
        }
        double[] pixels = new double[sum.length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = covered[i] == 0 ? 0 : sum[i] / covered[i];
        }
        double[] values = layout.perValue(pixels);
        for (int i = 0; i < values.length; i++) {
            values[i] /= layout.channels();
        }
        return new Attribution(name(), target, values, pixels, null, null);
    }

    /** Patch positions along one side: every {@code stride} pixels, and one at the far edge so that all are covered. */
    private List<Integer> starts(int length, int size) {
        List<Integer> starts = new ArrayList<>();
        for (int s = 0; s + size <= length; s += stride) {
            starts.add(s);
        }
        if (starts.get(starts.size() - 1) + size < length) {
            starts.add(length - size);
        }
        return starts;
    }
}
