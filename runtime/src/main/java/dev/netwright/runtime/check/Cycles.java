package dev.netwright.runtime.check;

import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Topological order of a design's nodes; the nodes of each cycle get one error that names the loop. */
final class Cycles {
    private Cycles() {
    }

    static List<String> topologicalOrder(Collection<Node> nodes, Map<String, List<Edge>> outOf,
                                         Map<String, List<Edge>> into, List<Diagnostic> diagnostics) {
        Map<String, Integer> pending = new HashMap<>();
        Deque<String> ready = new ArrayDeque<>();
        for (Node node : nodes) {
            int n = into.get(node.id()).size();
            pending.put(node.id(), n);
            if (n == 0) {
                ready.add(node.id());
            }
        }
        List<String> order = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(id);
            for (Edge edge : outOf.get(id)) {
                if (pending.merge(edge.to(), -1, Integer::sum) == 0) {
                    ready.add(edge.to());
                }
            }
        }
        if (order.size() < nodes.size()) {
            Set<String> stuck = new LinkedHashSet<>();
            for (Node node : nodes) {
                if (pending.get(node.id()) > 0) {
                    stuck.add(node.id());
                }
            }
            reportCycles(stuck, outOf, diagnostics);
        }
        return order;
    }

    /** Finds each loop among the stuck nodes (those downstream of a loop are stuck too, but not on it). */
    private static void reportCycles(Set<String> stuck, Map<String, List<Edge>> outOf, List<Diagnostic> diagnostics) {
        Set<String> reported = new HashSet<>();
        for (String start : stuck) {
            if (reported.contains(start)) {
                continue;
            }
            List<String> loop = findLoopFrom(start, stuck, outOf);
            if (loop.isEmpty() || loop.stream().anyMatch(reported::contains)) {
                continue;
            }
            reported.addAll(loop);
            String path = String.join(" → ", loop) + " → " + loop.get(0);
            for (String id : loop) {
                diagnostics.add(Diagnostic.of(DiagnosticCode.CYCLE, id, "This layer is part of a cycle (" + path
                        + "); a network must flow one way: remove one of these wires."));
            }
        }
    }

    /** A loop through {@code start}, or empty when start only sits downstream of one. */
    private static List<String> findLoopFrom(String start, Set<String> stuck, Map<String, List<Edge>> outOf) {
        Deque<String> path = new ArrayDeque<>();
        Set<String> visited = new HashSet<>();
        return dfs(start, start, stuck, outOf, path, visited) ? new ArrayList<>(path) : List.of();
    }

    private static boolean dfs(String current, String target, Set<String> stuck, Map<String, List<Edge>> outOf,
                               Deque<String> path, Set<String> visited) {
        path.addLast(current);
        visited.add(current);
        for (Edge edge : outOf.get(current)) {
            String next = edge.to();
            if (next.equals(target)) {
                return true;
            }
            if (stuck.contains(next) && !visited.contains(next) && dfs(next, target, stuck, outOf, path, visited)) {
                return true;
            }
        }
        path.removeLast();
        return false;
    }
}
