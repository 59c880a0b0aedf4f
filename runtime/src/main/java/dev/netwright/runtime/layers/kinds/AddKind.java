package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.PortSpec;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;

import java.util.List;

/** Adds two or more inputs of the same shape element by element (residual connections). */
public final class AddKind extends LayerKind {
    public static final String ID = "Add";

    public AddKind() {
        super(ID, "Add", Category.MERGE, "Adds inputs of the same shape element by element, as in residual skips.");
    }

    @Override
    public List<PortSpec> inputPorts() {
        return List.of(PortSpec.atLeast(Edge.IN, 2));
    }

    @Override
    public Inferred infer(InferenceContext ctx) {
        Shape first = ctx.inputs().get(0);
        for (int i = 1; i < ctx.inputs().size(); i++) {
            Shape other = ctx.inputs().get(i);
            if (!other.equals(first)) {
                return ctx.error("Add needs inputs of the same shape, but " + ctx.inputEdges().get(0).from() + " gives "
                        + first.label() + " and " + ctx.inputEdges().get(i).from() + " gives " + other.label() + ".");
            }
        }
        return Inferred.of(first);
    }

    @Override
    public void emit(EmitContext ctx) {
        ctx.addVertex(ctx.name(), new ElementWiseVertex(ElementWiseVertex.Op.Add), ctx.inputs().toArray(String[]::new));
    }
}
