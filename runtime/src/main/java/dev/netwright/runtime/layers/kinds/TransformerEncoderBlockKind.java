package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.Activations;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.Params;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.nd4j.linalg.activations.Activation;

/**
 * A post-norm Transformer encoder block as one node: self-attention, residual add, LayerNorm, a
 * position-wise feed-forward network (two Dense layers), residual add, LayerNorm. It expands into
 * {@code id/attn}, {@code id/add1}, {@code id/norm1}, {@code id/ff1}, {@code id/ff2}, {@code id/add2}
 * and the final LayerNorm named {@code id}.
 */
public final class TransformerEncoderBlockKind extends LayerKind {
    public static final String ID = "TransformerEncoderBlock";

    public TransformerEncoderBlockKind() {
        super(ID, "Transformer encoder", Category.ATTENTION,
                "Self-attention and a feed-forward network, each with a residual connection and LayerNorm.",
                ParamSpec.integer("heads", "Heads", "Attention", 4, 1, 256,
                        "Attention heads; must divide the model width (the features per step)."),
                ParamSpec.integer("feedForward", "Feed-forward width", "Feed-forward", 128, 1, 65_536,
                        "Units of the hidden layer of the position-wise feed-forward network."),
                ParamSpec.decimal("dropout", "Dropout", "Layer", 0.1, 0.0, 0.9,
                        "Share of values dropped after attention and after the feed-forward network while training."),
                ParamSpec.decimal("epsilon", "LayerNorm epsilon", "Layer", 1e-5, 1e-12, 0.1,
                        "Added to the variance in both LayerNorms."));
    }

    @Override
    public long multiplyAdds(Params params, Shape output, long parameters) {
        return MultiHeadSelfAttentionKind.attentionMultiplyAdds(output, parameters);
    }

    /** The attention's values, the feed-forward block's hidden layer, and the two norms' outputs. */
    @Override
    public long activationValues(Params params, Shape output) {
        Shape.Sequence seq = (Shape.Sequence) output;
        return MultiHeadSelfAttentionKind.attentionValues(output, params.getInt("heads"))
                + saturatingProduct(seq.steps(), params.getInt("feedForward")) + 2 * output.elements();
    }

    @Override
    public String idPrefix() {
        return "encoder";
    }

    /** Attention over short sequences: many small matrix products. */
    @Override
    public boolean prefersOneThread() {
        return true;
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        if (!(ctx.input() instanceof Shape.Sequence in)) {
            return Requirements.needsSequence(ctx, "Transformer encoder");
        }
        Inferred attention = MultiHeadSelfAttentionKind.infer(ctx, in, ctx.params().getInt("heads"));
        if (attention == null) {
            return null;
        }
        long d = in.features();
        long ff = ctx.params().getInt("feedForward");
        long feedForward = d * ff + ff + ff * d + d;
        long norms = 2 * 2 * d;
        return new Inferred(in, attention.params() + feedForward + norms);
    }

    @Override
    public void emit(EmitContext ctx) {
        Params p = ctx.params();
        Shape.Sequence in = (Shape.Sequence) ctx.input();
        String input = ctx.inputs().get(0);
        double dropout = p.getDouble("dropout");
        double epsilon = p.getDouble("epsilon");

        String attention = ctx.sub("attn");
        ctx.addLayer(attention, MultiHeadSelfAttentionKind.layer(p.getInt("heads")), input);
        attention = maybeDropout(ctx, attention, "attn_dropout", dropout);
        ctx.addVertex(ctx.sub("add1"), new ElementWiseVertex(ElementWiseVertex.Op.Add), input, attention);
        ctx.addLayer(ctx.sub("norm1"), LayerNormKind.layer(epsilon), ctx.sub("add1"));

        ctx.addLayer(ctx.sub("ff1"), new TimeDistributed(new DenseLayer.Builder()
                .nOut(p.getInt("feedForward")).activation(Activations.toDl4j("relu")).build()), ctx.sub("norm1"));
        ctx.addLayer(ctx.sub("ff2"), new TimeDistributed(new DenseLayer.Builder()
                .nOut(in.features()).activation(Activation.IDENTITY).build()), ctx.sub("ff1"));
        String feedForward = maybeDropout(ctx, ctx.sub("ff2"), "ff_dropout", dropout);
        ctx.addVertex(ctx.sub("add2"), new ElementWiseVertex(ElementWiseVertex.Op.Add), ctx.sub("norm1"), feedForward);
        ctx.addLayer(ctx.name(), LayerNormKind.layer(epsilon), ctx.sub("add2"));
    }

    private static String maybeDropout(EmitContext ctx, String from, String part, double rate) {
        if (rate <= 0) {
            return from;
        }
        ctx.addLayer(ctx.sub(part), new DropoutLayer.Builder(1.0 - rate).build(), from);
        return ctx.sub(part);
    }
}
