package dev.netwright.runtime.design;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One layer on the canvas: a stable id, the catalog kind, a display name, the parameter values
 * (Integer, Double, Boolean or String, in catalog order), its canvas position, whether training changes its
 * parameters and the factor on the learning rate for them. Immutable. The id must be well-formed text (no unpaired
 * surrogate), since a file keeps it.
 *
 * <p>{@code trainable} and {@code learnRateFactor} are the node's rather than its kind's parameters: every kind
 * with parameters has them (MATLAB's WeightLearnRateFactor), and they say how a run treats the node, not what it
 * computes. A frozen node keeps its parameters (and BatchNorm its running statistics) fixed.
 */
public record Node(String id, String kind, String name, Map<String, Object> params, Position position,
                   boolean trainable, double learnRateFactor) {
    /** The learning-rate factor of a node that trains at the run's rate. */
    public static final double DEFAULT_LEARN_RATE_FACTOR = 1.0;

    public Node {
        Objects.requireNonNull(id, "id");
        int unpaired = WellFormedText.firstUnpaired(id);
        if (unpaired >= 0) {
            // UTF-8 cannot hold it, so the design would not read back; free text is mended instead (DesignJson.write)
            throw new IllegalArgumentException("node id " + Quote.text(id) + " is not well-formed text: "
                    + WellFormedText.problem(unpaired));
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(position, "position");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(params, "params")));
        if (!(learnRateFactor > 0) || !Double.isFinite(learnRateFactor)) {
            throw new IllegalArgumentException("node " + Quote.text(id) + ": the learning-rate factor must be a "
                    + "positive number, not " + learnRateFactor);
        }
    }

    /** A trainable node at the run's learning rate. */
    public Node(String id, String kind, String name, Map<String, Object> params, Position position) {
        this(id, kind, name, params, position, true, DEFAULT_LEARN_RATE_FACTOR);
    }

    /** Whether the node trains as every node does by default: trainable, at the run's learning rate. */
    public boolean trainsByDefault() {
        return trainable && learnRateFactor == DEFAULT_LEARN_RATE_FACTOR;
    }

    public Node withTrainable(boolean value) {
        return new Node(id, kind, name, params, position, value, learnRateFactor);
    }

    public Node withLearnRateFactor(double value) {
        return new Node(id, kind, name, params, position, trainable, value);
    }

    public Node withParam(String param, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(params);
        copy.put(param, value);
        return new Node(id, kind, name, copy, position, trainable, learnRateFactor);
    }

    public Node withParams(Map<String, Object> newParams) {
        return new Node(id, kind, name, newParams, position, trainable, learnRateFactor);
    }

    public Node withName(String newName) {
        return new Node(id, kind, newName, params, position, trainable, learnRateFactor);
    }

    public Node withId(String newId) {
        return new Node(newId, kind, name, params, position, trainable, learnRateFactor);
    }

    public Node withPosition(Position newPosition) {
        return new Node(id, kind, name, params, newPosition, trainable, learnRateFactor);
    }
}
