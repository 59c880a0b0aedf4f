package dev.netwright.designer.command;

import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.NodeReport;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.layers.kinds.OutputKind;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which nodes "Freeze up to here" freezes: a node and its ancestors that have parameters, never an Output. */
public final class FreezeScope {
    private FreezeScope() {
    }

    /** The node and every node before it in the graph that holds parameters, in the design's node order. */
    public static List<String> upTo(Design design, CheckResult check, String nodeId) {
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(nodeId));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (reached.add(id)) {
                design.edgesInto(id).stream().map(Edge::from).forEach(todo::push);
            }
        }
        return design.nodes().stream()
                .filter(n -> reached.contains(n.id()))
                // Deeplearning4j trains a network through its output layer: the compiler refuses a frozen Output.
                .filter(n -> !OutputKind.ID.equals(n.kind()))
                .filter(n -> check.node(n.id()).map(NodeReport::params).orElse(0L) > 0)
                .map(n -> n.id())
                .toList();
    }

    /** Whether a node can be frozen at all: it holds parameters and is not an Output. */
    public static boolean canFreeze(Design design, CheckResult check, String nodeId) {
        return design.node(nodeId).filter(n -> !OutputKind.ID.equals(n.kind())).isPresent()
                && check.node(nodeId).map(NodeReport::params).orElse(0L) > 0;
    }
}
