package dev.netwright.runtime.check;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.Params;
import dev.netwright.runtime.layers.PortSpec;
import dev.netwright.runtime.layers.kinds.InputKind;
import dev.netwright.runtime.layers.kinds.OutputKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shape inference and validation of a design, without ND4J: it works on broken graphs, names the node
 * and the problem in the user's words, and runs in well under a frame for hundreds of nodes.
 */
public final class Checker {
    private final LayerCatalog catalog;

    public Checker(LayerCatalog catalog) {
        this.catalog = catalog;
    }

    public Checker() {
        this(LayerCatalog.standard());
    }

    public CheckResult check(Design design) {
        return new Run(design).check();
    }

    /** The state of one check: adjacency, diagnostics and reports gathered in one pass. */
    private final class Run {
        private final Design design;
        private final List<Diagnostic> diagnostics = new ArrayList<>();
        private final Map<String, NodeReport> reports = new LinkedHashMap<>();
        private final Map<String, List<Edge>> into = new HashMap<>();
        private final Map<String, List<Edge>> outOf = new HashMap<>();

        Run(Design design) {
            this.design = design;
            for (Node node : design.nodes()) {
                into.put(node.id(), new ArrayList<>());
                outOf.put(node.id(), new ArrayList<>());
            }
        }

        CheckResult check() {
            if (design.nodes().isEmpty()) {
                diagnostics.add(Diagnostic.error(null, "The design is empty: add an Input, some layers and an Output."));
                return new CheckResult(reports, diagnostics, List.of());
            }
            checkWires();
            checkEnds();
            List<String> order = Cycles.topologicalOrder(design.nodes(), outOf, into, diagnostics);
            for (String id : order) {
                checkNode(design.requireNode(id));
            }
            for (Node node : design.nodes()) {
                reports.putIfAbsent(node.id(), new NodeReport(node.id(), null, 0));
            }
            return new CheckResult(reports, diagnostics, order);
        }

        private void checkWires() {
            for (Edge edge : design.edges()) {
                Node from = design.requireNode(edge.from());
                Node to = design.requireNode(edge.to());
                Optional<LayerKind> fromKind = catalog.find(from.kind());
                Optional<LayerKind> toKind = catalog.find(to.kind());
                if (fromKind.isPresent() && (!fromKind.get().hasOutput() || !Edge.OUT.equals(edge.fromPort()))) {
                    diagnostics.add(Diagnostic.error(from.id(), fromKind.get().hasOutput()
                            ? from.kind() + " has no output port '" + edge.fromPort() + "'."
                            : "Output is the end of the network; nothing can follow it (remove the wire to " + to.id() + ")."));
                    continue;
                }
                if (toKind.isPresent() && toKind.get().inputPorts().stream().noneMatch(p -> p.name().equals(edge.toPort()))) {
                    diagnostics.add(Diagnostic.error(to.id(), to.kind() + " has no input port '" + edge.toPort() + "'."));
                    continue;
                }
                if (edge.from().equals(edge.to())) {
                    diagnostics.add(Diagnostic.error(to.id(), "A layer cannot feed itself; remove the wire from "
                            + to.id() + " to itself."));
                    continue;
                }
                outOf.get(edge.from()).add(edge);
                into.get(edge.to()).add(edge);
            }
        }

        private void checkEnds() {
            boolean hasInput = design.nodes().stream().anyMatch(n -> n.kind().equals(InputKind.ID));
            boolean hasOutput = design.nodes().stream().anyMatch(n -> n.kind().equals(OutputKind.ID));
            if (!hasInput) {
                diagnostics.add(Diagnostic.error(null, "The design has no Input: add one where the data enters."));
            }
            if (!hasOutput) {
                diagnostics.add(Diagnostic.error(null, "The design has no Output: add one to say what the network predicts."));
            }
        }

        private void checkNode(Node node) {
            Optional<LayerKind> found = catalog.find(node.kind());
            if (found.isEmpty()) {
                diagnostics.add(Diagnostic.error(node.id(), "Unknown layer kind '" + node.kind() + "'."));
                return;
            }
            LayerKind kind = found.get();
            boolean ok = checkParams(node, kind) & checkArity(node, kind);
            if (kind.hasOutput() && outOf.get(node.id()).isEmpty()) {
                diagnostics.add(Diagnostic.warning(node.id(), "The output of " + node.id() + " is not used."));
            }
            if (!ok) {
                return;
            }
            List<Edge> inputs = into.get(node.id());
            List<Shape> shapes = new ArrayList<>(inputs.size());
            for (Edge edge : inputs) {
                NodeReport upstream = reports.get(edge.from());
                if (upstream == null || upstream.output() == null) {
                    return; // the cause is reported on the upstream node; do not cascade.
                }
                shapes.add(upstream.output());
            }
            Context ctx = new Context(node, kind.read(node), shapes, inputs);
            Inferred inferred = kind.infer(ctx);
            if (inferred != null && !ctx.failed) {
                reports.put(node.id(), new NodeReport(node.id(), inferred.output(), inferred.params()));
            }
        }

        private boolean checkParams(Node node, LayerKind kind) {
            boolean ok = true;
            for (String name : node.params().keySet()) {
                if (kind.findParam(name).isEmpty()) {
                    diagnostics.add(Diagnostic.error(node.id(), kind.id() + " has no parameter '" + name + "'."));
                    ok = false;
                }
            }
            for (ParamSpec spec : kind.params()) {
                Object value = node.params().get(spec.name());
                if (value == null) {
                    continue; // the default applies
                }
                Optional<String> problem = spec.problemWith(value);
                if (problem.isPresent()) {
                    diagnostics.add(Diagnostic.error(node.id(), problem.get() + "."));
                    ok = false;
                }
            }
            return ok;
        }

        private boolean checkArity(Node node, LayerKind kind) {
            boolean ok = true;
            for (PortSpec port : kind.inputPorts()) {
                List<Edge> wires = into.get(node.id()).stream().filter(e -> e.toPort().equals(port.name())).toList();
                if (wires.size() < port.minWires()) {
                    diagnostics.add(Diagnostic.error(node.id(), wires.isEmpty()
                            ? node.id() + " has no input: wire a layer's output to it."
                            : kind.id() + " needs at least " + port.minWires() + " inputs, but only "
                            + wires.size() + " is wired."));
                    ok = false;
                } else if (wires.size() > port.maxWires()) {
                    diagnostics.add(Diagnostic.error(node.id(), kind.id() + " takes one input, but " + wires.size()
                            + " are wired (" + String.join(", ", wires.stream().map(Edge::from).toList())
                            + "); merge them with Add or Concat first."));
                    ok = false;
                }
            }
            return ok;
        }

        /** The view a shape rule has of one node. */
        private final class Context implements InferenceContext {
            private final Node node;
            private final Params params;
            private final List<Shape> shapes;
            private final List<Edge> edges;
            private boolean failed;

            Context(Node node, Params params, List<Shape> shapes, List<Edge> edges) {
                this.node = node;
                this.params = params;
                this.shapes = shapes;
                this.edges = edges;
            }

            @Override
            public Node node() {
                return node;
            }

            @Override
            public Params params() {
                return params;
            }

            @Override
            public List<Shape> inputs() {
                return shapes;
            }

            @Override
            public List<Edge> inputEdges() {
                return edges;
            }

            @Override
            public Inferred error(String message) {
                return error(message, null);
            }

            @Override
            public Inferred error(String message, Fix fix) {
                failed = true;
                diagnostics.add(new Diagnostic(Severity.ERROR, node.id(), capitalise(message), fix));
                return null;
            }

            @Override
            public void warn(String message) {
                diagnostics.add(Diagnostic.warning(node.id(), capitalise(message)));
            }
        }
    }

    private static String capitalise(String message) {
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }
}
