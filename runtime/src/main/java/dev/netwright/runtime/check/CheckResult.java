package dev.netwright.runtime.check;

import dev.netwright.runtime.layers.Shape;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The outcome of checking a design: a report per node, the diagnostics, and the totals. */
public final class CheckResult {
    private final Map<String, NodeReport> nodes;
    private final List<Diagnostic> diagnostics;
    private final List<String> order;
    /** The nodes the design marks not trainable (frozen). */
    private final Set<String> frozen;

    CheckResult(Map<String, NodeReport> nodes, List<Diagnostic> diagnostics, List<String> order, Set<String> frozen) {
        this.nodes = Collections.unmodifiableMap(nodes);
        this.diagnostics = List.copyOf(diagnostics);
        this.order = List.copyOf(order);
        this.frozen = Set.copyOf(frozen);
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

    /** Parameter values over all nodes whose shapes are known, trainable and frozen. */
    public long totalParams() {
        return sum(false);
    }

    /** Parameter values of the frozen nodes, which training leaves as they are. */
    public long frozenParams() {
        return sum(true);
    }

    /** Parameter values training changes: all but the frozen nodes'. */
    public long trainableParams() {
        return totalParams() - frozenParams();
    }

    /** "Frozen (not trained): conv1, conv2 (18,816 of 93,322 parameters)." for a design with frozen nodes, else empty. */
    public Optional<String> describeFrozen() {
        if (frozen.isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = order.stream().filter(frozen::contains).toList();
        return Optional.of(String.format(java.util.Locale.ROOT, "Frozen (not trained): %s (%,d of %,d parameters).",
                String.join(", ", ids.isEmpty() ? List.copyOf(new java.util.TreeSet<>(frozen)) : ids), frozenParams(),
                totalParams()));
    }

    /** Whether the design marks this node not trainable. */
    public boolean isFrozen(String nodeId) {
        return frozen.contains(nodeId);
    }

    private long sum(boolean frozenOnly) {
        long total = 0;
        for (NodeReport report : nodes.values()) {
            if (!frozenOnly || frozen.contains(report.nodeId())) {
                total = report.params() > Long.MAX_VALUE - total ? Long.MAX_VALUE : total + report.params();
            }
        }
        return total;
    }

    /** Node ids in an order where every node comes after its inputs (nodes on a cycle are left out). */
    public List<String> topologicalOrder() {
        return order;
    }
}
