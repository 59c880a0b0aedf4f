package dev.netwright.interop.onnx;

import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.StringStringEntryProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.ValueInfoProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Post-training int8 quantisation of a float ONNX model into ONNX's QDQ form, the form ONNX Runtime's CPU provider fuses
 * into int8 kernels (QLinearConv, QLinearMatMul): each Conv, MatMul and Gemm that reads a weight initializer gets its
 * weight as int8 (symmetric, one scale per output channel: Conv axis 0, MatMul's [in, out] axis 1) and its bias as
 * int32 at the input's scale times the weight's, each behind a DequantizeLinear; the activations such an operator reads
 * and writes pass through QuantizeLinear → DequantizeLinear as uint8 (asymmetric, one scale per tensor) with ranges
 * from calibration. A Conv or MatMul followed only by a Relu has the Relu's output quantised instead, so that ONNX
 * Runtime folds the Relu in; MaxPool, Reshape, Flatten, Transpose and Identity pass their input's quantisation on, so
 * they run on uint8. Everything else stays float. The input and output names and the metadata are kept.
 */
public final class OnnxQuantizer {
    /** Metadata key saying that, and how, a model was quantised. */
    public static final String QUANTIZATION_KEY = "netwright.quantization";
    private static final Set<String> WEIGHTED = Set.of("Conv", "MatMul", "Gemm");
    /** Operators with weights that stay float when they are not quantised; named to the user. */
    private static final Set<String> FLOAT_WEIGHTED = Set.of("Conv", "ConvTranspose", "MatMul", "Gemm", "LSTM", "GRU",
            "RNN", "Gather");
    private static final Set<String> PASS_THROUGH = Set.of("MaxPool", "Reshape", "Flatten", "Transpose", "Identity",
            "Squeeze", "Unsqueeze");
    /** The int8 weights' largest magnitude: full range, or 7 bits (see {@link #quantize}). */
    static final int FULL_RANGE = 127;
    static final int REDUCED_RANGE = 63;

    /** An activation's calibrated range. */
    public record Range(float min, float max) {
    }

    /** One activation's uint8 quantisation: value = (q - zeroPoint) × scale. */
    record Activation(float scale, int zeroPoint) {
        static Activation of(Range range) {
            float lo = Math.min(range.min(), 0f); // zero must be exact: padding and ReLU produce it
            float hi = Math.max(range.max(), 0f);
            float scale = (hi - lo) / 255f;
            if (!(scale > 0) || !Float.isFinite(scale)) {
                return new Activation(1f, 0);
            }
            int zeroPoint = Math.round(-lo / scale);
            return new Activation(scale, Math.max(0, Math.min(255, zeroPoint)));
        }
    }

    /**
     * What the quantiser will do to a model.
     *
     * @param quantised   the operator nodes whose weights become int8, by ONNX node name
     * @param calibrated  the activations whose ranges calibration must measure (each Q/DQ pair's own range)
     * @param inherited   activations that take another's quantisation (a MaxPool's output its input's), value → source
     * @param leftInFloat operators with weights that stay float, "name (OpType)"
     */
    public record Plan(List<String> quantised, List<String> calibrated, Map<String, String> inherited,
                       List<String> leftInFloat) {
        /** Every activation that gets a QuantizeLinear → DequantizeLinear pair. */
        List<String> activations() {
            List<String> all = new ArrayList<>(calibrated);
            all.addAll(inherited.keySet());
            return all;
        }
    }

    private OnnxQuantizer() {
    }

    /** Which weights and activations of {@code model} are quantised, and what stays float. */
    public static Plan plan(ModelProto model) {
        GraphProto graph = model.getGraph();
        Map<String, TensorProto> initializers = initializers(graph);
        Set<String> outputs = new HashSet<>();
        graph.getOutputList().forEach(o -> outputs.add(o.getName()));
        Map<String, List<NodeProto>> consumers = consumers(graph);
        List<String> quantised = new ArrayList<>();
        List<String> leftInFloat = new ArrayList<>();
        Set<String> calibrated = new LinkedHashSet<>();
        for (NodeProto node : graph.getNodeList()) {
            if (quantisable(node, initializers)) {
                quantised.add(node.getName());
                calibrated.add(node.getInput(0));
                String y = node.getOutput(0);
                List<NodeProto> readers = consumers.getOrDefault(y, List.of());
                boolean reluOnly = readers.size() == 1 && readers.get(0).getOpType().equals("Relu")
                        && !outputs.contains(y);
                String written = reluOnly ? readers.get(0).getOutput(0) : y;
                if (!outputs.contains(written)) {
                    calibrated.add(written);
                }
            } else if (FLOAT_WEIGHTED.contains(node.getOpType())) {
                leftInFloat.add(node.getName() + " (" + node.getOpType() + ")");
            }
        }
        // a pass-through operator keeps its input's quantisation, so that ONNX Runtime runs it on uint8
        Map<String, String> inherited = new LinkedHashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            if (!PASS_THROUGH.contains(node.getOpType()) || node.getInputCount() == 0) {
                continue;
            }
            String in = node.getInput(0);
            String out = node.getOutput(0);
            if ((calibrated.contains(in) || inherited.containsKey(in)) && !outputs.contains(out)) {
                calibrated.remove(out);
                inherited.put(out, inherited.getOrDefault(in, in));
            }
        }
        return new Plan(List.copyOf(quantised), List.copyOf(calibrated), inherited, List.copyOf(leftInFloat));
    }

    /**
     * The QDQ model of {@code model}.
     *
     * @param ranges the calibrated range of every activation in {@link Plan#calibrated()}
     * @param reducedRange weights in -63..63 (7 bits) rather than -127..127: on x86 CPUs without VNNI ONNX Runtime's
     *                     uint8 × int8 kernels add pairs of products in 16 bits, which overflow with full-range
     *                     weights (measured here: a QGemm 0.23 away from its QDQ graph with full range, equal with 7
     *                     bits); ONNX Runtime's own quantiser calls this reduce_range
     * @param how    what the metadata says about the calibration, e.g. {@code {"method":"minmax","examples":500}}
     */
    public static ModelProto quantize(ModelProto model, Map<String, Range> ranges, boolean reducedRange,
                                      Map<String, Object> how) {
        Objects.requireNonNull(ranges, "ranges");
        Plan plan = plan(model);
        GraphProto graph = model.getGraph();
        Map<String, TensorProto> initializers = initializers(graph);
        Map<String, Activation> activations = new HashMap<>();
        for (String value : plan.calibrated()) {
            Range range = ranges.get(value);
            if (range == null) {
                throw new IllegalArgumentException("no calibrated range for '" + value + "'");
            }
            activations.put(value, Activation.of(range));
        }
        plan.inherited().forEach((value, source) -> activations.put(value, activations.get(source)));

        Set<String> names = new HashSet<>(initializers.keySet());
        graph.getNodeList().forEach(n -> {
            names.addAll(n.getOutputList());
            names.add(n.getName());
        });
        graph.getInputList().forEach(i -> names.add(i.getName()));
        OnnxQdqWriter out = new OnnxQdqWriter(names);
        Map<String, String> dequantised = new HashMap<>();
        Set<String> replacedWeights = new HashSet<>();
        for (ValueInfoProto input : graph.getInputList()) {
            if (activations.containsKey(input.getName())) {
                dequantised.put(input.getName(), out.qdq(input.getName(), activations.get(input.getName())));
            }
        }
        Set<String> quantised = Set.copyOf(plan.quantised());
        for (NodeProto node : graph.getNodeList()) {
            NodeProto.Builder rewritten = node.toBuilder().clearInput();
            for (String input : node.getInputList()) {
                rewritten.addInput(dequantised.getOrDefault(input, input));
            }
            if (quantised.contains(node.getName())) {
                quantiseWeights(node, rewritten, initializers, activations.get(node.getInput(0)),
                        reducedRange ? REDUCED_RANGE : FULL_RANGE, out);
                replacedWeights.add(node.getInput(1));
                if (node.getInputCount() > 2) {
                    replacedWeights.add(node.getInput(2));
                }
            }
            out.graph.addNode(rewritten);
            for (String value : node.getOutputList()) {
                if (activations.containsKey(value)) {
                    dequantised.put(value, out.qdq(value, activations.get(value)));
                }
            }
        }
        GraphProto.Builder g = graph.toBuilder().clearNode().clearInitializer().addAllNode(out.graph.getNodeList());
        Set<String> stillRead = new HashSet<>();
        g.getNodeList().forEach(n -> stillRead.addAll(n.getInputList()));
        for (TensorProto t : graph.getInitializerList()) {
            if (!replacedWeights.contains(t.getName()) || stillRead.contains(t.getName())) {
                g.addInitializer(t);
            }
        }
        g.addAllInitializer(out.graph.getInitializerList());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("format", "QDQ");
        metadata.put("weights", "int8, symmetric, per output channel, in " + (reducedRange
                ? "-63..63 (7 bits)" : "-127..127"));
        metadata.put("activations", "uint8, asymmetric, per tensor");
        metadata.putAll(how);
        metadata.put("quantised", plan.quantised());
        metadata.put("leftInFloat", plan.leftInFloat());
        ModelProto.Builder quantisedModel = model.toBuilder().setGraph(g)
                .setDocString(model.getDocString() + " Quantised to int8 by Netwright (QDQ: int8 weights per output "
                        + "channel, uint8 activations).");
        quantisedModel.addMetadataProps(StringStringEntryProto.newBuilder().setKey(QUANTIZATION_KEY)
                .setValue(json(metadata)));
        return quantisedModel.build();
    }

    /** Whether the node is a Conv, MatMul or Gemm this quantiser writes as int8. */
    private static boolean quantisable(NodeProto node, Map<String, TensorProto> initializers) {
        if (!WEIGHTED.contains(node.getOpType()) || node.getInputCount() < 2
                || initializers.containsKey(node.getInput(0))) {
            return false;
        }
        TensorProto weight = initializers.get(node.getInput(1));
        if (weight == null || !OnnxTensors.isFloat(weight) || weight.getDimsCount() < 2) {
            return false;
        }
        if (node.getOpType().equals("MatMul") && weight.getDimsCount() != 2) {
            return false;
        }
        if (node.getOpType().equals("Gemm") && (intAttribute(node, "transA", 0) != 0
                || floatAttribute(node, "alpha", 1f) != 1f || floatAttribute(node, "beta", 1f) != 1f)) {
            return false;
        }
        if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
            TensorProto bias = initializers.get(node.getInput(2));
            long channels = weight.getDims(weightAxis(node));
            return bias != null && OnnxTensors.isFloat(bias) && bias.getDimsCount() == 1 && bias.getDims(0) == channels;
        }
        return true;
    }

    /** The weight's output-channel axis: Conv's [out, in, ...] 0, MatMul's [in, out] 1, Gemm's by transB. */
    static int weightAxis(NodeProto node) {
        return switch (node.getOpType()) {
            case "Conv" -> 0;
            case "Gemm" -> intAttribute(node, "transB", 0) == 1 ? 0 : 1;
            default -> 1;
        };
    }

    private static void quantiseWeights(NodeProto node, NodeProto.Builder rewritten, Map<String, TensorProto> initializers,
                                        Activation input, int limit, OnnxQdqWriter out) {
        TensorProto weight = initializers.get(node.getInput(1));
        int axis = weightAxis(node);
        float[] w;
        try {
            w = OnnxTensors.floatValues(weight, "the model");
        } catch (dev.netwright.interop.ModelImportException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        long[] dims = weight.getDimsList().stream().mapToLong(Long::longValue).toArray();
        int channels = (int) dims[axis];
        int inner = 1;
        for (int d = axis + 1; d < dims.length; d++) {
            inner *= (int) dims[d];
        }
        float[] scales = new float[channels];
        for (int i = 0; i < w.length; i++) {
            int c = (i / inner) % channels;
            scales[c] = Math.max(scales[c], Math.abs(w[i]));
        }
        for (int c = 0; c < channels; c++) {
            scales[c] = scales[c] > 0 ? scales[c] / limit : 1f;
        }
        byte[] q = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            int c = (i / inner) % channels;
            q[i] = (byte) Math.max(-limit, Math.min(limit, Math.round(w[i] / scales[c])));
        }
        String name = node.getInput(1);
        String qw = out.initializer(name + "_quantized", TensorProto.DataType.INT8, dims, ByteBuffer.wrap(q));
        String scale = out.floats(name + "_scale", scales);
        String zero = out.initializer(name + "_zero_point", TensorProto.DataType.INT8, new long[] {channels},
                ByteBuffer.wrap(new byte[channels]));
        rewritten.setInput(1, out.dequantize(name, qw, scale, zero, axis));
        if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
            String biasName = node.getInput(2);
            float[] b;
            try {
                b = OnnxTensors.floatValues(initializers.get(biasName), "the model");
            } catch (dev.netwright.interop.ModelImportException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            float[] biasScales = new float[channels];
            ByteBuffer qb = ByteBuffer.allocate(channels * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int c = 0; c < channels; c++) {
                biasScales[c] = input.scale() * scales[c];
                qb.putInt((int) Math.max(Integer.MIN_VALUE + 1L, Math.min(Integer.MAX_VALUE,
                        Math.round((double) b[c] / biasScales[c]))));
            }
            String qbName = out.initializer(biasName + "_quantized", TensorProto.DataType.INT32, new long[] {channels},
                    qb);
            String bScale = out.floats(biasName + "_scale", biasScales);
            String bZero = out.initializer(biasName + "_zero_point", TensorProto.DataType.INT32,
                    new long[] {channels}, ByteBuffer.allocate(channels * Integer.BYTES));
            rewritten.setInput(2, out.dequantize(biasName, qbName, bScale, bZero, 0));
        }
    }

    static Map<String, TensorProto> initializers(GraphProto graph) {
        Map<String, TensorProto> all = new HashMap<>();
        graph.getInitializerList().forEach(t -> all.put(t.getName(), t));
        return all;
    }

    private static Map<String, List<NodeProto>> consumers(GraphProto graph) {
        Map<String, List<NodeProto>> readers = new HashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            for (String input : node.getInputList()) {
                readers.computeIfAbsent(input, k -> new ArrayList<>()).add(node);
            }
        }
        return readers;
    }

    private static long intAttribute(NodeProto node, String name, long fallback) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst()
                .map(AttributeProto::getI).orElse(fallback);
    }

    private static float floatAttribute(NodeProto node, String name, float fallback) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst()
                .map(AttributeProto::getF).orElse(fallback);
    }

    private static String json(Map<String, Object> values) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(values);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
