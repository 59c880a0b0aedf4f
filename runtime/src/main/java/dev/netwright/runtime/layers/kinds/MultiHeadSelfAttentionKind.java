package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Fix;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.Params;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.dl4j.MultiHeadSelfAttentionLayer;

/** Scaled dot-product self-attention with several heads over a sequence; keeps the sequence's shape. */
public final class MultiHeadSelfAttentionKind extends LayerKind {
    public static final String ID = "MultiHeadSelfAttention";

    public MultiHeadSelfAttentionKind() {
        super(ID, "Self-attention", Category.ATTENTION,
                "Lets every time step look at every other one, with several attention heads in parallel.",
                ParamSpec.integer("heads", "Heads", "Layer", 4, 1, 256,
                        "Attention heads; must divide the model width (the features per step)."));
    }

    @Override
    public String idPrefix() {
        return "attn";
    }

    /** Attention over short sequences: many small matrix products. */
    @Override
    public boolean prefersOneThread() {
        return true;
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        if (!(ctx.input() instanceof Shape.Sequence in)) {
            return Requirements.needsSequence(ctx, "Self-attention");
        }
        return infer(ctx, in, ctx.params().getInt("heads"));
    }

    /** Shared with the Transformer block: heads must divide the width; 4 weight matrices and 4 biases. */
    static Inferred infer(InferenceContext ctx, Shape.Sequence in, int heads) {
        int width = in.features();
        if (width % heads != 0) {
            return ctx.error(heads + " heads do not divide the model width " + width + "; choose a divisor of "
                    + width + " (for example " + nearestDivisor(width, heads) + ").",
                    new Fix.SetParam(ctx.node().id(), "heads", nearestDivisor(width, heads)));
        }
        return new Inferred(in, 4L * ((long) width * width + width));
    }

    /** The projections (in the parameters) plus the scores and their weighted sum: 2 × steps² × width. */
    @Override
    public long multiplyAdds(Params params, Shape output, long parameters) {
        return attentionMultiplyAdds(output, parameters);
    }

    @Override
    public long activationValues(Params params, Shape output) {
        return attentionValues(output, params.getInt("heads"));
    }

    static long attentionMultiplyAdds(Shape output, long parameters) {
        Shape.Sequence seq = (Shape.Sequence) output;
        long scores = saturatingProduct(2L * seq.steps() * seq.steps(), seq.features());
        long projections = saturatingProduct(parameters, seq.steps());
        return scores > Long.MAX_VALUE - projections ? Long.MAX_VALUE : scores + projections;
    }

    /** The output, the query/key/value projections and one steps × steps weight matrix per head. */
    static long attentionValues(Shape output, int heads) {
        Shape.Sequence seq = (Shape.Sequence) output;
        return 4 * output.elements() + saturatingProduct((long) heads * seq.steps(), seq.steps());
    }

    static int nearestDivisor(int width, int heads) {
        for (int d = 0; ; d++) {
            if (heads - d >= 1 && width % (heads - d) == 0) {
                return heads - d;
            }
            if (heads + d <= width && width % (heads + d) == 0) {
                return heads + d;
            }
        }
    }

    static MultiHeadSelfAttentionLayer layer(int heads) {
        return new MultiHeadSelfAttentionLayer.Builder().nHeads(heads).build();
    }

    @Override
    public void emit(EmitContext ctx) {
        ctx.addLayer(layer(ctx.params().getInt("heads")));
    }
}
