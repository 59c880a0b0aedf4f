package dev.netwright.runtime.explain;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Grad-CAM (Selvaraju et al. 2017) at a convolution layer (the last one unless named): the layer's feature maps weighted
 * by the mean gradient of the class's score before the softmax (its logit y^c, as in the paper) over each map, summed,
 * negative parts cut off, and scaled up bilinearly to the input's pixels. Not the gradient of log p^c: that is
 * {@code ∇y^c − Σ_j p^j ∇y^j}, which on a confident prediction is mostly the evidence against the other classes and
 * gives another map, not a multiple of this one.
 */
public final class GradCam implements Explainer {
    private final String layer;

    /** At {@code layer}, a convolution layer's node id; null for the last convolution layer. */
    public GradCam(String layer) {
        this.layer = layer;
    }

    @Override
    public String name() {
        return "gradcam";
    }

    @Override
    public Attribution explain(ClassifierModel model, INDArray input, int target, INDArray baseline, Progress progress)
            throws ExplainException {
        InputLayout layout = InputLayout.of(model.exampleShape());
        if (!layout.isImage()) {
            throw new ExplainException("Grad-CAM needs an image input and a convolution layer; this model takes "
                    + (layout.sequence() ? "sequences" : "rows of features"));
        }
        List<String> convolutions = model.convolutionLayers();
        if (convolutions.isEmpty()) {
            throw new ExplainException("Grad-CAM needs a convolution layer, and this network has none");
        }
        String at = layer == null ? convolutions.get(convolutions.size() - 1) : layer;
        if (!convolutions.contains(at)) {
            throw new ExplainException("'" + at + "' is not a convolution layer of this network; its convolution "
                    + "layers: " + String.join(", ", convolutions));
        }
        ClassifierModel.LayerGradients lg = model.scoreGradients(input, target, at);
        long[] shape = lg.activations().shape(); // [1, K, h, w]
        int k = (int) shape[1];
        int h = (int) shape[2];
        int w = (int) shape[3];
        double[] a = ClassifierModel.flat(lg.activations());
        double[] g = ClassifierModel.flat(lg.gradients());
        double[] cam = new double[h * w];
        for (int c = 0; c < k; c++) {
            double alpha = 0;
            for (int p = 0; p < h * w; p++) {
                alpha += g[c * h * w + p];
            }
            alpha /= h * w;
            for (int p = 0; p < h * w; p++) {
                cam[p] += alpha * a[c * h * w + p];
            }
        }
        for (int p = 0; p < cam.length; p++) {
            cam[p] = Math.max(0, cam[p]);
        }
        double[] pixels = upsample(cam, h, w, layout.height(), layout.width());
        double[] values = layout.perValue(pixels);
        for (int i = 0; i < values.length; i++) {
            values[i] /= layout.channels();
        }
        progress.report(1, 1);
        return new Attribution(name() + " at " + at, target, values, pixels, null, null);
    }

    /** Bilinear, with the corners of the small grid's cells centred on the large grid's (align-corners off). */
    static double[] upsample(double[] small, int h, int w, int height, int width) {
        double[] out = new double[height * width];
        for (int y = 0; y < height; y++) {
            double sy = Math.min(Math.max((y + 0.5) * h / height - 0.5, 0), h - 1);
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(y0 + 1, h - 1);
            double fy = sy - y0;
            for (int x = 0; x < width; x++) {
                double sx = Math.min(Math.max((x + 0.5) * w / width - 0.5, 0), w - 1);
                int x0 = (int) Math.floor(sx);
                int x1 = Math.min(x0 + 1, w - 1);
                double fx = sx - x0;
                out[y * width + x] = (1 - fy) * ((1 - fx) * small[y0 * w + x0] + fx * small[y0 * w + x1])
                        + fy * ((1 - fx) * small[y1 * w + x0] + fx * small[y1 * w + x1]);
            }
        }
        return out;
    }
}
