package dev.netwright.runtime.layers;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Position;

import java.util.Map;
import java.util.Objects;

/** A change that resolves a diagnostic; the designer applies it as one undoable command. */
public sealed interface Fix {

    /** What the fix does, for a button or menu, e.g. "insert Flatten between conv3 and dense1". */
    String description();

    /** The design with the fix applied. */
    Design apply(Design design, LayerCatalog catalog);

    /** Puts a new layer on a wire: {@code from -> new -> to}. */
    record InsertLayer(Edge edge, String kind, Map<String, Object> params) implements Fix {
        public InsertLayer {
            Objects.requireNonNull(edge, "edge");
            Objects.requireNonNull(kind, "kind");
            params = Map.copyOf(params);
        }

        public InsertLayer(Edge edge, String kind) {
            this(edge, kind, Map.of());
        }

        @Override
        public String description() {
            return "insert " + kind + " between " + edge.from() + " and " + edge.to();
        }

        @Override
        public Design apply(Design design, LayerCatalog catalog) {
            LayerKind layer = catalog.require(kind);
            Node from = design.requireNode(edge.from());
            Node to = design.requireNode(edge.to());
            String id = design.freshId(layer.idPrefix());
            Position at = new Position((from.position().x() + to.position().x()) / 2,
                    (from.position().y() + to.position().y()) / 2);
            Node inserted = layer.newNode(id, at);
            for (Map.Entry<String, Object> e : params.entrySet()) {
                inserted = inserted.withParam(e.getKey(), e.getValue());
            }
            return design.withoutEdge(edge)
                    .withNode(inserted)
                    .withEdge(new Edge(edge.from(), edge.fromPort(), id, Edge.IN))
                    .withEdge(new Edge(id, Edge.OUT, edge.to(), edge.toPort()));
        }
    }

    /** Sets one parameter of one node. */
    record SetParam(String nodeId, String param, Object value) implements Fix {
        public SetParam {
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(param, "param");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String description() {
            return "set " + param + " of " + nodeId + " to " + value;
        }

        @Override
        public Design apply(Design design, LayerCatalog catalog) {
            return design.withNode(design.requireNode(nodeId).withParam(param, value));
        }
    }
}
