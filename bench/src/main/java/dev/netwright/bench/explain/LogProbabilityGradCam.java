package dev.netwright.bench.explain;

import dev.netwright.runtime.explain.Attribution;
import dev.netwright.runtime.explain.ClassifierModel;
import dev.netwright.runtime.explain.ExplainException;
import dev.netwright.runtime.explain.Explainer;
import dev.netwright.runtime.explain.InputLayout;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Grad-CAM as Netwright computed it before issue 20's follow-up, kept as the benchmark's baseline: the feature maps
 * weighted by the gradient of log p (not of the class score before the softmax, as the paper and {@code GradCam} now
 * take it); otherwise the same (mean over each map, sum, ReLU, bilinear upsampling without aligned corners).
 */
final class LogProbabilityGradCam implements Explainer {
    @Override
    public String name() {
        return "gradcam (log p)";
    }

    @Override
    public Attribution explain(ClassifierModel model, INDArray input, int target, INDArray baseline, Progress progress)
            throws ExplainException {
        InputLayout layout = InputLayout.of(model.exampleShape());
        List<String> convolutions = model.convolutionLayers();
        ClassifierModel.LayerGradients lg = model.layerGradients(input, target, convolutions.get(convolutions.size() - 1));
        long[] shape = lg.activations().shape();
        int k = (int) shape[1];
        int h = (int) shape[2];
        int w = (int) shape[3];
        double[] a = lg.activations().dup('c').data().asDouble();
        double[] g = lg.gradients().dup('c').data().asDouble();
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
        double[] pixels = new double[layout.pixels()];
        for (int y = 0; y < layout.height(); y++) {
            double sy = Math.min(Math.max((y + 0.5) * h / layout.height() - 0.5, 0), h - 1);
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(y0 + 1, h - 1);
            double fy = sy - y0;
            for (int x = 0; x < layout.width(); x++) {
                double sx = Math.min(Math.max((x + 0.5) * w / layout.width() - 0.5, 0), w - 1);
                int x0 = (int) Math.floor(sx);
                int x1 = Math.min(x0 + 1, w - 1);
                double fx = sx - x0;
                double v = (1 - fy) * ((1 - fx) * cam[y0 * w + x0] + fx * cam[y0 * w + x1])
                        + fy * ((1 - fx) * cam[y1 * w + x0] + fx * cam[y1 * w + x1]);
                pixels[y * layout.width() + x] = v;
            }
        }
        double[] values = layout.perValue(pixels);
        for (int i = 0; i < values.length; i++) {
            values[i] /= layout.channels();
        }
        return new Attribution(name(), target, values, pixels, null, null);
    }
}
