package dev.netwright.runtime.doctor;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;

/**
 * The design node a DL4J vertex belongs to: the compiler names a node's vertex by its id, and the vertices a composite
 * kind expands into {@code id/part} (as {@code weights.DesignWeights} reads them back).
 */
final class NodeIds {
    private NodeIds() {
    }

    static String of(String vertexName, Design design) {
        if (design == null || design.contains(vertexName)) {
            return vertexName;
        }
        String best = null;
        for (Node node : design.nodes()) {
            String id = node.id();
            if (vertexName.startsWith(id + "/") && (best == null || id.length() > best.length())) {
                best = id;
            }
        }
        return best == null ? vertexName : best;
    }
}
