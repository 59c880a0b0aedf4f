package dev.netwright.designer.command;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Copied nodes with the wires between them (wires to nodes outside the copy are left behind). */
public record Fragment(List<Node> nodes, List<Edge> edges) {

    public Fragment {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    /** The selected nodes of a design and the wires inside the selection, in design order. */
    public static Fragment copy(Design design, Collection<String> selection) {
        Set<String> ids = Set.copyOf(selection);
        List<Node> nodes = design.nodes().stream().filter(n -> ids.contains(n.id())).toList();
        List<Edge> edges = design.edges().stream().filter(e -> ids.contains(e.from()) && ids.contains(e.to())).toList();
        return new Fragment(nodes, edges);
    }

    /** The fragment with ids fresh for {@code target}, its wires renamed to match, and moved by (dx, dy). */
    public Fragment placedInto(Design target, double dx, double dy) {
        Map<String, String> renamed = new HashMap<>();
        Design scratch = target;
        List<Node> placed = new ArrayList<>();
        for (Node node : nodes) {
            String id = scratch.freshId(stem(node.id()));
            renamed.put(node.id(), id);
            Node copy = node.withId(id).withPosition(node.position().translate(dx, dy));
            placed.add(copy);
            scratch = scratch.withNode(copy);
        }
        List<Edge> wires = edges.stream().map(e -> new Edge(renamed.get(e.from()), e.fromPort(), renamed.get(e.to()),
                e.toPort())).toList();
        return new Fragment(placed, wires);
    }

    /** "conv12" -> "conv", so a copy of conv1 becomes the next free conv id. */
    private static String stem(String id) {
        String stem = id.replaceFirst("\\d+$", "");
        return stem.isEmpty() ? "node" : stem;
    }
}
