package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.Padding;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.Params;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import dev.netwright.runtime.layers.dl4j.OneDnnSubsamplingLayer;

/** Max or average pooling over windows of an image (2-D) or of a sequence's time steps (1-D). */
public final class PoolingKind extends LayerKind {
    private final boolean twoD;
    private final PoolingType type;

    private PoolingKind(String id, String description, boolean twoD, PoolingType type) {
        super(id, id, Category.CONVOLUTION, description,
                ParamSpec.integer("pool", "Pool size", "Window", 2, 1, 1024, "Window size along each axis."),
                ParamSpec.integer("stride", "Stride", "Window", 2, 1, 1024, "Step between windows (usually the pool size)."),
                Padding.param());
        this.twoD = twoD;
        this.type = type;
    }

    public static PoolingKind maxPool2D() {
        return new PoolingKind("MaxPool2D", "Keeps the largest value of each window of an image.", true, PoolingType.MAX);
    }

    public static PoolingKind avgPool2D() {
        return new PoolingKind("AvgPool2D", "Averages each window of an image.", true, PoolingType.AVG);
    }

    public static PoolingKind maxPool1D() {
        return new PoolingKind("MaxPool1D", "Keeps the largest value of each window of time steps.", false, PoolingType.MAX);
    }

    public static PoolingKind avgPool1D() {
        return new PoolingKind("AvgPool1D", "Averages each window of time steps.", false, PoolingType.AVG);
    }

    @Override
    public String idPrefix() {
        return (type == PoolingType.MAX ? "maxpool" : "avgpool") + (twoD ? "" : "1d");
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        Params p = ctx.params();
        int pool = p.getInt("pool");
        int stride = p.getInt("stride");
        String padding = p.getChoice("padding");
        if (twoD) {
            if (!(ctx.input() instanceof Shape.Image in)) {
                return Requirements.needsImage(ctx, id());
            }
            int h = Padding.outputLength(padding, in.height(), pool, stride);
            int w = Padding.outputLength(padding, in.width(), pool, stride);
            if (h < 1 || w < 1) {
                return ctx.error("the pool of " + pool + "×" + pool + " is larger than the " + in.height() + "×"
                        + in.width() + " input; use a smaller pool or padding 'same'.");
            }
            return Inferred.of(new Shape.Image(h, w, in.channels()));
        }
        if (!(ctx.input() instanceof Shape.Sequence in)) {
            return Requirements.needsSequence(ctx, id());
        }
        int steps = Padding.outputLength(padding, in.steps(), pool, stride);
        if (steps < 1) {
            return ctx.error("the pool of " + pool + " steps is longer than the " + in.steps() + "-step input.");
        }
        return Inferred.of(new Shape.Sequence(steps, in.features()));
    }

    @Override
    public void emit(EmitContext ctx) {
        Params p = ctx.params();
        int pool = p.getInt("pool");
        int stride = p.getInt("stride");
        if (twoD) {
            // oneDNN's primitives where they apply (docs/decisions/0007)
            ctx.addLayer(new OneDnnSubsamplingLayer.Builder(type)
                    .kernelSize(pool, pool).stride(stride, stride)
                    .convolutionMode(Padding.toDl4j(p.getChoice("padding")))
                    .build());
        } else {
            // DL4J M2.1's Subsampling1DLayer.Builder(PoolingType) drops the type (it stays MAX): set it again
            ctx.addLayer(new Subsampling1DLayer.Builder(type).poolingType(type)
                    .kernelSize(pool).stride(stride)
                    .convolutionMode(Padding.toDl4j(p.getChoice("padding")))
                    .build());
        }
    }
}
