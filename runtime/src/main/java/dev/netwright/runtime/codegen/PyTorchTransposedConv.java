package dev.netwright.runtime.codegen;

import dev.netwright.runtime.layers.Padding;
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
        Padding.TransposedCrop rows = crop(in.height(), out.height(), kh, sh);
        Padding.TransposedCrop columns = crop(in.width(), out.width(), kw, sw);
        String module = "nn.ConvTranspose2d(" + in.channels() + ", " + p.getInt("filters") + ", (" + kh + ", " + kw
                + "), stride=(" + sh + ", " + sw + ")"
                + (rows.extend() == 0 && columns.extend() == 0 ? ""
                : ", output_padding=(" + rows.extend() + ", " + columns.extend() + ")")
                + (p.getBool("useBias") ? "" : ", bias=False") + ")";
        String forward = c.self() + "(" + c.x() + ")";
        if (rows.cuts() || columns.cuts()) {
            forward += "[:, :, " + slice(rows, out.height()) + ", " + slice(columns, out.width()) + "]";
        }
        return new PyTorchLayer(module, PyTorchLayers.activation(PyTorchLayers.withoutSoftmax(p.getChoice("activation")),
                forward, out));
    }

    private static Padding.TransposedCrop crop(int input, int output, int kernel, int stride)
            throws PyTorchLayers.Unsupported {
        // DL4J then starts the output before the full one's first row (a row of bias alone): no PyTorch padding
        return Padding.TransposedCrop.of(input, output, kernel, stride).orElseThrow(() -> new PyTorchLayers.Unsupported(
                "padding 'same' and a kernel of " + kernel + " for a stride of " + stride
                        + " (a kernel at least 2 shorter than the stride)"));
    }

    private static String slice(Padding.TransposedCrop crop, int length) {
        return crop.cuts() ? crop.start() + ":" + (crop.start() + length) : ":";
    }
}
