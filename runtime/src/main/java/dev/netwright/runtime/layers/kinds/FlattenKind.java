package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;

/** Turns an image into a flat vector (height × width × channels values). */
public final class FlattenKind extends LayerKind {
    public static final String ID = "Flatten";

    public FlattenKind() {
        super(ID, "Flatten", Category.CORE, "Turns an image into a flat vector so that Dense layers can read it.");
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        if (ctx.input() instanceof Shape.Image in) {
            if (in.elements() > Shape.MAX_SIZE) {
                return ctx.error(String.format(java.util.Locale.ROOT, "Flatten of %s gives %,d values, more than a "
                        + "layer can hold (%,d); shrink the image first with pooling or strided convolutions.",
                        in.describe(), in.elements(), Shape.MAX_SIZE));
            }
            return Inferred.of(new Shape.Vector((int) in.elements()));
        }
        if (ctx.input() instanceof Shape.Vector) {
            return ctx.error("Flatten turns an image into a vector, but " + ctx.inputEdge().from()
                    + " already gives a vector; remove this Flatten.");
        }
        return ctx.error("Flatten turns an image into a vector, but " + ctx.inputEdge().from() + " gives "
                + ctx.input().describe() + "; use GlobalPooling, or an LSTM without 'return sequences'.");
    }

    @Override
    public void emit(EmitContext ctx) {
        Shape.Image in = (Shape.Image) ctx.input();
        ctx.addVertex(ctx.name(),
                new PreprocessorVertex(new CnnToFeedForwardPreProcessor(in.height(), in.width(), in.channels())),
                ctx.inputs().toArray(String[]::new));
    }
}
