package dev.netwright.runtime.layers;

import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;

import java.util.List;

/** What a shape rule sees of one node, and where it reports problems. */
public interface InferenceContext {

    Node node();

    Params params();

    /** The shapes arriving on the {@code in} port, in wire order. */
    List<Shape> inputs();

    /** The wires into the {@code in} port, in the same order as {@link #inputs()}. */
    List<Edge> inputEdges();

    /** The single input's shape. */
    default Shape input() {
        return inputs().get(0);
    }

    /** The single input wire. */
    default Edge inputEdge() {
        return inputEdges().get(0);
    }

    /** Reports an error and returns null, so a rule can write {@code return ctx.error(...)}. */
    Inferred error(String message);

    Inferred error(String message, Fix fix);

    void warn(String message);
}
