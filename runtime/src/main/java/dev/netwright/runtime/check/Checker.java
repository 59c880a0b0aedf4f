package dev.netwright.runtime.check;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.layers.Fix;
import dev.netwright.runtime.layers.Shape;
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
    private final WiringRules wiring;
    private final long memoryBudget;

    public Checker(LayerCatalog catalog) {
        this(catalog, MemoryBudget.forTraining());
    }

    /** A checker that warns about designs needing more than {@code memoryBudget} bytes to train at the default settings. */
    public Checker(LayerCatalog catalog, long memoryBudget) {
        this.catalog = catalog;
        this.wiring = new WiringRules(catalog);
        this.memoryBudget = memoryBudget;
    }

    public Checker() {
        this(StandardKinds.catalog());
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

        private java.util.Set<String> frozen() {
            return design.nodes().stream().filter(n -> !n.trainable()).map(Node::id)
                    .collect(java.util.stream.Collectors.toSet());
        }

        CheckResult check() {
            if (design.nodes().isEmpty()) {
                add(DiagnosticCode.EMPTY_DESIGN, null, "The design is empty: add an Input, some layers and an Output.");
                return new CheckResult(reports, diagnostics, List.of(), frozen());
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
            checkAugmentation();
            CheckResult shapes = new CheckResult(reports, diagnostics, order, frozen());
            ResourceEstimate estimate = ResourceEstimate.atDefaults(design, shapes, catalog);
            if (estimate.trainingBytes() > memoryBudget) {
                add(DiagnosticCode.OVER_MEMORY_BUDGET, null, "The network needs " + estimate.describeMemory("Adam")
                        + ", more than the " + Sizes.bytes(memoryBudget) + " this computer gives a training run: use "
                        + "fewer or smaller layers, or a smaller batch.");
                return new CheckResult(reports, diagnostics, order, frozen());
            }
            return shapes;
        }

        /** The augmentation saved with the design needs an image Input (an Input that cannot be read is reported already). */
        private void checkAugmentation() {
            design.training().ifPresent(plan -> design.nodes().stream()
                    .filter(n -> n.kind().equals(InputKind.ID)).findFirst()
                    .filter(input -> reports.get(input.id()).output() != null)
                    .flatMap(input -> AugmentationFit.problem(plan.augmentation(), input.id(),
                            reports.get(input.id()).output())
                            .map(message -> Diagnostic.of(DiagnosticCode.AUGMENTATION_NEEDS_IMAGES, input.id(), message)))
                    .ifPresent(diagnostics::add));
        }

        private void add(DiagnosticCode code, String nodeId, String message) {
            diagnostics.add(Diagnostic.of(code, nodeId, message));
        }

        private void checkWires() {
            for (Edge edge : design.edges()) {
                Node from = design.requireNode(edge.from());
                Node to = design.requireNode(edge.to());
                // a kind the catalog does not know has no port rules; checkNode reports the kind
                Optional<DiagnosticCode> fromProblem = catalog.find(from.kind())
                        .flatMap(kind -> wiring.outputPortProblem(kind, edge.fromPort()));
                if (fromProblem.isPresent()) {
                    add(fromProblem.get(), from.id(), fromProblem.get() == DiagnosticCode.NO_OUTPUT_PORT
                            ? from.kind() + " has no output port '" + edge.fromPort() + "'."
                            : "Output is the end of the network; nothing can follow it (remove the wire to "
                            + to.id() + ").");
                    continue;
                }
                Optional<DiagnosticCode> toProblem = catalog.find(to.kind())
                        .flatMap(kind -> wiring.inputPortProblem(kind, edge.toPort()));
                if (toProblem.isPresent()) {
                    add(toProblem.get(), to.id(), to.kind() + " has no input port '" + edge.toPort() + "'.");
                    continue;
                }
                if (edge.from().equals(edge.to())) {
                    add(DiagnosticCode.SELF_WIRE, to.id(), "A layer cannot feed itself; remove the wire from "
                            + to.id() + " to itself.");
                    continue;
                }
                outOf.get(edge.from()).add(edge);
                into.get(edge.to()).add(edge);
            }
        }

        /** Netwright trains networks with one Input and one Output: more of either is an error here, as in training. */
        private void checkEnds() {
            List<String> inputs = design.nodes().stream().filter(n -> n.kind().equals(InputKind.ID)).map(Node::id).toList();
            List<String> outputs = design.nodes().stream().filter(n -> n.kind().equals(OutputKind.ID)).map(Node::id).toList();
            if (inputs.isEmpty()) {
                add(DiagnosticCode.NO_INPUT_NODE, null, "The design has no Input: add one where the data enters.");
            } else if (inputs.size() > 1) {
                add(DiagnosticCode.TOO_MANY_INPUT_NODES, inputs.get(1), "The design has " + inputs.size()
                        + " Inputs (" + String.join(", ", inputs)
                        + "); Netwright trains networks with one Input: remove the others.");
            }
            if (outputs.isEmpty()) {
                add(DiagnosticCode.NO_OUTPUT_NODE, null,
                        "The design has no Output: add one to say what the network predicts.");
            } else if (outputs.size() > 1) {
                add(DiagnosticCode.TOO_MANY_OUTPUT_NODES, outputs.get(1), "The design has " + outputs.size()
                        + " Outputs (" + String.join(", ", outputs)
                        + "); Netwright trains networks with one Output: remove the others.");
            }
        }

        private void checkNode(Node node) {
            Optional<LayerKind> found = catalog.find(node.kind());
            if (found.isEmpty()) {
                add(DiagnosticCode.UNKNOWN_KIND, node.id(), "Unknown layer kind '" + node.kind() + "'.");
                return;
            }
            LayerKind kind = found.get();
            boolean ok = checkParams(node, kind) & checkArity(node, kind);
            if (kind.hasOutput() && outOf.get(node.id()).isEmpty()) {
                add(DiagnosticCode.OUTPUT_UNUSED, node.id(), "The output of " + node.id() + " is not used.");
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
            Inferred inferred;
            try {
                inferred = kind.infer(ctx);
            } catch (ArithmeticException overflow) {
                // a size beyond what Java's numbers hold, from a shape rule that did not foresee it
                ctx.report(DiagnosticCode.SIZE_OVERFLOW, node.id() + "'s sizes are too large to compute ("
                        + overflow.getMessage() + "); make the layers before it smaller.", null);
                return;
            }
            if (inferred != null && !ctx.failed) {
                reports.put(node.id(), new NodeReport(node.id(), inferred.output(), inferred.params()));
            }
        }

        private boolean checkParams(Node node, LayerKind kind) {
            boolean ok = true;
            for (String name : node.params().keySet()) {
                if (kind.findParam(name).isEmpty()) {
                    add(DiagnosticCode.UNKNOWN_PARAM, node.id(), kind.id() + " has no parameter '" + name + "'.");
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
                    add(DiagnosticCode.BAD_PARAM_VALUE, node.id(), problem.get() + ".");
                    ok = false;
                }
            }
            return ok;
        }

        private boolean checkArity(Node node, LayerKind kind) {
            boolean ok = true;
            for (PortSpec port : kind.inputPorts()) {
                List<Edge> wires = into.get(node.id()).stream().filter(e -> e.toPort().equals(port.name())).toList();
                Optional<DiagnosticCode> problem = wiring.inputCountProblem(port, wires.size());
                if (problem.isEmpty()) {
                    continue;
                }
                ok = false;
                add(problem.get(), node.id(), switch (problem.get()) {
                    case NO_INPUT -> node.id() + " has no input: wire a layer's output to it.";
                    case TOO_FEW_INPUTS -> kind.id() + " needs at least " + port.minWires() + " inputs, but only "
                            + wires.size() + " is wired.";
                    case TOO_MANY_INPUTS -> kind.id() + " takes one input, but " + wires.size() + " are wired ("
                            + String.join(", ", wires.stream().map(Edge::from).toList())
                            + "); merge them with Add or Concat first.";
                    default -> throw new IllegalStateException("not a wire count: " + problem.get());
                });
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
                return report(DiagnosticCode.SHAPE_RULE, message, fix);
            }

            @Override
            public void warn(String message) {
                add(DiagnosticCode.SHAPE_RULE_WARNING, node.id(), capitalise(message));
            }

            /** Reports an error on this node; the shape is then unknown. */
            Inferred report(DiagnosticCode code, String message, Fix fix) {
                failed = true;
                diagnostics.add(new Diagnostic(code, node.id(), capitalise(message), fix));
                return null;
            }
        }
    }

    private static String capitalise(String message) {
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }
}
