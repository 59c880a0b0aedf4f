package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.Activations;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.Padding;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.Params;
import dev.netwright.runtime.layers.dl4j.InputConvolutionLayer;
import dev.netwright.runtime.layers.dl4j.OneDnnConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;

/** A 2-D convolution over an image. */
public final class Conv2DKind extends LayerKind {
    public static final String ID = "Conv2D";

    public Conv2DKind() {
        super(ID, "Conv2D", Category.CONVOLUTION, "Slides learned filters over an image; one output channel per filter.",
                ParamSpec.integer("filters", "Filters", "Layer", 32, 1, 4096, "Number of filters (output channels)."),
                ParamSpec.integer("kernelHeight", "Kernel height", "Window", 3, 1, 256, "Filter height in pixels."),
                ParamSpec.integer("kernelWidth", "Kernel width", "Window", 3, 1, 256, "Filter width in pixels."),
                ParamSpec.integer("strideHeight", "Stride height", "Window", 1, 1, 256, "Vertical step between windows."),
                ParamSpec.integer("strideWidth", "Stride width", "Window", 1, 1, 256, "Horizontal step between windows."),
                Padding.param(),
                Activations.param("relu"),
                ParamSpec.flag("useBias", "Use bias", "Layer", true, "Add a learned offset to each filter's output."));
    }

    @Override
    public String idPrefix() {
        return "conv";
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        if (!(ctx.input() instanceof Shape.Image in)) {
            return Requirements.needsImage(ctx, "Conv2D");
        }
        Params p = ctx.params();
        int kh = p.getInt("kernelHeight");
        int kw = p.getInt("kernelWidth");
        String padding = p.getChoice("padding");
        int h = Padding.outputLength(padding, in.height(), kh, p.getInt("strideHeight"));
        int w = Padding.outputLength(padding, in.width(), kw, p.getInt("strideWidth"));
        if (h < 1 || w < 1) {
            return ctx.error("the " + kh + "×" + kw + " kernel is larger than the " + in.height() + "×" + in.width()
                    + " input; use a smaller kernel or padding 'same'.");
        }
        int filters = p.getInt("filters");
        long params = (long) kh * kw * in.channels() * filters + (p.getBool("useBias") ? filters : 0);
        return new Inferred(new Shape.Image(h, w, filters), params);
    }

    @Override
    public void emit(EmitContext ctx) {
        Params p = ctx.params();
        int kh = p.getInt("kernelHeight");
        int kw = p.getInt("kernelWidth");
        // oneDNN's primitives where they apply (docs/decisions/0007); a convolution that reads the network's input
        // needs no gradient for it (InputConvolutionLayer)
        ConvolutionLayer.Builder builder = ctx.readsNetworkInputsOnly()
                ? new InputConvolutionLayer.Builder(kh, kw)
                : new OneDnnConvolutionLayer.Builder(kh, kw);
        ctx.addLayer(builder
                .stride(p.getInt("strideHeight"), p.getInt("strideWidth"))
                .nOut(p.getInt("filters"))
                .convolutionMode(Padding.toDl4j(p.getChoice("padding")))
                .activation(Activations.toDl4j(p.getChoice("activation")))
                .hasBias(p.getBool("useBias"))
                .build());
    }
}
