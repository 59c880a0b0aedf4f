package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.Dl4jTypes;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.Params;
import dev.netwright.runtime.layers.PortSpec;

import java.util.List;

/** Where data enters: an image (H×W×C), a sequence (T×F) or a vector (N). */
public final class InputKind extends LayerKind {
    public static final String ID = "Input";
    public static final String IMAGE = "image";
    public static final String SEQUENCE = "sequence";
    public static final String VECTOR = "vector";

    public InputKind() {
        super(ID, "Input", Category.INPUT, "Where examples enter the network: an image, a sequence or a vector.",
                ParamSpec.choice("form", "Form", "Data", IMAGE, List.of(IMAGE, SEQUENCE, VECTOR),
                        "image: height × width × channels; sequence: time steps × features; vector: a flat list."),
                ParamSpec.integer("height", "Height", "Image", 28, 1, 4096, "Image height in pixels."),
                ParamSpec.integer("width", "Width", "Image", 28, 1, 4096, "Image width in pixels."),
                ParamSpec.integer("channels", "Channels", "Image", 1, 1, 64, "1 for grayscale, 3 for RGB."),
                ParamSpec.integer("steps", "Time steps", "Sequence", 28, 1, 100_000, "Length of each sequence."),
                ParamSpec.integer("features", "Features", "Sequence", 28, 1, 1_000_000,
                        "Values per time step (1 for token ids that feed an Embedding)."),
                ParamSpec.integer("size", "Size", "Vector", 784, 1, 10_000_000, "Values per example."));
    }

    @Override
    public List<PortSpec> inputPorts() {
        return List.of();
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        return Inferred.of(shapeOf(ctx.params()));
    }

    /** The shape the design's (first) Input node declares; empty when it has none. */
    public static java.util.Optional<Shape> shapeOf(dev.netwright.runtime.design.Design design) {
        return design.nodes().stream().filter(n -> n.kind().equals(ID)).findFirst().map(InputKind::shapeOf);
    }

    /** The shape an Input node declares. */
    public static Shape shapeOf(dev.netwright.runtime.design.Node node) {
        return shapeOf(StandardKinds.catalog().require(ID).read(node));
    }

    /** The shape an Input node's parameters declare. */
    public static Shape shapeOf(Params p) {
        return switch (p.getChoice("form")) {
            case SEQUENCE -> new Shape.Sequence(p.getInt("steps"), p.getInt("features"));
            case VECTOR -> new Shape.Vector(p.getInt("size"));
            default -> new Shape.Image(p.getInt("height"), p.getInt("width"), p.getInt("channels"));
        };
    }

    @Override
    public void emit(EmitContext ctx) {
        ctx.declareInput(Dl4jTypes.of(ctx.output()));
    }
}
