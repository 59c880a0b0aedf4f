package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Activations;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.Padding;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.Params;
import dev.netwright.runtime.layers.Shape;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;

import java.util.List;
import java.util.Locale;

/**
 * A transposed 2-D convolution (DL4J's Deconvolution2D): spreads each input pixel over a kernel-sized window of the
 * output, enlarging the image; the usual way up in decoders and segmentation networks.
 */
public final class Conv2DTransposeKind extends LayerKind {
    public static final String ID = "Conv2DTranspose";

    public Conv2DTransposeKind() {
        super(ID, "Conv2DTranspose", Category.CONVOLUTION,
                "A transposed convolution: enlarges an image with learned filters (stride 2 doubles it).",
                ParamSpec.integer("filters", "Filters", "Layer", 32, 1, 4096, "Number of filters (output channels)."),
                ParamSpec.integer("kernelHeight", "Kernel height", "Window", 3, 1, 256, "Filter height in pixels."),
                ParamSpec.integer("kernelWidth", "Kernel width", "Window", 3, 1, 256, "Filter width in pixels."),
                ParamSpec.integer("strideHeight", "Stride height", "Window", 2, 1, 256,
                        "Vertical step between the windows written in the output."),
                ParamSpec.integer("strideWidth", "Stride width", "Window", 2, 1, 256,
                        "Horizontal step between the windows written in the output."),
                ParamSpec.choice("padding", "Padding", "Window", Padding.SAME, List.of(Padding.VALID, Padding.SAME),
                        "same: output = input × stride; valid: output = (input − 1) × stride + kernel."),
                Activations.param("relu"),
                ParamSpec.flag("useBias", "Use bias", "Layer", true, "Add a learned offset to each filter's output."));
    }

    @Override
    public String idPrefix() {
        return "deconv";
    }

    /** The output length along one axis, as DL4J's Deconvolution2D computes it (no explicit padding, no dilation). */
    static long outputLength(String padding, int input, int kernel, int stride) {
        return Padding.SAME.equals(padding)
                ? (long) input * stride
                : (long) (input - 1) * stride + kernel;
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        if (!(ctx.input() instanceof Shape.Image in)) {
            return Requirements.needsImage(ctx, ID);
        }
        Params p = ctx.params();
        int kh = p.getInt("kernelHeight");
        int kw = p.getInt("kernelWidth");
        String padding = p.getChoice("padding");
        long h = outputLength(padding, in.height(), kh, p.getInt("strideHeight"));
        long w = outputLength(padding, in.width(), kw, p.getInt("strideWidth"));
        int filters = p.getInt("filters");
        if (h * w > Shape.MAX_SIZE / filters) {
            return ctx.error(String.format(Locale.ROOT, "Conv2DTranspose would turn %s into a %d×%d×%d image, more "
                    + "values than a layer can hold; use smaller strides or fewer filters.", in.describe(), h, w, filters));
        }
        long params = (long) kh * kw * in.channels() * filters + (p.getBool("useBias") ? filters : 0);
        return new Inferred(new Shape.Image((int) h, (int) w, filters), params);
    }

    /** Each input pixel goes through the whole kernel once: parameters × input positions (output positions / stride²). */
    @Override
    public long multiplyAdds(Params params, Shape output, long parameters) {
        Shape.Image out = (Shape.Image) output;
        String padding = params.getChoice("padding");
        long h = inputLength(padding, out.height(), params.getInt("kernelHeight"), params.getInt("strideHeight"));
        long w = inputLength(padding, out.width(), params.getInt("kernelWidth"), params.getInt("strideWidth"));
        return saturatingProduct(parameters, h * w);
    }

    /** The input length along one axis that gives this output length: the inverse of {@link #outputLength}. */
    private static long inputLength(String padding, int output, int kernel, int stride) {
        return Padding.SAME.equals(padding) ? output / stride : (output - kernel) / stride + 1;
    }

    @Override
    public void emit(EmitContext ctx) {
        Params p = ctx.params();
        ctx.addLayer(new Deconvolution2D.Builder(p.getInt("kernelHeight"), p.getInt("kernelWidth"))
                .stride(p.getInt("strideHeight"), p.getInt("strideWidth"))
                .nOut(p.getInt("filters"))
                .convolutionMode(Padding.toDl4j(p.getChoice("padding")))
                .activation(Activations.toDl4j(p.getChoice("activation")))
                .hasBias(p.getBool("useBias"))
                .build());
    }
}
