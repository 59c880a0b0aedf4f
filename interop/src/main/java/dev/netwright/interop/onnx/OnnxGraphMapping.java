package dev.netwright.interop.onnx;

import dev.netwright.interop.ModelImportException;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Position;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.kinds.DenseKind;
import dev.netwright.runtime.layers.kinds.InputKind;
import dev.netwright.runtime.layers.kinds.OutputKind;
import dev.netwright.runtime.layers.kinds.RecurrentKind;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import onnx.Onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX graph onto Netwright's kinds. Operators that compute (Conv, Gemm, LSTM, ...) become nodes named after the ONNX
 * nodes; operators that only move data about (Transpose, Squeeze, Flatten after a global pooling, shape arithmetic)
 * change how a value is seen and make no node. Every operator without a mapping and every one used in a way Netwright
 * cannot honour is collected, and all are refused together: nothing is half-imported.
 */
final class OnnxGraphMapping {
    final String source;
    private final LayerCatalog catalog = StandardKinds.catalog();
    private final Map<String, OnnxValue> values = new HashMap<>();
    private final Map<String, Integer> consumers = new HashMap<>();
    private final Map<String, OnnxNode> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final List<String> unsupported = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    /** Tensors computed by operators already refused: what reads them is not reported again. */
    private final Set<String> refusedTensors = new HashSet<>();
    /** LSTM nodes whose last step is read, and those whose every step is. */
    final Set<String> lastStepRead = new HashSet<>();
    private final Set<String> stepsRead = new HashSet<>();
    private final OnnxLayerOps layerOps = new OnnxLayerOps(this);
    private final OnnxDataOps dataOps = new OnnxDataOps(this);

    private OnnxGraphMapping(String source) {
        this.source = source;
    }

    /** The mapped design and its nodes, with each node's ONNX weights. */
    record Mapped(Design design, Map<String, OnnxNode> nodes) {
    }

    static Mapped map(Onnx.ModelProto model, String source, String designName) throws ModelImportException {
        return new OnnxGraphMapping(source).run(model.getGraph(), designName);
    }

    private Mapped run(Onnx.GraphProto graph, String designName) throws ModelImportException {
        Set<String> initializers = new HashSet<>();
        for (Onnx.TensorProto t : graph.getInitializerList()) {
            initializers.add(t.getName());
            OnnxValue value = constant(t);
            if (value != null) {
                values.put(t.getName(), value);
            }
        }
        graph.getNodeList().forEach(n -> n.getInputList().forEach(this::countConsumer));
        graph.getOutputList().forEach(o -> countConsumer(o.getName()));
        List<Onnx.ValueInfoProto> inputs = graph.getInputList().stream().filter(i -> !initializers.contains(i.getName())).toList();
        if (inputs.size() != 1) {
            throw new ModelImportException(source + ": the model has " + inputs.size() + " inputs; Netwright imports "
                    + "models with one input");
        }
        addInput(inputs.get(0), graph);
        // PyTorch's Transformer encoder layers are recognised whole; their operators are not mapped one by one
        Map<Integer, OnnxEncoderLayers.Match> encoderLayers = OnnxEncoderLayers.find(graph, source);
        Set<Integer> inEncoderLayers = new HashSet<>();
        encoderLayers.values().forEach(match -> inEncoderLayers.addAll(match.nodes()));
        for (int i = 0; i < graph.getNodeCount(); i++) {
            if (encoderLayers.containsKey(i)) {
                mapEncoderLayer(encoderLayers.get(i));
            } else if (!inEncoderLayers.contains(i)) {
                mapNode(graph.getNode(i));
            }
        }
        if (graph.getOutputCount() != 1) {
            throw new ModelImportException(source + ": the model has " + graph.getOutputCount() + " outputs; Netwright "
                    + "trains models with one output");
        }
        makeOutput(graph.getOutput(0).getName());
        settleRecurrentOutputs();
        List<String> problems = new ArrayList<>();
        if (!unsupported.isEmpty()) {
            problems.add("ONNX operators Netwright cannot import: " + String.join(", ", unsupported));
        }
        if (!refused.isEmpty()) {
            problems.add("ONNX operators used in ways Netwright cannot import: " + String.join("; ", refused));
        }
        if (!problems.isEmpty()) {
            throw new ModelImportException(source + ": " + String.join(". ", problems) + ". Nothing was imported.");
        }
        return new Mapped(design(designName), nodes);
    }

    private void countConsumer(String tensor) {
        if (!tensor.isEmpty()) {
            consumers.merge(tensor, 1, Integer::sum);
        }
    }

    private OnnxValue constant(Onnx.TensorProto t) throws ModelImportException {
        if (OnnxTensors.isFloat(t)) {
            return new OnnxValue.Floats(OnnxTensors.floats(t, source));
        }
        if (OnnxTensors.isInteger(t)) {
            return new OnnxValue.Ints(OnnxTensors.longs(t, source), t.getDimsCount() == 0);
        }
        return null; // another type: refused where a node reads it
    }

    private void mapNode(Onnx.NodeProto node) throws ModelImportException {
        OnnxAttributes a = new OnnxAttributes(node);
        String domain = node.getDomain();
        // past an operator already refused, only operators without any mapping are reported: the rest follow from it
        boolean afterRefused = node.getInputList().stream().anyMatch(refusedTensors::contains);
        try {
            boolean handled = (domain.isEmpty() || "ai.onnx".equals(domain))
                    && (layerOps.map(node, a) || dataOps.map(node, a));
            if (!handled) {
                unsupported.add(described(node) + (domain.isEmpty() ? "" : " of domain " + domain));
                refusedTensors.addAll(node.getOutputList());
            }
        } catch (OnnxRefusal r) {
            if (!afterRefused) {
                refused.add(described(node) + ": " + r.getMessage());
            }
            refusedTensors.addAll(node.getOutputList());
        }
    }

    private void mapEncoderLayer(OnnxEncoderLayers.Match match) {
        Onnx.NodeProto node = Onnx.NodeProto.newBuilder().setName(match.name()).setOpType("TransformerEncoderLayer")
                .addInput(match.input()).addOutput(match.output()).build();
        try {
            layerOps.encoderLayer(node, match);
        } catch (OnnxRefusal r) {
            if (!refusedTensors.contains(match.input())) {
                refused.add(described(node) + ": " + r.getMessage());
            }
            refusedTensors.add(match.output());
        }
    }

    /** "'/fc1/Gemm' (Gemm)"; an unnamed node (ONNX's own test models) by the tensor it writes: "the Relu writing 'y'". */
    static String described(Onnx.NodeProto node) {
        String written = node.getOutputList().stream().filter(o -> !o.isEmpty()).findFirst().orElse("");
        if (node.getName().isEmpty() && !written.isEmpty()) {
            return "the " + node.getOpType() + " writing '" + written + "'";
        }
        return "'" + node.getName() + "' (" + node.getOpType() + ")";
    }

    private void addInput(Onnx.ValueInfoProto input, Onnx.GraphProto graph) throws ModelImportException {
        int type = input.getType().getTensorType().getElemType();
        if (!input.getType().hasTensorType() || type != Onnx.TensorProto.DataType.FLOAT_VALUE) {
            String what = input.getType().hasTensorType() ? "holds " + Onnx.TensorProto.DataType.forNumber(type) + " values"
                    : "is not a tensor";
            throw new ModelImportException(source + ": input '" + input.getName() + "' " + what + "; Netwright's models "
                    + "read float32 tensors");
        }
        List<Onnx.TensorShapeProto.Dimension> dims = input.getType().getTensorType().getShape().getDimList();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i < dims.size(); i++) {
            long d = dims.get(i).getDimValue();
            if (d < 1 || d > Integer.MAX_VALUE) {
                throw new ModelImportException(source + ": input '" + input.getName() + "' has the shape " + dims
                        + "; Netwright needs every size but the batch's");
            }
            sizes.add((int) d);
        }
        OnnxNode node;
        OnnxValue.Form form;
        switch (sizes.size()) {
            case 1 -> {
                node = newNode(input.getName(), InputKind.ID, input.getName(), "input");
                node.params.putAll(Map.of("form", InputKind.VECTOR, "size", sizes.get(0)));
                form = OnnxValue.Form.VECTOR;
            }
            case 2 -> {
                node = newNode(input.getName(), InputKind.ID, input.getName(), "input");
                node.params.putAll(Map.of("form", InputKind.SEQUENCE, "steps", sizes.get(0), "features", sizes.get(1)));
                form = OnnxValue.Form.SEQUENCE;
            }
            case 3 -> {
                node = newNode(input.getName(), InputKind.ID, input.getName(), "input");
                boolean channelsLast = readOnlyThroughNhwcToNchw(input.getName(), graph);
                node.params.putAll(Map.of("form", InputKind.IMAGE, "channels", sizes.get(channelsLast ? 2 : 0),
                        "height", sizes.get(channelsLast ? 0 : 1), "width", sizes.get(channelsLast ? 1 : 2)));
                form = channelsLast ? OnnxValue.Form.CHANNELS_LAST : OnnxValue.Form.IMAGE;
            }
            default -> throw new ModelImportException(source + ": input '" + input.getName() + "' has " + dims.size()
                    + " axes; Netwright reads vectors [N, F], sequences [N, T, F] and images [N, C, H, W]");
        }
        values.put(input.getName(), new OnnxValue.Layer(node.id, form));
    }

    /** Whether every operator that reads the input is a Transpose from [N, H, W, C] to [N, C, H, W] (tf2onnx's). */
    private static boolean readOnlyThroughNhwcToNchw(String input, Onnx.GraphProto graph) {
        List<Onnx.NodeProto> readers = graph.getNodeList().stream().filter(n -> n.getInputList().contains(input)).toList();
        return !readers.isEmpty() && readers.stream().allMatch(n -> "Transpose".equals(n.getOpType())
                && new OnnxAttributes(n).integers("perm", List.of()).equals(List.of(0L, 3L, 1L, 2L)));
    }

    /** The model's output: the last Dense, which becomes Netwright's Output with the loss its activation implies. */
    private void makeOutput(String tensor) {
        if (refusedTensors.contains(tensor)) {
            return;
        }
        OnnxValue value = values.get(tensor);
        OnnxNode last = value instanceof OnnxValue.Layer l ? nodes.get(l.node()) : null;
        if (last == null || !DenseKind.ID.equals(last.kind) || !Boolean.TRUE.equals(last.params.get("useBias"))) {
            refused.add("the model's output '" + tensor + "' must come from a Gemm (or MatMul and Add) with a bias, "
                    + "optionally followed by Softmax or Sigmoid: that is Netwright's Output");
            return;
        }
        String loss = switch ((String) last.params.get("activation")) {
            case "softmax" -> OutputKind.SOFTMAX;
            case "sigmoid" -> OutputKind.SIGMOID;
            case "identity" -> OutputKind.MSE;
            default -> null;
        };
        if (loss == null) {
            refused.add(last.described() + ": activation " + last.params.get("activation") + " on the model's output "
                    + "(Netwright's Output is softmax, sigmoid or linear)");
            return;
        }
        Object units = last.params.get("units");
        last.kind = OutputKind.ID;
        last.params.clear();
        last.params.putAll(Map.of("units", units, "loss", loss));
    }

    private void settleRecurrentOutputs() {
        for (String id : lastStepRead) {
            OnnxNode node = nodes.get(id);
            if (stepsRead.contains(id)) {
                refused.add(node.described() + ": both its last step and all its steps are read (Netwright's LSTM "
                        + "returns one or the other)");
            }
            node.params.put("returnSequences", false);
        }
    }

    private Design design(String designName) throws ModelImportException {
        List<Node> list = new ArrayList<>();
        for (OnnxNode n : nodes.values()) {
            LayerKind kind = catalog.require(n.kind);
            Map<String, Object> params = new LinkedHashMap<>();
            for (ParamSpec spec : kind.params()) {
                params.put(spec.name(), n.params.getOrDefault(spec.name(), spec.defaultValue()));
            }
            list.add(new Node(n.id, n.kind, n.onnxName, params, new Position(0, 0)));
        }
        try {
            return Design.of(designName, "Imported from " + source, null, list, edges);
        } catch (IllegalArgumentException e) {
            throw new ModelImportException(source + ": " + e.getMessage(), e);
        }
    }

    // ---- used by the operator mappings ----

    /**
     * Records that {@code node} uses an option Netwright cannot honour; its mapping goes on as if it did not, so that
     * the operators after it are still checked, and the file is refused at the end with all of them.
     */
    void refuse(Onnx.NodeProto node, String reason) {
        refused.add(described(node) + ": " + reason);
    }

    /** The value of tensor {@code name}, refused when the graph does not say what it is. */
    OnnxValue value(String name) throws OnnxRefusal {
        OnnxValue v = values.get(name);
        if (v == null) {
            throw new OnnxRefusal("its input '" + name + "' comes from an operator that was not imported, or is "
                    + "of a type Netwright does not read");
        }
        return v;
    }

    boolean known(String name) {
        return values.containsKey(name);
    }

    void put(String tensor, OnnxValue value) {
        values.put(tensor, value);
    }

    /** How many operators (and graph outputs) read {@code tensor}. */
    int consumersOf(String tensor) {
        return consumers.getOrDefault(tensor, 0);
    }

    OnnxNode node(String id) {
        return nodes.get(id);
    }

    /** A new Netwright node for {@code onnx}, wired from {@code inputs}, its output stored as {@code form}. */
    OnnxNode addNode(Onnx.NodeProto onnx, String kind, OnnxValue.Form form, List<OnnxValue.Layer> inputs) {
        String name = onnx.getName().isEmpty() ? onnx.getOpType() : onnx.getName();
        OnnxNode node = newNode(name, kind, name, onnx.getOpType());
        node.input = inputs.isEmpty() ? null : inputs.get(0).node();
        for (OnnxValue.Layer in : inputs) {
            edges.add(Edge.of(in.node(), node.id));
            if (RecurrentKind.LSTM_ID.equals(nodes.get(in.node()).kind) && in.form() != OnnxValue.Form.VECTOR) {
                stepsRead.add(in.node());
            }
        }
        values.put(onnx.getOutput(0), new OnnxValue.Layer(node.id, form));
        return node;
    }

    private OnnxNode newNode(String name, String kind, String onnxName, String opType) {
        String base = name.replaceAll("^[/:]+", "").replaceAll("[^A-Za-z0-9_.-]+", "_");
        base = base.isEmpty() ? opType : base;
        String id = base;
        for (int i = 1; nodes.containsKey(id); i++) {
            id = base + "_" + i;
        }
        OnnxNode node = new OnnxNode(id, kind, onnxName, opType);
        nodes.put(id, node);
        return node;
    }
}
