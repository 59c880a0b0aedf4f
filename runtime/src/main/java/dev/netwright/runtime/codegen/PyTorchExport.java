package dev.netwright.runtime.codegen;

import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.design.AtomicFiles;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.weights.NpzArchive;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a design into one runnable Python file: an {@code nn.Module} whose {@code forward} follows the graph,
 * and a training loop with the design's saved settings; from a trained network, also its weights as the module's
 * {@code state_dict} in a numpy {@code .npz} file that the code loads ({@link #exportTrained}).
 * A design with errors, or with any node PyTorch code is not written for, is refused as a whole.
 */
public final class PyTorchExport {
    private static final Set<String> PYTHON_KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert",
            "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally",
            "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass",
            "raise", "return", "try", "while", "with", "yield");

    private final LayerCatalog catalog;

    public PyTorchExport(LayerCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    public PyTorchExport() {
        this(StandardKinds.catalog());
    }

    /**
     * The code and the trained weights it loads.
     *
     * @param code      the Python file's text
     * @param stateDict the module's state_dict by PyTorch's names, to be written as an .npz beside the code
     */
    public record Trained(String code, Map<String, INDArray> stateDict) {
    }

    /** The Python file's text; throws {@link CodeExportException} naming every node that stands in the way. */
    public String export(Design design) {
        return generate(design, null, null).code();
    }

    /**
     * The code, loading {@code weightsFileName} from its own folder at start, and {@code graph}'s weights for it.
     * {@code graph} is a network compiled from {@code design} (a run's saved model, or the design with its weights).
     */
    public Trained exportTrained(Design design, ComputationGraph graph, String weightsFileName) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(weightsFileName, "weightsFileName");
        return generate(design, graph, weightsFileName);
    }

    /**
     * Writes {@code code} and, beside it, {@link #weightsFileFor its weights file}: the weights first, each file whole
     * or not at all, so the code is never left naming weights that are not there.
     *
     * @return the weights file written
     */
    public Path writeTrained(Design design, ComputationGraph graph, Path code) throws IOException {
        Path weightsFile = weightsFileFor(code);
        Trained trained = exportTrained(design, graph, weightsFile.getFileName().toString());
        NpzArchive.write(weightsFile, trained.stateDict());
        AtomicFiles.write(code, trained.code().getBytes(StandardCharsets.UTF_8));
        return weightsFile;
    }

    /**
     * model.py -> model.state_dict.npz, beside it: not the {@code .weights.npz} of a design file, whose arrays are in
     * Deeplearning4j's layouts, so exporting beside a design never replaces its weights.
     */
    public static Path weightsFileFor(Path code) {
        String name = code.getFileName().toString();
        String stem = name.endsWith(".py") ? name.substring(0, name.length() - 3) : name;
        return code.toAbsolutePath().resolveSibling(stem + ".state_dict.npz");
    }

    private Trained generate(Design design, ComputationGraph graph, String weightsFileName) {
        CheckResult check = new Checker(catalog).check(design);
        CodeExports.refuseErrors(check);
        List<Node> ordered = check.topologicalOrder().stream().map(design::requireNode).toList();
        List<Node> inputs = ordered.stream().filter(n -> "Input".equals(n.kind())).toList();
        List<Node> outputs = ordered.stream().filter(n -> "Output".equals(n.kind())).toList();
        Map<String, String> attrs = attributeNames(ordered);
        List<String> init = new ArrayList<>();
        List<String> forward = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> frozen = new ArrayList<>();
        Map<String, Double> factors = new java.util.LinkedHashMap<>();
        PyTorchWeights weights = graph == null ? null : new PyTorchWeights(graph);
        for (Node node : ordered) {
            if ("Input".equals(node.kind())) {
                continue;
            }
            if (!covered(node)) {
                refused.add(quoted(node.name()) + " (" + node.kind() + ")");
                continue;
            }
            LayerKind kind = catalog.require(node.kind());
            List<Edge> into = design.edgesInto(node.id());
            List<Shape> shapes = into.stream().map(e -> check.output(e.from()).orElseThrow()).toList();
            List<String> vars = into.stream().map(e -> "x_" + attrs.get(e.from())).toList();
            PyTorchLayers.NodeCode code = new PyTorchLayers.NodeCode(attrs.get(node.id()), kind.read(node), shapes, vars,
                    check.output(node.id()).orElseThrow());
            try {
                PyTorchLayer layer = PyTorchLayers.map(node.kind(), code);
                String comment = "  # " + quoted(node.name()) + " (" + node.kind() + ") -> "
                        + check.output(node.id()).map(Shape::label).orElse("?");
                if (layer.module() != null) {
                    init.add("self." + code.attr() + " = " + layer.module() + "  # " + quoted(node.name()));
                    if (!node.trainable()) {
                        frozen.add(code.attr());
                    } else if (node.learnRateFactor() != 1) {
                        factors.put(code.attr(), node.learnRateFactor());
                    }
                }
                forward.add("x_" + code.attr() + " = " + layer.forward() + comment);
                if (weights != null) {
                    weights.add(node, code.attr());
                }
            } catch (PyTorchLayers.Unsupported e) {
                refused.add(quoted(node.name()) + " (" + node.kind() + " with " + e.getMessage() + ")");
            }
        }
        if (!refused.isEmpty()) {
            throw new CodeExportException("No PyTorch export for: " + String.join(", ", refused) + ".");
        }
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new CodeExportException("No PyTorch export for a design with " + inputs.size() + " Input and "
                    + outputs.size() + " Output nodes: the export writes one input and one output.");
        }
        Node input = inputs.get(0);
        Node output = outputs.get(0);
        Shape inputShape = check.output(input.id()).orElseThrow();
        Shape outputShape = check.output(output.id()).orElseThrow();
        PythonWriter py = new PythonWriter();
        String className = className(design.name());
        PyTorchScript.header(py, design, inputShape, outputShape,
                ordered.stream().map(Node::kind).collect(Collectors.toSet()), weightsFileName,
                ordered.stream().filter(n -> "Embedding".equals(n.kind())).findFirst()
                        .map(n -> kindParams(n).getInt("vocabulary")));
        py.line("class " + className + "(nn.Module):");
        py.indent();
        py.line("\"\"\"" + PyTorchScript.oneLine(design.name()) + ": input " + PyTorchScript.layout(inputShape)
                + ", output [N, " + ((Shape.Vector) outputShape).size() + "] logits.\"\"\"");
        py.blank();
        py.line("input_shape = " + PyTorchScript.tuple(inputShape));
        py.blank();
        boolean fineTuned = !frozen.isEmpty() || !factors.isEmpty();
        if (fineTuned) {
            PyTorchScript.fineTuning(py, frozen, factors);
        }
        py.line("def __init__(self):");
        py.indent();
        py.line("super().__init__()");
        init.forEach(py::line);
        py.dedent();
        py.blank();
        py.line("def forward(self, x_" + attrs.get(input.id()) + "):");
        py.indent();
        forward.forEach(py::line);
        py.line("return x_" + attrs.get(output.id()));
        py.dedent();
        py.blank();
        String loss = kindParams(output).getChoice("loss");
        py.line("def predict(self, x):");
        py.indent();
        py.line("\"\"\"What Netwright's Output layer gives at inference: " + PyTorchScript.prediction(loss) + ".\"\"\"");
        py.line("with torch.no_grad():");
        py.indent();
        py.line("return " + PyTorchScript.predictionOf(loss, "self(x)"));
        py.dedent();
        py.dedent();
        py.dedent();
        py.blank();
        py.blank();
        PyTorchScript.trailer(py, design, className, inputShape, loss, weightsFileName != null, fineTuned);
        return new Trained(py.text(), weights == null ? Map.of() : weights.stateDict());
    }

    private dev.netwright.runtime.layers.Params kindParams(Node node) {
        return catalog.require(node.kind()).read(node);
    }

    private static boolean covered(Node node) {
        return PyTorchLayers.COVERED.contains(node.kind());
    }

    /** Node ids as Python identifiers, distinct from each other and from nn.Module's own names. */
    static Map<String, String> attributeNames(List<Node> nodes) {
        Map<String, String> names = new HashMap<>();
        Set<String> taken = new HashSet<>(Set.of("training", "forward", "predict", "input_shape", "to", "eval",
                "train", "modules", "parameters", "buffers", "children", "state_dict", "cuda", "cpu", "type",
                "float", "double", "half", "apply", "zero_grad", "register_buffer", "register_module",
                "add_module", "named_modules", "named_parameters"));
        for (Node node : nodes) {
            String base = node.id().replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(Locale.ROOT);
            if (base.isEmpty() || Character.isDigit(base.charAt(0)) || PYTHON_KEYWORDS.contains(base)) {
                base = "n_" + base;
            }
            String name = base;
            for (int i = 2; taken.contains(name); i++) {
                name = base + "_" + i;
            }
            taken.add(name);
            names.put(node.id(), name);
        }
        return names;
    }

    /** The design's name as a Python class name, e.g. "Seed CNN" -> SeedCnn. */
    static String className(String designName) {
        StringBuilder out = new StringBuilder();
        for (String word : designName.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        if (out.length() == 0 || Character.isDigit(out.charAt(0))) {
            out.insert(0, "Net");
        }
        return out.toString();
    }

    static String quoted(String text) {
        return "'" + PyTorchScript.oneLine(text) + "'";
    }
}
