package dev.netwright.runtime.codegen;

import dev.netwright.runtime.layers.Params;
import dev.netwright.runtime.layers.Shape;

/**
 * Netwright's Conv2DTranspose (DL4J's Deconvolution2D) as PyTorch's {@code nn.ConvTranspose2d}. 'valid' is the full
 * transposed convolution, (input - 1) * stride + kernel; 'same' keeps input * stride of it, starting at DL4J's
 * top-left padding (kernel - stride) / 2, which can leave one more row cut at the end than at the start: PyTorch's
 * symmetric {@code padding} cannot say that, so the module computes the full output and the forward code cuts it.
 */
final class PyTorchTransposedConv {
    private PyTorchTransposedConv() {
    }

    static PyTorchLayer map(PyTorchLayers.NodeCode c) throws PyTorchLayers.Unsupported {
        Params p = c.params();
        Shape.Image in = (Shape.Image) c.in();
        Shape.Image out = (Shape.Image) c.output();
        int kh = p.getInt("kernelHeight");
        int kw = p.getInt("kernelWidth");
        int sh = p.getInt("strideHeight");
        int sw = p.getInt("strideWidth");
        Axis rows = Axis.of(in.height(), out.height(), kh, sh);
        Axis columns = Axis.of(in.width(), out.width(), kw, sw);
        String module = "nn.ConvTranspose2d(" + in.channels() + ", " + p.getInt("filters") + ", (" + kh + ", " + kw
                + "), stride=(" + sh + ", " + sw + ")"
                + (rows.extend() == 0 && columns.extend() == 0 ? ""
                : ", output_padding=(" + rows.extend() + ", " + columns.extend() + ")")
                + (p.getBool("useBias") ? "" : ", bias=False") + ")";
        String forward = c.self() + "(" + c.x() + ")";
        if (rows.cut() || columns.cut()) {
            forward += "[:, :, " + rows.slice() + ", " + columns.slice() + "]";
        }
        return new PyTorchLayer(module, PyTorchLayers.activation(PyTorchLayers.withoutSoftmax(p.getChoice("activation")),
                forward, out));
    }

    /**
     * One axis: where DL4J's output starts in the full transposed convolution, and how many rows PyTorch must add
     * at the end (its {@code output_padding}, bias only) where the kernel is shorter than the stride.
     */
    private record Axis(int start, int length, int full, int extend) {
        static Axis of(int input, int output, int kernel, int stride) throws PyTorchLayers.Unsupported {
            int full = (input - 1) * stride + kernel;
            // libnd4j's 'same' deconvolution pads the top-left by ((in - 1) * stride + kernel - out) / 2, C's division
            int start = (full - output) / 2;
            if (start < 0) {
                // DL4J then starts the output before the full one's first row (a row of bias alone): no PyTorch padding
                throw new PyTorchLayers.Unsupported("padding 'same' and a kernel of " + kernel + " for a stride of "
                        + stride + " (a kernel at least 2 shorter than the stride)");
            }
            int extend = Math.max(0, start + output - full);
            return new Axis(start, output, full + extend, extend);
        }

        boolean cut() {
            return start > 0 || length < full;
        }

        String slice() {
            return cut() ? start + ":" + (start + length) : ":";
        }
    }
}
