package dev.netwright.runtime.layers;

import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Position;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of layer in the catalog: what it is called, where the palette shows it, its parameters and
 * ports, its shape rule ({@link #infer}) and how it becomes DL4J vertices ({@link #emit}). The palette,
 * inspector, checker and compiler all read kinds; adding a layer kind means one subclass plus its test.
 */
public abstract class LayerKind {
    private final String id;
    private final String displayName;
    private final Category category;
    private final String description;
    private final List<ParamSpec> params;

    protected LayerKind(String id, String displayName, Category category, String description, ParamSpec... params) {
        this.id = id;
        this.displayName = displayName;
        this.category = category;
        this.description = description;
        this.params = List.of(params);
    }

    /** The kind's name in design files, e.g. {@code Conv2D}. */
    public final String id() {
        return id;
    }

    public final String displayName() {
        return displayName;
    }

    public final Category category() {
        return category;
    }

    /** One or two sentences for the palette tooltip. */
    public final String description() {
        return description;
    }

    public final List<ParamSpec> params() {
        return params;
    }

    public final Optional<ParamSpec> findParam(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public final ParamSpec param(String name) {
        return findParam(name).orElseThrow(() -> new IllegalArgumentException(id + " has no parameter " + name));
    }

    /** Input ports; most kinds take exactly one wire on {@code in}. */
    public List<PortSpec> inputPorts() {
        return List.of(PortSpec.single(Edge.IN));
    }

    /** Whether the kind has an output port (every kind but none so far; kept for clarity in the checker). */
    public boolean hasOutput() {
        return true;
    }

    /**
     * Whether a design with this kind trains fastest on one native thread: its work is a chain of operations per
     * time step or over short sequences, each too small to share between threads (docs/benchmarks.md, "Training";
     * decision 0002). {@code NativeTuning} reads it; the palette category plays no part.
     */
    public boolean prefersOneThread() {
        return false;
    }

    /** The stem of new node ids, e.g. {@code conv} gives conv1, conv2. */
    public String idPrefix() {
        return id.toLowerCase(Locale.ROOT);
    }

    public final Params read(Node node) {
        return new Params(this, node.params());
    }

    /** A node of this kind with default parameters. */
    public final Node newNode(String nodeId, Position position) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec spec : params) {
            values.put(spec.name(), spec.defaultValue());
        }
        return new Node(nodeId, id, displayName, values, position);
    }

    /**
     * The shape rule: the output shape and parameter count for the given inputs (all known, arity and
     * parameter ranges already checked), or {@code null} after reporting why it cannot work.
     */
    public abstract Inferred infer(InferenceContext ctx);

    /**
     * Multiply-adds per example in the forward pass, for the checker's cost estimate. By default every parameter is
     * used once per position of the output (exact for Dense, convolutions and recurrent layers), and a layer without
     * parameters touches each output value once; kinds whose cost is not in their parameters (attention) add it.
     */
    public long multiplyAdds(Params params, Shape output, long parameters) {
        return parameters == 0 ? output.elements() : saturatingProduct(parameters, positions(output));
    }

    /**
     * Values per example this layer keeps for the backward pass, for the checker's memory estimate: its output by
     * default; kinds with large inner activations (attention weights, a feed-forward block) add them.
     */
    public long activationValues(Params params, Shape output) {
        return output.elements();
    }

    /** Where a layer's weights are applied again: every pixel of an image, every step of a sequence, once for a vector. */
    protected static long positions(Shape output) {
        if (output instanceof Shape.Image image) {
            return (long) image.height() * image.width();
        }
        if (output instanceof Shape.Sequence sequence) {
            return sequence.steps();
        }
        return 1;
    }

    /** {@code a × b}, or {@link Long#MAX_VALUE} where that overflows: estimates of absurd designs stay absurd, not negative. */
    protected static long saturatingProduct(long a, long b) {
        return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }

    /** Adds this node's DL4J vertices to the graph; the vertex that carries its output is named the node id. */
    public abstract void emit(EmitContext ctx);

    @Override
    public String toString() {
        return id;
    }
}
