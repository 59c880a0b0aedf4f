package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.dl4j.OneDnnBatchNormalization;

/** Batch normalisation per channel (images) or per feature (vectors). */
public final class BatchNormKind extends LayerKind {
    public static final String ID = "BatchNorm";

    public BatchNormKind() {
        super(ID, "BatchNorm", Category.NORMALISATION,
                "Normalises each channel over the minibatch, then scales and shifts it with learned values.",
                ParamSpec.decimal("momentum", "Momentum", "Layer", 0.9, 0.0, 0.9999,
                        "How slowly the running mean and variance follow each minibatch."),
                ParamSpec.decimal("epsilon", "Epsilon", "Layer", 1e-5, 1e-12, 0.1,
                        "Added to the variance to avoid dividing by zero."));
    }

    @Override
    public String idPrefix() {
        return "bn";
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        Shape in = ctx.input();
        if (in instanceof Shape.Image i) {
            // gamma, beta, and the running mean and variance DL4J keeps as parameters.
            return new Inferred(in, 4L * i.channels());
        }
        if (in instanceof Shape.Vector v) {
            return new Inferred(in, 4L * v.size());
        }
        return ctx.error("BatchNorm works on images and vectors, but " + ctx.inputEdge().from() + " gives "
                + in.describe() + "; use LayerNorm for sequences.");
    }

    @Override
    public void emit(EmitContext ctx) {
        // oneDNN's primitives, batch statistics included, where they apply (OneDnnBatchNormalization)
        ctx.addLayer(new OneDnnBatchNormalization.Builder()
                .decay(ctx.params().getDouble("momentum"))
                .eps(ctx.params().getDouble("epsilon"))
                .build());
    }
}
