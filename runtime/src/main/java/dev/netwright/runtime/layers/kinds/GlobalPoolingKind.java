package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;

import java.util.List;

/** Pools a whole image (per channel) or a whole sequence (per feature) into one vector. */
public final class GlobalPoolingKind extends LayerKind {
    public static final String ID = "GlobalPooling";

    public GlobalPoolingKind() {
        super(ID, "GlobalPooling", Category.CONVOLUTION,
                "Reduces an image to one value per channel, or a sequence to one value per feature.",
                ParamSpec.choice("mode", "Mode", "Layer", "avg", List.of("avg", "max"),
                        "avg: the mean over all positions; max: the largest value."));
    }

    @Override
    public String idPrefix() {
        return "pool";
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        if (ctx.input() instanceof Shape.Image in) {
            return Inferred.of(new Shape.Vector(in.channels()));
        }
        if (ctx.input() instanceof Shape.Sequence in) {
            return Inferred.of(new Shape.Vector(in.features()));
        }
        return Requirements.needsImageOrSequence(ctx, ID);
    }

    @Override
    public void emit(EmitContext ctx) {
        PoolingType type = "max".equals(ctx.params().getChoice("mode")) ? PoolingType.MAX : PoolingType.AVG;
        ctx.addLayer(new GlobalPoolingLayer.Builder(type).build());
    }
}
