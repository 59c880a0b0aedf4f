package dev.netwright.runtime.codegen;

import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a design into one runnable tf.keras file: the functional model (channels last), compiled and fitted with the
 * design's saved training settings on Fashion-MNIST shaped as the design's input. Architecture only. A design with
 * errors, or with any node Keras code is not written for, is refused as a whole, naming every node in the way.
 */
public final class KerasExport {
    private final LayerCatalog catalog;

    public KerasExport(LayerCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    public KerasExport() {
        this(StandardKinds.catalog());
    }

    /** The Python file's text; throws {@link CodeExportException} naming every node that stands in the way. */
    public String export(Design design) {
        CheckResult check = new Checker(catalog).check(design);
        CodeExports.refuseErrors(check);
        List<Node> ordered = check.topologicalOrder().stream().map(design::requireNode).toList();
        List<Node> inputs = ordered.stream().filter(n -> "Input".equals(n.kind())).toList();
        List<Node> outputs = ordered.stream().filter(n -> "Output".equals(n.kind())).toList();
        Map<String, String> vars = PyTorchExport.attributeNames(ordered);
        List<String> body = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Node node : ordered) {
            String comment = "  # " + PyTorchExport.quoted(node.name()) + " (" + node.kind() + ") -> "
                    + check.output(node.id()).map(Shape::label).orElse("?");
            if ("Input".equals(node.kind())) {
                body.add(vars.get(node.id()) + " = keras.Input(shape=" + KerasLayers.shapeTuple(check.output(node.id())
                        .orElseThrow()) + ", name=" + KerasLayers.quote(node.id()) + ")" + comment);
                continue;
            }
            if (!KerasLayers.COVERED.contains(node.kind())) {
                refused.add(PyTorchExport.quoted(node.name()) + " (" + node.kind() + ")");
                continue;
            }
            List<Edge> into = design.edgesInto(node.id());
            List<Shape> shapes = into.stream().map(e -> check.output(e.from()).orElseThrow()).toList();
            List<String> from = into.stream().map(e -> vars.get(e.from())).toList();
            KerasLayers.NodeCode code = new KerasLayers.NodeCode(node.id(), catalog.require(node.kind()).read(node),
                    shapes, from, node.trainable());
            try {
                body.add(vars.get(node.id()) + " = " + KerasLayers.map(node.kind(), code) + comment);
            } catch (KerasLayers.Unsupported e) {
                refused.add(PyTorchExport.quoted(node.name()) + " (" + node.kind() + " with " + e.getMessage() + ")");
            }
        }
        if (!refused.isEmpty()) {
            throw new CodeExportException("No Keras export for: " + String.join(", ", refused) + ".");
        }
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new CodeExportException("No Keras export for a design with " + inputs.size() + " Input and "
                    + outputs.size() + " Output nodes: the export writes one input and one output.");
        }
        Node output = outputs.get(0);
        Shape inputShape = check.output(inputs.get(0).id()).orElseThrow();
        Set<String> kinds = ordered.stream().map(Node::kind).collect(Collectors.toSet());
        PythonWriter py = new PythonWriter();
        KerasScript.header(py, design, inputShape, kinds);
        py.line("keras.utils.set_random_seed(" + design.training().orElse(CodeExports.DEFAULT_PLAN).seed() + ")");
        py.blank();
        py.line("# " + PyTorchScript.oneLine(design.name()) + " as a functional Keras model; the last layer gives logits.");
        body.forEach(py::line);
        py.line("model = keras.Model(" + vars.get(inputs.get(0).id()) + ", " + vars.get(output.id()) + ", name="
                + KerasLayers.quote(design.name()) + ")");
        KerasScript.fineTuning(py, ordered);
        KerasScript.trailer(py, design, inputShape, catalog.require(output.kind()).read(output).getChoice("loss"));
        return py.text();
    }
}
