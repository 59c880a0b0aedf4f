package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.dl4j.ImageToSequencePreProcessor;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;

import java.util.List;

/**
 * Reads an image as a sequence: each row (or column) becomes one time step, so recurrent and attention
 * layers can follow convolutions or read images directly.
 */
public final class ToSequenceKind extends LayerKind {
    public static final String ID = "ToSequence";
    public static final String ROWS = "rows";
    public static final String COLUMNS = "columns";

    public ToSequenceKind() {
        super(ID, "ToSequence", Category.RECURRENT,
                "Reads an image as a sequence: each row (or column) becomes one time step.",
                ParamSpec.choice("direction", "Direction", "Layer", ROWS, List.of(ROWS, COLUMNS),
                        "rows: top to bottom, one row per step; columns: left to right, one column per step."));
    }

    @Override
    public String idPrefix() {
        return "toseq";
    }

    /** It starts a sequence design; one thread, as for the sequence layers it feeds (measured: docs/benchmarks.md). */
    @Override
    public boolean prefersOneThread() {
        return true;
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        if (!(ctx.input() instanceof Shape.Image in)) {
            return Requirements.needsImage(ctx, ID);
        }
        return Inferred.of(ROWS.equals(ctx.params().getChoice("direction"))
                ? new Shape.Sequence(in.height(), in.width() * in.channels())
                : new Shape.Sequence(in.width(), in.height() * in.channels()));
    }

    @Override
    public void emit(EmitContext ctx) {
        ImageToSequencePreProcessor.Mode mode = ROWS.equals(ctx.params().getChoice("direction"))
                ? ImageToSequencePreProcessor.Mode.ROWS : ImageToSequencePreProcessor.Mode.COLUMNS;
        ctx.addVertex(ctx.name(),
                new PreprocessorVertex(new ImageToSequencePreProcessor(mode)),
                ctx.inputs().toArray(String[]::new));
    }
}
