package dev.netwright.runtime.check;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.PortSpec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which ports a layer kind has, how many wires each takes, and whether a wire may join two nodes: the one place the
 * file format ({@code DesignJson}), the {@link Checker} and the designer's wire rules ask. Each rule answers with the
 * {@link DiagnosticCode} of what is wrong; the callers word it for their readers (a file's field, a node, a drag).
 */
public final class WiringRules {
    private final LayerCatalog catalog;

    public WiringRules(LayerCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    // ---------------------------------------------------------------- ports

    /** Whether a wire may leave {@code port} of a node of this kind: only {@code out}, and not on Output. */
    public boolean hasOutputPort(LayerKind kind, String port) {
        return outputPortProblem(kind, port).isEmpty();
    }

    /** The input port of that name, if the kind has one. */
    public Optional<PortSpec> inputPort(LayerKind kind, String port) {
        return kind.inputPorts().stream().filter(p -> p.name().equals(port)).findFirst();
    }

    /** Whether a node of this kind takes any wire in (Input takes none). */
    public boolean takesInputs(LayerKind kind) {
        return !kind.inputPorts().isEmpty();
    }

    /**
     * Why no wire may leave {@code port}: {@link DiagnosticCode#NOTHING_AFTER_OUTPUT} (the kind has no output) or
     * {@link DiagnosticCode#NO_OUTPUT_PORT}.
     */
    public Optional<DiagnosticCode> outputPortProblem(LayerKind kind, String port) {
        if (!kind.hasOutput()) {
            return Optional.of(DiagnosticCode.NOTHING_AFTER_OUTPUT);
        }
        return Edge.OUT.equals(port) ? Optional.empty() : Optional.of(DiagnosticCode.NO_OUTPUT_PORT);
    }

    /** Why no wire may arrive at {@code port}: {@link DiagnosticCode#NO_INPUT_PORT}. */
    public Optional<DiagnosticCode> inputPortProblem(LayerKind kind, String port) {
        return inputPort(kind, port).isPresent() ? Optional.empty() : Optional.of(DiagnosticCode.NO_INPUT_PORT);
    }

    // ---------------------------------------------------------------- how many wires

    /**
     * Whether {@code wired} wires suit the port: {@link DiagnosticCode#NO_INPUT}, {@link DiagnosticCode#TOO_FEW_INPUTS}
     * or {@link DiagnosticCode#TOO_MANY_INPUTS}, or empty when the count is right.
     */
    public Optional<DiagnosticCode> inputCountProblem(PortSpec port, long wired) {
        if (wired < port.minWires()) {
            return Optional.of(wired == 0 ? DiagnosticCode.NO_INPUT : DiagnosticCode.TOO_FEW_INPUTS);
        }
        return wired > port.maxWires() ? Optional.of(DiagnosticCode.TOO_MANY_INPUTS) : Optional.empty();
    }

    // ---------------------------------------------------------------- a new wire

    /**
     * Why {@code edge} may not be added to {@code design}, before anything about shapes:
     * {@link DiagnosticCode#SELF_WIRE}, {@link DiagnosticCode#DUPLICATE_WIRE}, {@link DiagnosticCode#NO_INPUT_PORT},
     * {@link DiagnosticCode#TOO_MANY_INPUTS} (the port is full) or {@link DiagnosticCode#CYCLE}, checked in that order;
     * empty when the wiring allows it. Too few inputs is never a reason: Add's port fills one wire at a time.
     */
    public Optional<DiagnosticCode> newWireProblem(Design design, Edge edge) {
        if (edge.from().equals(edge.to())) {
            return Optional.of(DiagnosticCode.SELF_WIRE);
        }
        if (design.edges().contains(edge)) {
            return Optional.of(DiagnosticCode.DUPLICATE_WIRE);
        }
        LayerKind target = catalog.require(design.requireNode(edge.to()).kind());
        Optional<PortSpec> port = inputPort(target, edge.toPort());
        if (port.isEmpty()) {
            return Optional.of(DiagnosticCode.NO_INPUT_PORT);
        }
        long wired = design.edgesInto(edge.to()).stream().filter(e -> e.toPort().equals(edge.toPort())).count();
        if (inputCountProblem(port.get(), wired + 1).orElse(null) == DiagnosticCode.TOO_MANY_INPUTS) {
            return Optional.of(DiagnosticCode.TOO_MANY_INPUTS);
        }
        if (reaches(design, edge.to(), edge.from())) {
            return Optional.of(DiagnosticCode.CYCLE);
        }
        return Optional.empty();
    }

    /** Whether {@code from} reaches {@code to} along wires. */
    private static boolean reaches(Design design, String from, String to) {
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
