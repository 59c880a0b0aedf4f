package dev.netwright.designer.command;

import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.check.Diagnostic;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.PortSpec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a wire may be made, before it is made: while a wire is dragged, compatible ports light
 * up and an incompatible one says why. A wire is refused when it would feed a node itself, close a cycle,
 * overfill a port, repeat a wire, or give the target a shape it cannot take and that no one-click fix
 * mends. A wire whose problem has a fix (Dense after an image: insert Flatten) is allowed: the node
 * turns red and offers the fix, which is quicker for the user than a refusal.
 */
public final class WireRules {
    private final LayerCatalog catalog;
    private final Checker checker;

    public WireRules(LayerCatalog catalog) {
        this.catalog = catalog;
        this.checker = new Checker(catalog);
    }

    /** Why the wire cannot be made, or empty when it can. */
    public Optional<String> refusal(Design design, Edge edge) {
        if (edge.from().equals(edge.to())) {
            return Optional.of("A layer cannot feed itself.");
        }
        if (design.edges().contains(edge)) {
            return Optional.of("These two are already wired.");
        }
        LayerKind target = catalog.require(design.requireNode(edge.to()).kind());
        Optional<PortSpec> port = target.inputPorts().stream().filter(p -> p.name().equals(edge.toPort())).findFirst();
        if (port.isEmpty()) {
            return Optional.of(target.displayName() + " takes no input.");
        }
        long wired = design.edgesInto(edge.to()).stream().filter(e -> e.toPort().equals(edge.toPort())).count();
        if (wired >= port.get().maxWires()) {
            return Optional.of(edge.to() + " already has its input; use Add or Concat to merge two inputs.");
        }
        if (reaches(design, edge.to(), edge.from())) {
            return Optional.of("This wire would make a cycle: " + edge.to() + " already feeds " + edge.from() + ".");
        }
        return shapeRefusal(design, edge);
    }

    /** The target's new error if the wire were made (its shape rule refuses the input). */
    private Optional<String> shapeRefusal(Design design, Edge edge) {
        CheckResult before = checker.check(design);
        if (before.output(edge.from()).isEmpty()) {
            return Optional.empty(); // nothing known to judge by; the checker will speak once it is
        }
        CheckResult after = checker.check(design.withEdge(edge));
        Set<String> old = new HashSet<>(before.diagnosticsFor(edge.to()).stream().map(Diagnostic::message).toList());
        List<Diagnostic> fresh = after.diagnosticsFor(edge.to()).stream()
                .filter(d -> d.isError() && d.fix() == null && !old.contains(d.message()))
                .toList();
        return fresh.stream().findFirst().map(Diagnostic::message);
    }

    /** Whether {@code from} reaches {@code to} along wires. */
    static boolean reaches(Design design, String from, String to) {
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (id.equals(to)) {
                return true;
            }
            if (seen.add(id)) {
                design.edgesFrom(id).forEach(e -> todo.push(e.to()));
            }
        }
        return false;
    }
}
