package dev.netwright.interop.onnx;

import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.codegen.CodeExportException;
import dev.netwright.runtime.codegen.CodeExports;
import dev.netwright.runtime.codegen.PyTorchWeights;
import dev.netwright.runtime.design.AtomicFiles;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.OutputKind;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.StringStringEntryProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A design with trained weights as an ONNX model (opset {@value #OPSET}), written with ONNX's own protobuf schema
 * (the classes nd4j-api carries). One input named {@value #INPUT}, one output named {@value #OUTPUT}, the batch
 * dimension dynamic; the model's doc string and metadata say the layouts. The output is what Netwright's Output layer
 * gives (class probabilities for a softmax task). A design with errors, or with a node ONNX is not written for, is
 * refused as a whole, naming every such node.
 */
public final class OnnxExport {
    /** The operator set written: 17 has LayerNormalization, and Debian's onnx 1.12 checks up to it. */
    public static final int OPSET = 17;
    public static final String INPUT = "input";
    /**
     * The metadata key holding the design the model was exported from (its JSON, without a weights file), so that
     * Netwright opens its own ONNX files as the design they came from, the weights read from the file.
     */
    public static final String DESIGN_KEY = "netwright.design.json";
    public static final String OUTPUT = "output";
    /** Protobuf's own limit for one message; larger models would need ONNX's external data files. */
    static final long MAX_BYTES = Integer.MAX_VALUE - (64L << 20);
    private static final int IR_VERSION = 8;

    private final LayerCatalog catalog;

    public OnnxExport(LayerCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    public OnnxExport() {
        this(StandardKinds.catalog());
    }

    /** The model for {@code design} with {@code graph}'s weights (a network compiled from the design, trained or not). */
    public ModelProto export(Design design, ComputationGraph graph) {
        Objects.requireNonNull(graph, "graph");
        CheckResult check = new Checker(catalog).check(design);
        CodeExports.refuseErrors(check);
        List<Node> ordered = check.topologicalOrder().stream().map(design::requireNode).toList();
        List<Node> inputs = ordered.stream().filter(n -> "Input".equals(n.kind())).toList();
        List<Node> outputs = ordered.stream().filter(n -> "Output".equals(n.kind())).toList();
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new CodeExportException("No ONNX export for a design with " + inputs.size() + " Input and "
                    + outputs.size() + " Output nodes: the export writes one input and one output.");
        }
        OnnxGraph onnx = new OnnxGraph();
        onnx.reserve(INPUT);
        onnx.reserve(OUTPUT);
        Map<String, String> values = new HashMap<>();
        values.put(inputs.get(0).id(), INPUT);
        List<String> refused = new ArrayList<>();
        for (Node node : ordered) {
            if ("Input".equals(node.kind())) {
                continue;
            }
            if (!OnnxLayers.COVERED.contains(node.kind())) {
                refused.add(quoted(node) + " (" + node.kind() + ")");
                values.put(node.id(), node.id());
                continue;
            }
            List<Edge> into = design.edgesInto(node.id());
            PyTorchWeights weights = new PyTorchWeights(graph);
            weights.add(node, "p");
            Map<String, INDArray> own = new HashMap<>();
            weights.stateDict().forEach((name, value) -> own.put(name.substring(2), value));
            OnnxLayerNode onnxNode = new OnnxLayerNode(onnx, node.id(), catalog.require(node.kind()).read(node),
                    into.stream().map(e -> check.output(e.from()).orElseThrow()).toList(),
                    into.stream().map(e -> values.get(e.from())).toList(), check.output(node.id()).orElseThrow(), own);
            try {
                values.put(node.id(), OnnxLayers.map(node.kind(), onnxNode));
            } catch (OnnxLayers.Unsupported e) {
                refused.add(quoted(node) + " (" + node.kind() + " with " + e.getMessage() + ")");
                values.put(node.id(), node.id()); // the nodes after it are still looked at, for the full list
            }
        }
        if (!refused.isEmpty()) {
            throw new CodeExportException("No ONNX export for: " + String.join(", ", refused) + ".");
        }
        if (onnx.initializerBytes() > MAX_BYTES) {
            throw new CodeExportException("The model's weights take " + (onnx.initializerBytes() >> 20)
                    + " MiB: one ONNX file holds at most 2 GiB, and Netwright does not write ONNX's external data.");
        }
        Node output = outputs.get(0);
        onnx.opInto("Identity", OUTPUT, List.of(values.get(output.id())));
        Shape inputShape = check.output(inputs.get(0).id()).orElseThrow();
        Shape outputShape = check.output(output.id()).orElseThrow();
        String task = catalog.require("Output").read(output).getChoice("loss");
        GraphProto.Builder g = onnx.proto().setName(design.name())
                .addInput(value(INPUT, dims(inputShape), inputDoc(inputShape)))
                .addOutput(value(OUTPUT, dims(outputShape), outputDoc(task)));
        return ModelProto.newBuilder().setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("Netwright").setProducerVersion(producerVersion())
                .setDocString("Netwright design '" + design.name() + "'. Input '" + INPUT + "': "
                        + inputDoc(inputShape) + ". Output '" + OUTPUT + "': " + outputDoc(task) + ".")
                .addMetadataProps(entry("netwright.design", design.name()))
                .addMetadataProps(entry(DESIGN_KEY, new DesignJson(catalog).write(design.withWeights(null))))
                .addMetadataProps(entry("netwright.input_layout", layout(inputShape)))
                .addMetadataProps(entry("netwright.output", outputDoc(task)))
                .setGraph(g).build();
    }

    /** Writes the model to {@code file} whole or not at all. */
    public void write(Design design, ComputationGraph graph, Path file) throws IOException {
        AtomicFiles.write(file, export(design, graph).toByteArray());
    }

    /** One batch of {@code shape} as the exported model takes it, e.g. {@code [N, 1, 28, 28]}. */
    public static String layout(Shape shape) {
        StringBuilder out = new StringBuilder("[N");
        for (long d : dims(shape)) {
            out.append(", ").append(d);
        }
        return out.append(']').toString();
    }

    /** The shape's axes after the batch's, in the exported model's layout. */
    static long[] dims(Shape shape) {
        if (shape instanceof Shape.Image i) {
            return new long[] {i.channels(), i.height(), i.width()};
        }
        if (shape instanceof Shape.Sequence s) {
            return new long[] {s.steps(), s.features()};
        }
        return new long[] {((Shape.Vector) shape).size()};
    }

    private static String inputDoc(Shape shape) {
        String what = shape instanceof Shape.Image ? "images, channels first (NCHW)"
                : shape instanceof Shape.Sequence ? "sequences, batch first [N, steps, features]" : "vectors";
        return "float32 " + layout(shape) + ", " + what + ", preprocessed as Netwright's training data";
    }

    private static String outputDoc(String task) {
        return switch (task) {
            case OutputKind.SIGMOID -> "float32 [N, units], a sigmoid per unit";
            case OutputKind.MSE -> "float32 [N, units], the regression values";
            default -> "float32 [N, classes], class probabilities (softmax)";
        };
    }

    private static ValueInfoProto value(String name, long[] dims, String doc) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setDocString(doc).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE)
                        .setShape(shape))).build();
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    private static String producerVersion() {
        String version = OnnxExport.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    private static String quoted(Node node) {
        return "'" + node.name() + "'";
    }
}
