package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.dl4j.LayerNormLayer;

/** Layer normalisation over the features of a vector or of each time step of a sequence. */
public final class LayerNormKind extends LayerKind {
    public static final String ID = "LayerNorm";

    public LayerNormKind() {
        super(ID, "LayerNorm", Category.NORMALISATION,
                "Normalises the features of each example (each time step of a sequence), then scales and shifts them.",
                ParamSpec.decimal("epsilon", "Epsilon", "Layer", 1e-5, 1e-12, 0.1,
                        "Added to the variance to avoid dividing by zero."));
    }

    @Override
    public String idPrefix() {
        return "norm";
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        return infer(ctx, ctx.input());
    }

    static Inferred infer(InferenceContext ctx, Shape in) {
        if (in instanceof Shape.Sequence s) {
            return new Inferred(in, 2L * s.features());
        }
        if (in instanceof Shape.Vector v) {
            return new Inferred(in, 2L * v.size());
        }
        return ctx.error("LayerNorm works on vectors and sequences, but " + ctx.inputEdge().from() + " gives "
                + in.describe() + "; use BatchNorm for images.");
    }

    static LayerNormLayer layer(double epsilon) {
        return new LayerNormLayer.Builder().epsilon(epsilon).build();
    }

    @Override
    public void emit(EmitContext ctx) {
        ctx.addLayer(layer(ctx.params().getDouble("epsilon")));
    }
}
