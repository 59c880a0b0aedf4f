package dev.netwright.runtime.codegen;

import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.NodeTraining;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.LstmEngine;
import dev.netwright.runtime.layers.Params;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.dl4j.FrozenNodeLayer;
import dev.netwright.runtime.layers.kinds.OutputKind;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.train.TrainingPlans;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.EmptyParamInitializer;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Turns a design into one Java source file for Deeplearning4j: a class named after the design whose
 * {@code configuration()} builds the same {@link ComputationGraphConfiguration} as Netwright's compiler (vertex names
 * are node ids), {@code build()} the initialised graph and {@code main} a training loop with the design's saved
 * settings; the class is in the default package. Each node is emitted by its kind exactly as the compiler emits it,
 * and the built DL4J objects are written back as builder code ({@link JavaLayers}), so the export follows the
 * compiler. A design with errors, or with a node whose DL4J objects are not written, is refused as a whole, naming
 * every node in the way.
 */
public final class JavaExport {
    private final LayerCatalog catalog;

    public JavaExport(LayerCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    public JavaExport() {
        this(StandardKinds.catalog());
    }

    /** The Java file's text; throws {@link CodeExportException} naming every node that stands in the way. */
    public String export(Design design) {
        TrainingPlan plan = design.training().orElse(CodeExports.DEFAULT_PLAN);
        // The network a run trains: with the plan's dropout override applied, as the worker compiles it
        Design network = TrainingPlans.runDesign(plan, design);
        CheckResult check = new Checker(catalog).check(network);
        CodeExports.refuseErrors(check);
        JavaLayers code = new JavaLayers();
        List<String> networkInputs = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        List<String> inputTypes = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<String> body = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        TrainingSettings settings = TrainingPlans.settings(plan);
        IUpdater runUpdater = DesignCompiler.updater(settings);
        for (String id : check.topologicalOrder()) {
            Node node = network.requireNode(id);
            LayerKind kind = catalog.require(node.kind());
            List<Edge> wires = network.edgesInto(id);
            List<Shape> shapes = wires.stream().map(e -> check.output(e.from()).orElseThrow()).toList();
            Recorder recorder = new Recorder(node, kind.read(node), wires.stream().map(Edge::from).toList(), shapes,
                    check.output(id).orElseThrow(), networkInputs);
            try {
                kind.emit(recorder);
                for (InputType type : recorder.declared) {
                    networkInputs.add(id);
                    inputs.add(JavaProgram.string(id));
                    inputTypes.add(code.inputType(type));
                }
                if (!recorder.added.isEmpty()) {
                    body.add("// " + JavaProgram.comment(PyTorchExport.quoted(node.name()) + " (" + node.kind() + ") -> "
                            + check.output(id).map(Shape::label).orElse("?")));
                }
                for (Added added : recorder.added) {
                    body.add(added.call(code, node, runUpdater));
                }
            } catch (JavaLayers.Unsupported e) {
                refused.add(PyTorchExport.quoted(node.name()) + " (" + node.kind() + " with " + e.getMessage() + ")");
            } catch (RuntimeException e) {
                refused.add(PyTorchExport.quoted(node.name()) + " (" + node.kind() + ": " + e.getMessage() + ")");
            }
            if (OutputKind.ID.equals(node.kind())) {
                outputs.add(JavaProgram.string(id));
            }
        }
        if (!refused.isEmpty()) {
            throw new CodeExportException("No Java export for: " + String.join(", ", refused) + ".");
        }
        return new JavaProgram(network, check, plan, settings, code, catalog).text(inputs, inputTypes, body, outputs);
    }

    /**
     * One {@code addLayer} or {@code addVertex} call a kind made; a frozen node's layers with parameters are wrapped as
     * the compiler wraps them (Netwright's FrozenNodeLayer), and a node's learning-rate factor gives its layers their
     * own optimizer as the compiler gives it ({@link NodeTraining}), so the code builds the configuration the compiler
     * builds.
     */
    private record Added(String name, Object element, List<String> from, boolean frozen) {
        String call(JavaLayers code, Node node, IUpdater runUpdater) throws JavaLayers.Unsupported {
            String wires = from.stream().map(JavaProgram::string).collect(Collectors.joining(", "));
            String vertex = JavaProgram.string(name);
            return element instanceof Layer layer
                    ? ".addLayer(" + vertex + ", " + layerCode(code, layer, node, runUpdater) + ", " + wires + ")"
                    : ".addVertex(" + vertex + ", " + code.vertex((GraphVertex) element) + ", " + wires + ")";
        }

        private String layerCode(JavaLayers code, Layer layer, Node node, IUpdater runUpdater)
                throws JavaLayers.Unsupported {
            boolean wrapped = frozen && !(layer.initializer() instanceof EmptyParamInitializer);
            if (wrapped) {
                return "new " + FrozenNodeLayer.class.getName() + "(" + code.layer(layer) + ")";
            }
            return code.layer(NodeTraining.apply(node, layer, runUpdater));
        }
    }

    /** What a kind sees while it emits, keeping the calls instead of building a graph. */
    private static final class Recorder implements EmitContext {
        private final Node node;
        private final Params params;
        private final List<String> inputs;
        private final List<Shape> inputShapes;
        private final Shape output;
        private final List<String> networkInputs;
        private final List<Added> added = new ArrayList<>();
        private final List<InputType> declared = new ArrayList<>();

        Recorder(Node node, Params params, List<String> inputs, List<Shape> inputShapes, Shape output,
                 List<String> networkInputs) {
            this.node = node;
            this.params = params;
            this.inputs = inputs;
            this.inputShapes = inputShapes;
            this.output = output;
            this.networkInputs = networkInputs;
        }

        @Override
        public String name() {
            return node.id();
        }

        @Override
        public Params params() {
            return params;
        }

        @Override
        public List<String> inputs() {
            return inputs;
        }

        @Override
        public List<Shape> inputShapes() {
            return inputShapes;
        }

        @Override
        public Shape output() {
            return output;
        }

        @Override
        public ComputationGraphConfiguration.GraphBuilder graph() {
            throw new UnsupportedOperationException("the Java export records addLayer and addVertex only");
        }

        @Override
        public LstmEngine lstmEngine() {
            return LstmEngine.DEFAULT;
        }

        @Override
        public boolean readsNetworkInputsOnly() {
            // As the compiler decides it: every wire comes from a node declared as a network input so far
            return !inputs.isEmpty() && networkInputs.containsAll(inputs);
        }

        @Override
        public void declareInput(InputType type) {
            declared.add(type);
        }

        @Override
        public void addLayer(String vertexName, Layer layer, String... from) {
            added.add(new Added(vertexName, layer, List.of(from), !node.trainable()));
        }

        @Override
        public void addVertex(String vertexName, GraphVertex vertex, String... from) {
            added.add(new Added(vertexName, vertex, List.of(from), false));
        }
    }

    /** The file javac wants exported {@code code} in: its public class's name and {@code .java}. */
    public static String fileNameOf(String code) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^public final class (\\w+)").matcher(code);
        if (!m.find()) {
            throw new IllegalArgumentException("not code JavaExport wrote: no public final class");
        }
        return m.group(1) + ".java";
    }
}
