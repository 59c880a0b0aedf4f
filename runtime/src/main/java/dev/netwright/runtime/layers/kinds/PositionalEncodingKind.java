package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.dl4j.PositionalEncodingLayer;

import java.util.List;

/** Adds position information to a sequence, fixed (sinusoidal) or learned, so attention can tell steps apart. */
public final class PositionalEncodingKind extends LayerKind {
    public static final String ID = "PositionalEncoding";
    public static final String SINUSOIDAL = "sinusoidal";
    public static final String LEARNED = "learned";

    public PositionalEncodingKind() {
        super(ID, "PositionalEncoding", Category.ATTENTION,
                "Adds where each step is in the sequence, so attention layers can use order.",
                ParamSpec.choice("mode", "Mode", "Layer", SINUSOIDAL, List.of(SINUSOIDAL, LEARNED),
                        "sinusoidal: fixed sine/cosine waves, no parameters; learned: one trained vector per position."));
    }

    @Override
    public String idPrefix() {
        return "posenc";
    }

    /** It starts an attention design; one thread, as for the attention layers it feeds (measured: docs/benchmarks.md). */
    @Override
    public boolean prefersOneThread() {
        return true;
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        if (!(ctx.input() instanceof Shape.Sequence in)) {
            return Requirements.needsSequence(ctx, ID);
        }
        long params = LEARNED.equals(ctx.params().getChoice("mode")) ? in.elements() : 0;
        return new Inferred(in, params);
    }

    @Override
    public void emit(EmitContext ctx) {
        Shape.Sequence in = (Shape.Sequence) ctx.input();
        PositionalEncodingLayer.Mode mode = LEARNED.equals(ctx.params().getChoice("mode"))
                ? PositionalEncodingLayer.Mode.LEARNED : PositionalEncodingLayer.Mode.SINUSOIDAL;
        ctx.addLayer(new PositionalEncodingLayer.Builder().mode(mode).sequenceLength(in.steps()).build());
    }
}
