package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.Fix;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.Params;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.dl4j.ReshapePreProcessor;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;

import java.util.List;
import java.util.Locale;

/**
 * Gives the same values another shape (an image, a sequence or a vector with as many values), read and written in the
 * order the user sees them: an image row by row with each pixel's channels together, a sequence step by step.
 */
public final class ReshapeKind extends LayerKind {
    public static final String ID = "Reshape";

    public ReshapeKind() {
        super(ID, "Reshape", Category.CORE,
                "Gives the same values another shape (image, sequence or vector) with as many values.",
                ParamSpec.choice("form", "Form", "Target", InputKind.SEQUENCE,
                        List.of(InputKind.IMAGE, InputKind.SEQUENCE, InputKind.VECTOR),
                        "The shape to give the values: image (height × width × channels), sequence (time steps × "
                                + "features) or vector."),
                ParamSpec.integer("height", "Height", "Image", 28, 1, 65_536, "Target image height."),
                ParamSpec.integer("width", "Width", "Image", 28, 1, 65_536, "Target image width."),
                ParamSpec.integer("channels", "Channels", "Image", 1, 1, 65_536, "Target image channels."),
                ParamSpec.integer("steps", "Time steps", "Sequence", 28, 1, 1_000_000, "Target sequence length."),
                ParamSpec.integer("features", "Features", "Sequence", 28, 1, 1_000_000, "Target values per time step."),
                ParamSpec.integer("size", "Size", "Vector", 784, 1, 10_000_000, "Target vector size."));
    }

    /** The shape a Reshape node's parameters ask for. */
    static Shape target(Params p) {
        return switch (p.getChoice("form")) {
            case InputKind.IMAGE -> new Shape.Image(p.getInt("height"), p.getInt("width"), p.getInt("channels"));
            case InputKind.VECTOR -> new Shape.Vector(p.getInt("size"));
            default -> new Shape.Sequence(p.getInt("steps"), p.getInt("features"));
        };
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        Shape in = ctx.input();
        Shape target = target(ctx.params());
        if (in.elements() != target.elements()) {
            String message = String.format(Locale.ROOT, "Reshape cannot turn %s (%,d values) from %s into %s "
                            + "(%,d values): both must hold the same number of values.",
                    in.describe(), in.elements(), ctx.inputEdge().from(), target.describe(), target.elements());
            Fix fix = fittingFix(ctx.node().id(), in.elements(), target);
            return fix == null ? ctx.error(message) : ctx.error(message + " Set its last size to fit.", fix);
        }
        return Inferred.of(target);
    }

    /** Changes the target's last size so that it holds the input's values, where an allowed whole number does it. */
    private Fix fittingFix(String nodeId, long values, Shape target) {
        long others = 1;
        String param = "size";
        if (target instanceof Shape.Image i) {
            others = (long) i.height() * i.width();
            param = "channels";
        } else if (target instanceof Shape.Sequence s) {
            others = s.steps();
            param = "features";
        }
        if (values % others != 0 || values / others > param(param).max()) {
            return null;
        }
        return new Fix.SetParam(nodeId, param, (int) (values / others));
    }

    @Override
    public void emit(EmitContext ctx) {
        ctx.addVertex(ctx.name(),
                new PreprocessorVertex(new ReshapePreProcessor(dims(ctx.input()), dims(ctx.output()))),
                ctx.inputs().toArray(String[]::new));
    }

    /** A shape's sizes in the user's axis order, as {@link ReshapePreProcessor} takes them. */
    private static int[] dims(Shape shape) {
        if (shape instanceof Shape.Image i) {
            return new int[] {i.height(), i.width(), i.channels()};
        }
        if (shape instanceof Shape.Sequence s) {
            return new int[] {s.steps(), s.features()};
        }
        return new int[] {((Shape.Vector) shape).size()};
    }
}
