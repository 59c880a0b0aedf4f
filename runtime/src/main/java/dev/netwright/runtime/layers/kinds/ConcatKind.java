package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.PortSpec;
import org.deeplearning4j.nn.conf.graph.MergeVertex;

import java.util.List;

/**
 * Joins inputs along the feature axis: vectors end to end, sequences per step (same length), images
 * along channels (same height and width).
 */
public final class ConcatKind extends LayerKind {
    public static final String ID = "Concat";

    public ConcatKind() {
        super(ID, "Concat", Category.MERGE,
                "Joins inputs along their features: vectors end to end, images along channels, sequences per step.");
    }

    @Override
    public List<PortSpec> inputPorts() {
        return List.of(PortSpec.atLeast(Edge.IN, 2));
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        List<Shape> in = ctx.inputs();
        Shape first = in.get(0);
        long total = 0;
        for (int i = 0; i < in.size(); i++) {
            Shape s = in.get(i);
            String other = ctx.inputEdges().get(i).from();
            String firstName = ctx.inputEdges().get(0).from();
            if (s.getClass() != first.getClass()) {
                return ctx.error("Concat cannot join " + first.describe() + " from " + firstName + " with "
                        + s.describe() + " from " + other + ".");
            }
            if (s instanceof Shape.Image img) {
                Shape.Image f = (Shape.Image) first;
                if (img.height() != f.height() || img.width() != f.width()) {
                    return ctx.error("Concat joins images along channels, so height and width must match: "
                            + firstName + " gives " + f.label() + ", " + other + " gives " + img.label() + ".");
                }
                total += img.channels();
            } else if (s instanceof Shape.Sequence seq) {
                Shape.Sequence f = (Shape.Sequence) first;
                if (seq.steps() != f.steps()) {
                    return ctx.error("Concat joins sequences step by step, so the number of steps must match: "
                            + firstName + " has " + f.steps() + ", " + other + " has " + seq.steps() + ".");
                }
                total += seq.features();
            } else {
                total += ((Shape.Vector) s).size();
            }
        }
        if (total > Shape.MAX_SIZE) {
            return ctx.error(String.format(java.util.Locale.ROOT, "Concat gives %,d features, more than a layer can "
                    + "hold (%,d).", total, Shape.MAX_SIZE));
        }
        int width = (int) total;
        if (first instanceof Shape.Image f) {
            return Inferred.of(new Shape.Image(f.height(), f.width(), width));
        }
        if (first instanceof Shape.Sequence f) {
            return Inferred.of(new Shape.Sequence(f.steps(), width));
        }
        return Inferred.of(new Shape.Vector(width));
    }

    @Override
    public void emit(EmitContext ctx) {
        ctx.addVertex(ctx.name(), new MergeVertex(), ctx.inputs().toArray(String[]::new));
    }
}
