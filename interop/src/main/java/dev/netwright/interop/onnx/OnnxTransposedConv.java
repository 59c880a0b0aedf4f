package dev.netwright.interop.onnx;

import dev.netwright.interop.onnx.OnnxGraph.Attribute;
import dev.netwright.runtime.layers.Padding;
import dev.netwright.runtime.layers.Params;
import dev.netwright.runtime.layers.Shape;

/**
 * Netwright's Conv2DTranspose (DL4J's Deconvolution2D) as ONNX's ConvTranspose. 'valid' is the full transposed
 * convolution, (input - 1) * stride + kernel; 'same' keeps input * stride of it, starting at DL4J's top-left padding,
 * which ONNX's asymmetric {@code pads} say directly; where the kernel is shorter than the stride, the rows DL4J adds
 * at the end are ConvTranspose's {@code output_padding}.
 */
final class OnnxTransposedConv {
    private OnnxTransposedConv() {
    }

    static String map(OnnxLayerNode n) throws OnnxLayers.Unsupported {
        Params p = n.params();
        Shape.Image in = (Shape.Image) n.in();
        Shape.Image out = (Shape.Image) n.output();
        int kh = p.getInt("kernelHeight");
        int kw = p.getInt("kernelWidth");
        int sh = p.getInt("strideHeight");
        int sw = p.getInt("strideWidth");
        Padding.TransposedCrop rows = crop(in.height(), out.height(), kh, sh);
        Padding.TransposedCrop columns = crop(in.width(), out.width(), kw, sw);
        String conv = n.graph().op("ConvTranspose", n.step("deconv"), OnnxLayers.convInputs(n),
                Attribute.ints("kernel_shape", kh, kw), Attribute.ints("strides", sh, sw),
                Attribute.ints("pads", rows.start(), columns.start(), rows.end(), columns.end()),
                Attribute.ints("output_padding", rows.extend(), columns.extend()));
        String activation = p.getChoice("activation");
        if ("softmax".equals(activation)) {
            throw new OnnxLayers.Unsupported("activation 'softmax'");
        }
        return OnnxLayers.activation(n.graph(), activation, conv, out, n.id());
    }

    private static Padding.TransposedCrop crop(int input, int output, int kernel, int stride)
            throws OnnxLayers.Unsupported {
        return Padding.TransposedCrop.of(input, output, kernel, stride).orElseThrow(() -> new OnnxLayers.Unsupported(
                "padding 'same' and a kernel of " + kernel + " for a stride of " + stride
                        + " (a kernel at least 2 shorter than the stride)"));
    }
}
