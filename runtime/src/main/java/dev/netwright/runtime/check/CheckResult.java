package dev.netwright.runtime.check;

import dev.netwright.runtime.layers.Shape;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outcome of checking a design: a report per node, the diagnostics, and the totals. */
public final class CheckResult {
    private final Map<String, NodeReport> nodes;
    private final List<Diagnostic> diagnostics;
    private final List<String> order;

    CheckResult(Map<String, NodeReport> nodes, List<Diagnostic> diagnostics, List<String> order) {
        this.nodes = Collections.unmodifiableMap(nodes);
        this.diagnostics = List.copyOf(diagnostics);
        this.order = List.copyOf(order);
    }

    public Map<String, NodeReport> nodes() {
        return nodes;
    }

    public Optional<NodeReport> node(String nodeId) {
        return Optional.ofNullable(nodes.get(nodeId));
    }

    public Optional<Shape> output(String nodeId) {
        return node(nodeId).flatMap(NodeReport::outputShape);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public List<Diagnostic> diagnosticsFor(String nodeId) {
        return diagnostics.stream().filter(d -> nodeId.equals(d.nodeId())).toList();
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public long errorCount() {
        return diagnostics.stream().filter(Diagnostic::isError).count();
    }

    /** Trainable values over all nodes whose shapes are known. */
    public long totalParams() {
        long total = 0;
        for (NodeReport report : nodes.values()) {
            total = report.params() > Long.MAX_VALUE - total ? Long.MAX_VALUE : total + report.params();
        }
        return total;
    }

    /** Node ids in an order where every node comes after its inputs (nodes on a cycle are left out). */
    public List<String> topologicalOrder() {
        return order;
    }
}
