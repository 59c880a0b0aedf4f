package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.Shape;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;

import java.util.Locale;

/** Enlarges an image by repeating each pixel size × size times (nearest neighbour). */
public final class UpSampling2DKind extends LayerKind {
    public static final String ID = "UpSampling2D";

    public UpSampling2DKind() {
        super(ID, "UpSampling2D", Category.CONVOLUTION,
                "Enlarges an image by repeating each pixel along both axes (nearest neighbour).",
                ParamSpec.integer("size", "Size", "Window", 2, 1, 64, "How many times each pixel is repeated along each axis."));
    }

    @Override
    public String idPrefix() {
        return "upsample";
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        if (!(ctx.input() instanceof Shape.Image in)) {
            return Requirements.needsImage(ctx, ID);
        }
        int size = ctx.params().getInt("size");
        long h = (long) in.height() * size;
        long w = (long) in.width() * size;
        Shape.Image out = new Shape.Image((int) Math.min(h, Integer.MAX_VALUE), (int) Math.min(w, Integer.MAX_VALUE),
                in.channels());
        if (h > Shape.MAX_SIZE || w > Shape.MAX_SIZE || out.elements() > Shape.MAX_SIZE) {
            return ctx.error(String.format(Locale.ROOT, "UpSampling2D by %d would turn %s into a %d×%d×%d image, more "
                    + "values than a layer can hold; use a smaller size.", size, in.describe(), h, w, in.channels()));
        }
        return Inferred.of(out);
    }

    @Override
    public void emit(EmitContext ctx) {
        int size = ctx.params().getInt("size");
        ctx.addLayer(new Upsampling2D.Builder().size(new int[] {size, size}).build());
    }
}
