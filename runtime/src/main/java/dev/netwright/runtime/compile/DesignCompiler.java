package dev.netwright.runtime.compile;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.check.Diagnostic;
import dev.netwright.runtime.check.DiagnosticCode;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.LstmEngine;
import dev.netwright.runtime.layers.Params;
import dev.netwright.runtime.layers.kinds.OutputKind;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Turns a checked design and training settings into a DL4J {@link ComputationGraphConfiguration}. Each
 * node becomes a vertex named by its id (composites add {@code id/part} vertices), so any DL4J message
 * can be traced back to the user's node. A design with errors is refused with its diagnostics.
 */
public final class DesignCompiler {
    private final LayerCatalog catalog;
    private final Checker checker;

    public DesignCompiler(LayerCatalog catalog) {
        this.catalog = catalog;
        this.checker = new Checker(catalog);
    }

    public DesignCompiler() {
        this(StandardKinds.catalog());
    }

    /** {@link #compile(Design, TrainingSettings, LstmEngine)} on {@link LstmEngine#DEFAULT}. */
    public CompiledDesign compile(Design design, TrainingSettings settings) throws DesignErrorsException {
        return compile(design, settings, LstmEngine.DEFAULT);
    }

    /** The design as a DL4J graph, its LSTMs on the given engine; a design with errors is refused with them. */
    public CompiledDesign compile(Design design, TrainingSettings settings, LstmEngine lstmEngine)
            throws DesignErrorsException {
        Objects.requireNonNull(lstmEngine, "lstmEngine");
        CheckResult check = checker.check(design);
        if (check.hasErrors()) {
            throw new DesignErrorsException(check.errors());
        }
        IUpdater runUpdater = updater(settings);
        ComputationGraphConfiguration.GraphBuilder graph = globalSettings(settings, runUpdater).graphBuilder();
        List<String> inputs = new ArrayList<>();
        List<InputType> inputTypes = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (String id : check.topologicalOrder()) {
            Node node = design.requireNode(id);
            LayerKind kind = catalog.require(node.kind());
            List<Edge> wires = design.edgesInto(id);
            List<String> from = wires.stream().map(Edge::from).toList();
            List<Shape> shapes = wires.stream().map(e -> check.output(e.from()).orElseThrow()).toList();
            Shape output = check.output(id).orElseThrow();
            if (!node.trainable() && OutputKind.ID.equals(node.kind())) {
                throw new DesignErrorsException(List.of(Diagnostic.of(DiagnosticCode.DL4J_CANNOT_BUILD, id,
                        "The Output " + id + " cannot be frozen: Deeplearning4j trains a network through its output "
                        + "layer. Freeze the nodes before it instead.")));
            }
            try {
                kind.emit(new Context(node, kind.read(node), from, shapes, output, graph, lstmEngine, inputs, inputTypes,
                        runUpdater));
            } catch (RuntimeException e) {
                throw new DesignErrorsException(List.of(Diagnostic.of(DiagnosticCode.DL4J_CANNOT_BUILD, id,
                        "Deeplearning4j cannot build " + id + " (" + kind.id() + "): " + e.getMessage())));
            }
            if (OutputKind.ID.equals(node.kind())) {
                outputs.add(id);
            }
        }
        graph.addInputs(inputs.toArray(String[]::new));
        graph.setInputTypes(inputTypes.toArray(InputType[]::new));
        graph.setOutputs(outputs.toArray(String[]::new));
        try {
            return new CompiledDesign(graph.build(), inputs, inputTypes, outputs, check);
        } catch (RuntimeException e) {
            throw new DesignErrorsException(List.of(Diagnostic.of(DiagnosticCode.DL4J_REFUSED,
                    nodeNamedIn(design, e.getMessage()),
                    "Deeplearning4j refused the network: " + e.getMessage())));
        }
    }

    private static NeuralNetConfiguration.Builder globalSettings(TrainingSettings s, IUpdater runUpdater) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
                .seed(s.seed())
                .dataType(s.dataType())
                // Convolutions keep their output before the activation for the backward pass instead of
                // computing the convolution again (docs/benchmarks.md, "Engine: the four samples")
                .cacheMode(CacheMode.DEVICE)
                .updater(runUpdater)
                .weightInit(switch (s.weightInit()) {
                    case HE -> WeightInit.RELU;
                    case LECUN -> WeightInit.LECUN_NORMAL;
                    case XAVIER -> WeightInit.XAVIER;
                });
        if (s.l1() > 0) {
            b.l1(s.l1());
        }
        if (s.l2() > 0) {
            b.l2(s.l2());
        }
        if (s.gradientClipping() > 0) {
            b.gradientNormalization(GradientNormalization.ClipL2PerParamType)
                    .gradientNormalizationThreshold(s.gradientClipping());
        }
        return b;
    }

    /** The run's optimizer as the settings give it (each layer shares it unless its node has a learning-rate factor). */
    public static IUpdater updater(TrainingSettings s) {
        return switch (s.optimizer()) {
            case ADAM -> new Adam(s.learningRate());
            case SGD -> new Sgd(s.learningRate());
            case NESTEROV -> new Nesterovs(s.learningRate(), 0.9);
            case RMSPROP -> new RmsProp(s.learningRate());
        };
    }

    /** The longest node id that a DL4J message mentions, so the error lands on that node. */
    private static String nodeNamedIn(Design design, String message) {
        if (message == null) {
            return null;
        }
        return design.nodes().stream().map(Node::id)
                .filter(id -> message.contains("\"" + id + "\"") || message.contains("'" + id + "'")
                        || message.contains(id + "/") || message.contains(" " + id + " ") || message.contains(id + ":"))
                .max(Comparator.comparingInt(String::length))
                .orElse(null);
    }

    /** What one kind sees while it emits. */
    private record Context(Node node, Params params, List<String> inputs, List<Shape> inputShapes, Shape output,
                           ComputationGraphConfiguration.GraphBuilder graph, LstmEngine lstmEngine,
                           List<String> declaredInputs, List<InputType> declaredTypes, IUpdater runUpdater)
            implements EmitContext {
        /** Every layer a kind adds for the node, composites' inner ones too, takes the node's trainable and factor. */
        @Override
        public void addLayer(String vertexName, Layer layer, String... from) {
            graph.addLayer(vertexName, NodeTraining.apply(node, layer, runUpdater), from);
        }

        @Override
        public String name() {
            return node.id();
        }

        @Override
        public boolean readsNetworkInputsOnly() {
            return !inputs.isEmpty() && declaredInputs.containsAll(inputs);
        }

        @Override
        public void declareInput(InputType type) {
            declaredInputs.add(node.id());
            declaredTypes.add(type);
        }
    }
}
