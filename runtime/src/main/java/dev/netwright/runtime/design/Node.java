package dev.netwright.runtime.design;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One layer on the canvas: a stable id, the catalog kind, a display name, the parameter values
 * (Integer, Double, Boolean or String, in catalog order) and its canvas position. Immutable. The id must be
 * well-formed text (no unpaired surrogate), since a file keeps it.
 */
public record Node(String id, String kind, String name, Map<String, Object> params, Position position) {

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
    }

    public Node withParam(String param, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(params);
        copy.put(param, value);
        return new Node(id, kind, name, copy, position);
    }

    public Node withParams(Map<String, Object> newParams) {
        return new Node(id, kind, name, newParams, position);
    }

    public Node withName(String newName) {
        return new Node(id, kind, newName, params, position);
    }

    public Node withId(String newId) {
        return new Node(newId, kind, name, params, position);
    }

    public Node withPosition(Position newPosition) {
        return new Node(id, kind, name, params, newPosition);
    }
}
