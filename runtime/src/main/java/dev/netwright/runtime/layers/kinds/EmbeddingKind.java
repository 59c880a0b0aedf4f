package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.Params;
import dev.netwright.runtime.layers.dl4j.VocabularyEmbeddingLayer;

/** Looks up a learned vector for each token id of a sequence. */
public final class EmbeddingKind extends LayerKind {
    public static final String ID = "Embedding";

    public EmbeddingKind() {
        super(ID, "Embedding", Category.CORE,
                "Turns token ids (a sequence with one integer per step) into learned vectors.",
                ParamSpec.integer("vocabulary", "Vocabulary size", "Layer", 1000, 2, 10_000_000,
                        "How many different token ids there are (ids run from 0 to size - 1)."),
                ParamSpec.integer("dimensions", "Dimensions", "Layer", 64, 1, 65_536, "Length of each token's vector."));
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        if (!(ctx.input() instanceof Shape.Sequence in) || in.features() != 1) {
            return ctx.error("Embedding needs token ids: a sequence with 1 feature per step, but "
                    + ctx.inputEdge().from() + " gives " + ctx.input().describe() + ".");
        }
        Params p = ctx.params();
        int dims = p.getInt("dimensions");
        return new Inferred(new Shape.Sequence(in.steps(), dims), (long) p.getInt("vocabulary") * dims);
    }

    @Override
    public void emit(EmitContext ctx) {
        Params p = ctx.params();
        Shape.Sequence in = (Shape.Sequence) ctx.input();
        ctx.addLayer(VocabularyEmbeddingLayer.of(p.getInt("vocabulary"), p.getInt("dimensions"), in.steps()));
    }
}
