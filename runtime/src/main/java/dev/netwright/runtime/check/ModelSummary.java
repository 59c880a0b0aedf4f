package dev.netwright.runtime.check;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.Shape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A design's summary table, as Keras's {@code model.summary()} prints it: one row per node in graph order (every node
 * after its inputs; nodes on a cycle last, in file order) with its kind, output shape, parameters and whether they are
 * trainable, and the totals. The command line's {@code check} and the window's Summary tab both print these rows, so
 * they never disagree.
 */
public record ModelSummary(List<Row> rows, long totalParams, long trainableParams) {

    /** The text shown for an output shape the checker could not work out. */
    public static final String UNKNOWN_SHAPE = "?";

    public ModelSummary {
        rows = List.copyOf(rows);
    }

    /**
     * One node's line.
     *
     * @param output    its output shape, empty when it cannot be worked out
     * @param params    its parameter count (0 when its shape is unknown)
     * @param trainable whether training changes its parameters
     * @param problem   its first error (else its first warning) in words, empty when it has none
     */
    public record Row(String nodeId, String name, String kindId, String kindName, Optional<Shape> output, long params,
                      boolean trainable, Optional<String> problem) {

        public Row {
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kindId, "kindId");
            Objects.requireNonNull(kindName, "kindName");
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(problem, "problem");
        }

        /** The output shape's label, e.g. "28×28×1", or {@link #UNKNOWN_SHAPE}. */
        public String outputLabel() {
            return output.map(Shape::label).orElse(UNKNOWN_SHAPE);
        }

        /**
         * The parameter count with thousands separators, e.g. "18,496", or {@link #UNKNOWN_SHAPE} when the shape is
         * unknown (the count is not known then either; "0" would be a wrong answer).
         */
        public String paramsLabel() {
            return output.isPresent() ? String.format(Locale.ROOT, "%,d", params) : UNKNOWN_SHAPE;
        }

        /** "yes" or "no" for a node with parameters; "—" for one without (there is nothing to train). */
        public String trainableLabel() {
            return params == 0 ? "—" : trainable ? "yes" : "no";
        }

        /** The parameters training may change: all of them when the node is trainable, else none. */
        public long trainableParams() {
            return trainable ? params : 0;
        }
    }

    /** The parameters training leaves as they are. */
    public long nonTrainableParams() {
        return totalParams - trainableParams;
    }

    /** The summary of {@code design} as {@code check} found it; {@code catalog} names the kinds. */
    public static ModelSummary of(Design design, CheckResult check, LayerCatalog catalog) {
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(catalog, "catalog");
        List<Row> rows = new ArrayList<>();
        long total = 0;
        long trainable = 0;
        Map<String, String> problems = problems(check);
        for (Node node : inGraphOrder(design, check)) {
            Optional<NodeReport> report = check.node(node.id());
            Optional<Shape> output = report.flatMap(NodeReport::outputShape);
            long params = output.isPresent() ? report.get().params() : 0;
            Row row = new Row(node.id(), node.name(), node.kind(),
                    catalog.find(node.kind()).map(LayerKind::displayName).orElse(node.kind()),
                    output, params, isTrainable(node, params), Optional.ofNullable(problems.get(node.id())));
            rows.add(row);
            total = saturatedAdd(total, row.params());
            trainable = saturatedAdd(trainable, row.trainableParams());
        }
        return new ModelSummary(rows, total, trainable);
    }

    /** Whether training changes a node's parameters: a node with parameters that is not frozen. The one place that decides it. */
    static boolean isTrainable(Node node, long params) {
        return params > 0 && node.trainable();
    }

    /** Each node's first error, else its first warning (one pass: a design may have hundreds of red nodes). */
    private static Map<String, String> problems(CheckResult check) {
        Map<String, String> errors = new HashMap<>();
        Map<String, String> warnings = new HashMap<>();
        for (Diagnostic d : check.diagnostics()) {
            if (d.nodeId() != null) {
                (d.isError() ? errors : warnings).putIfAbsent(d.nodeId(), d.message());
            }
        }
        warnings.putAll(errors);
        return warnings;
    }

    /** Every node after its inputs (as a summary reads top to bottom); nodes on a cycle last, in file order. */
    private static List<Node> inGraphOrder(Design design, CheckResult check) {
        Map<String, Node> byId = new LinkedHashMap<>();
        design.nodes().forEach(node -> byId.put(node.id(), node));
        List<Node> ordered = new ArrayList<>();
        for (String id : check.topologicalOrder()) {
            Node node = byId.remove(id);
            if (node != null) {
                ordered.add(node);
            }
        }
        ordered.addAll(byId.values());
        return ordered;
    }

    private static long saturatedAdd(long a, long b) {
        return b > Long.MAX_VALUE - a ? Long.MAX_VALUE : a + b;
    }
}
