package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Fix;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;

/** The common "wrong kind of input" errors, worded once, with the obvious fix where there is one. */
final class Requirements {
    private Requirements() {
    }

    static Inferred needsImage(InferenceContext ctx, String kind) {
        return ctx.error(kind + " needs an image, but " + ctx.inputEdge().from() + " gives " + ctx.input().describe() + ".");
    }

    static Inferred needsSequence(InferenceContext ctx, String kind) {
        String problem = kind + " needs a sequence, but " + ctx.inputEdge().from() + " gives " + ctx.input().describe();
        if (ctx.input() instanceof Shape.Image) {
            return ctx.error(problem + ". Insert ToSequence to read the image row by row.",
                    new Fix.InsertLayer(ctx.inputEdge(), ToSequenceKind.ID));
        }
        return ctx.error(problem + ".");
    }

    static Inferred needsVector(InferenceContext ctx, String kind) {
        String problem = kind + " needs a vector, but " + ctx.inputEdge().from() + " gives " + ctx.input().describe();
        if (ctx.input() instanceof Shape.Image) {
            return ctx.error(problem + ". Insert a Flatten before it.", new Fix.InsertLayer(ctx.inputEdge(), FlattenKind.ID));
        }
        return ctx.error(problem + ". Insert GlobalPooling, or turn off 'return sequences' on the recurrent layer.",
                new Fix.InsertLayer(ctx.inputEdge(), GlobalPoolingKind.ID));
    }

    static Inferred needsImageOrSequence(InferenceContext ctx, String kind) {
        return ctx.error(kind + " needs an image or a sequence, but " + ctx.inputEdge().from() + " gives "
                + ctx.input().describe() + ".");
    }
}
