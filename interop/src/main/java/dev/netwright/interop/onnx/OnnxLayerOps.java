package dev.netwright.interop.onnx;

import dev.netwright.interop.onnx.OnnxValue.Form;
import dev.netwright.runtime.layers.Padding;
import onnx.Onnx;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ONNX operators that compute: Conv, Gemm, MatMul (with the Add after it as its bias), pooling, BatchNormalization,
 * Add and Concat of layers, and the activations, which fold into the Conv or Dense before them where nothing else reads
 * that output.
 */
final class OnnxLayerOps {
    private static final List<Long> NONE = List.of();
    private final OnnxGraphMapping m;

    OnnxLayerOps(OnnxGraphMapping mapping) {
        this.m = mapping;
    }

    /** Maps {@code node} if it is one of these operators; false for any other. */
    boolean map(Onnx.NodeProto node, OnnxAttributes a) throws OnnxRefusal {
        switch (node.getOpType()) {
            case "Conv" -> conv(node, a);
            case "Gemm" -> gemm(node, a);
            case "MatMul" -> matMul(node);
            case "Add" -> add(node);
            case "Concat" -> {
                if (!(m.value(node.getInput(0)) instanceof OnnxValue.Layer)) {
                    return false; // integers: shape arithmetic
                }
                concat(node, a);
            }
            case "MaxPool", "AveragePool" -> pool(node, a);
            case "GlobalAveragePool", "GlobalMaxPool" -> {
                OnnxValue.Layer in = layer(node, 0, Form.IMAGE);
                OnnxNode n = m.addNode(node, "GlobalPooling", Form.POOLED, List.of(in));
                n.params.put("mode", node.getOpType().contains("Max") ? "max" : "avg");
            }
            case "BatchNormalization" -> batchNorm(node, a);
            case "ReduceMean", "ReduceMax" -> reduce(node, a);
            case "Relu" -> activation(node, "relu");
            case "Sigmoid" -> activation(node, "sigmoid");
            case "Tanh" -> activation(node, "tanh");
            case "LeakyRelu" -> {
                requireNear(node, a.decimal("alpha", 0.01), 0.01, "alpha", "Netwright's leakyrelu has alpha 0.01");
                activation(node, "leakyrelu");
            }
            case "Elu" -> {
                requireNear(node, a.decimal("alpha", 1.0), 1.0, "alpha", "Netwright's elu has alpha 1");
                activation(node, "elu");
            }
            case "Softmax" -> {
                OnnxValue.Layer in = layer(node, 0, null);
                long axis = a.integer("axis", -1);
                if (in.form() != Form.VECTOR || (axis != 1 && axis != -1)) {
                    throw new OnnxRefusal("Netwright applies softmax across a vector's values (axis 1 of [N, F])");
                }
                activation(node, "softmax");
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void conv(Onnx.NodeProto node, OnnxAttributes a) throws OnnxRefusal {
        OnnxValue.Layer in = layer(node, 0, Form.IMAGE);
        INDArray w = floats(node, 1);
        if (w.rank() != 4) {
            throw new OnnxRefusal("a kernel of rank " + w.rank() + " (Netwright's Conv2D has [out, in, h, w])");
        }
        if (a.integer("group", 1) != 1) {
            m.refuse(node, "group " + a.integer("group", 1) + " (Netwright's Conv2D has one group)");
        }
        requireOnes(node, a.integers("dilations", NONE), "dilations");
        List<Long> strides = a.integers("strides", List.of(1L, 1L));
        int kh = (int) w.size(2);
        int kw = (int) w.size(3);
        String padding = Padding.VALID;
        try {
            padding = padding(a, strides, kh, kw);
        } catch (OnnxRefusal r) {
            m.refuse(node, r.getMessage());
        }
        OnnxNode n = m.addNode(node, "Conv2D", Form.IMAGE, List.of(in));
        n.params.putAll(Map.of("filters", (int) w.size(0), "kernelHeight", kh, "kernelWidth", kw,
                "strideHeight", strides.get(0).intValue(), "strideWidth", strides.get(1).intValue(),
                "padding", padding, "activation", "identity", "useBias", node.getInputCount() > 2 && !node.getInput(2).isEmpty()));
        n.weights.put("W", w);
        if (Boolean.TRUE.equals(n.params.get("useBias"))) {
            n.weights.put("B", floats(node, 2));
        }
    }

    /**
     * Netwright pads "valid" (none) or "same"; ONNX's explicit pads are one of them where they are all zero, or, at stride
     * 1 with odd kernels, (k - 1) / 2 on every side (where Deeplearning4j's same pads alike on both sides).
     */
    private static String padding(OnnxAttributes a, List<Long> strides, int kh, int kw) throws OnnxRefusal {
        String autoPad = a.text("auto_pad", "NOTSET");
        boolean strideOne = strides.stream().allMatch(s -> s == 1);
        boolean odd = kh % 2 == 1 && kw % 2 == 1;
        switch (autoPad) {
            case "VALID" -> {
                return Padding.VALID;
            }
            case "SAME_UPPER", "SAME_LOWER" -> {
                if (strideOne && odd) {
                    return Padding.SAME;
                }
                throw new OnnxRefusal("auto_pad " + autoPad + " with strides " + strides + " and an even kernel");
            }
            default -> {
            }
        }
        List<Long> pads = a.integers("pads", List.of(0L, 0L, 0L, 0L));
        if (pads.stream().allMatch(p -> p == 0)) {
            return Padding.VALID;
        }
        if (strideOne && odd && pads.equals(List.of((long) (kh - 1) / 2, (long) (kw - 1) / 2, (long) (kh - 1) / 2,
                (long) (kw - 1) / 2))) {
            return Padding.SAME;
        }
        throw new OnnxRefusal("pads " + pads + " with strides " + strides + " (Netwright pads 'valid', none, or "
                + "'same', (k-1)/2 on each side at stride 1)");
    }

    /**
     * Gemm: alpha·A·B + beta·C, with A the layer's vector: a Dense whose matrix is alpha·B (transposed where transB) and
     * whose bias is beta·C, one value per output or one for all of them.
     */
    private void gemm(Onnx.NodeProto node, OnnxAttributes a) throws OnnxRefusal {
        OnnxValue.Layer in = layer(node, 0, Form.VECTOR);
        if (a.integer("transA", 0) != 0) {
            m.refuse(node, "transA 1 (Netwright's Dense reads the batch on the first axis)");
        }
        INDArray b = floats(node, 1);
        if (b.rank() != 2) {
            throw new OnnxRefusal("a weight matrix of rank " + b.rank());
        }
        double alpha = a.decimal("alpha", 1);
        INDArray w = a.integer("transB", 0) == 1 ? b.transpose() : b;
        OnnxNode n = dense(node, in, alpha == 1 ? w : w.mul(alpha));
        if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
            INDArray bias = floats(node, 2);
            if (bias.length() != w.size(1) && bias.length() != 1) {
                throw new OnnxRefusal("a bias of shape " + java.util.Arrays.toString(bias.shape()) + " (one value per "
                        + "output, or one for all, was expected)");
            }
            bias = bias.length() == 1 ? org.nd4j.linalg.factory.Nd4j.valueArrayOf(new long[]{w.size(1)}, bias.getDouble(0),
                    bias.dataType()) : bias.reshape(w.size(1));
            double beta = a.decimal("beta", 1);
            n.params.put("useBias", true);
            n.weights.put("B", beta == 1 ? bias : bias.mul(beta));
        }
    }

    /** A MatMul by a weight matrix: a Dense, of a vector or of each step of a sequence. */
    private void matMul(Onnx.NodeProto node) throws OnnxRefusal {
        OnnxValue.Layer in = layer(node, 0, null);
        if (in.form() != Form.VECTOR && in.form() != Form.SEQUENCE) {
            throw new OnnxRefusal("it reads " + in.form() + " values where Netwright's Dense reads vectors or sequences");
        }
        INDArray w = floats(node, 1);
        if (w.rank() != 2) {
            throw new OnnxRefusal("a weight matrix of rank " + w.rank() + " (Netwright's Dense multiplies [N, in] by [in, out])");
        }
        dense(node, in, w);
    }

    private OnnxNode dense(Onnx.NodeProto node, OnnxValue.Layer in, INDArray w) {
        OnnxNode n = m.addNode(node, "Dense", in.form(), List.of(in));
        n.params.putAll(Map.of("units", (int) w.size(1), "activation", "identity", "useBias", false));
        n.weights.put("W", w);
        return n;
    }

    private void add(Onnx.NodeProto node) throws OnnxRefusal {
        OnnxValue left = m.value(node.getInput(0));
        OnnxValue right = m.value(node.getInput(1));
        if (left instanceof OnnxValue.Layer l && right instanceof OnnxValue.Layer r) {
            if (l.form() != r.form()) {
                throw new OnnxRefusal("it adds values of different layouts (" + l.form() + ", " + r.form() + ")");
            }
            m.addNode(node, "Add", l.form(), List.of(l, r));
            return;
        }
        OnnxValue.Layer l = left instanceof OnnxValue.Layer x ? x : right instanceof OnnxValue.Layer y ? y : null;
        OnnxValue c = l == left ? right : left;
        if (l != null && l.form() == Form.SEQUENCE && c instanceof OnnxValue.Floats table && table.array().rank() >= 2
                && java.util.Arrays.stream(table.array().shape()).limit(table.array().rank() - 2).allMatch(s -> s == 1)) {
            positionalTable(node, l, table.array());
            return;
        }
        OnnxNode dense = l == null ? null : m.node(l.node());
        boolean biasFree = dense != null && "Dense".equals(dense.kind) && !Boolean.TRUE.equals(dense.params.get("useBias"))
                && "identity".equals(dense.params.get("activation"));
        if (!biasFree || !(c instanceof OnnxValue.Floats f) || f.array().length() != (int) dense.params.get("units")
                || m.consumersOf(node.getInput(l == left ? 0 : 1)) != 1) {
            throw new OnnxRefusal("it adds a constant to something other than a MatMul's output (Netwright adds a "
                    + "Dense's bias, or two layers' outputs)");
        }
        dense.params.put("useBias", true);
        dense.weights.put("B", f.array());
        m.put(node.getOutput(0), l);
    }

    /**
     * A constant [steps, features] added to a sequence: Netwright's learned PositionalEncoding, the table its weight
     * (the steps are checked against the sequence's once the design is checked).
     */
    private void positionalTable(Onnx.NodeProto node, OnnxValue.Layer in, INDArray table) {
        long[] shape = table.shape();
        OnnxNode n = m.addNode(node, "PositionalEncoding", Form.SEQUENCE, List.of(in));
        n.params.put("mode", "learned");
        n.weights.put("table", table.reshape(shape[shape.length - 2], shape[shape.length - 1]));
    }

    /** A Transformer encoder layer recognised whole ({@link OnnxEncoderLayers}): Netwright's TransformerEncoderBlock. */
    void encoderLayer(Onnx.NodeProto node, OnnxEncoderLayers.Match match) throws OnnxRefusal {
        OnnxValue.Layer in = layer(node, 0, Form.SEQUENCE);
        OnnxNode n = m.addNode(node, "TransformerEncoderBlock", Form.SEQUENCE, List.of(in));
        n.params.putAll(Map.of("heads", match.heads(), "feedForward", match.feedForward(), "epsilon", match.epsilon()));
        n.weights.putAll(match.weights());
    }

    private void concat(Onnx.NodeProto node, OnnxAttributes a) throws OnnxRefusal {
        List<OnnxValue.Layer> inputs = new ArrayList<>();
        for (int i = 0; i < node.getInputCount(); i++) {
            inputs.add(layer(node, i, null));
        }
        Form form = inputs.get(0).form();
        long axis = a.integer("axis", 1);
        if (axis == 0 && inputs.stream().allMatch(in -> in.form() == Form.LSTM_LAST)) {
            // PyTorch's h_n of stacked LSTMs: only its last entry, h_n[-1], is read (see OnnxRecurrentOps.lastStep)
            m.put(node.getOutput(0), inputs.get(inputs.size() - 1).as(Form.STACKED_LAST));
            return;
        }
        boolean channels = (form == Form.IMAGE && (axis == 1 || axis == -3)) || (form == Form.VECTOR && (axis == 1 || axis == -1));
        if (!channels || inputs.stream().anyMatch(in -> in.form() != form)) {
            throw new OnnxRefusal("axis " + axis + " on " + form + " values (Netwright joins images' channels, axis 1, "
                    + "and vectors' values)");
        }
        m.addNode(node, "Concat", form, inputs);
    }

    private void pool(Onnx.NodeProto node, OnnxAttributes a) throws OnnxRefusal {
        OnnxValue.Layer in = layer(node, 0, Form.IMAGE);
        List<Long> kernel = a.integers("kernel_shape", NONE);
        List<Long> strides = a.integers("strides", List.of(1L, 1L));
        if (kernel.size() != 2 || !kernel.get(0).equals(kernel.get(1)) || strides.size() != 2
                || !strides.get(0).equals(strides.get(1))) {
            throw new OnnxRefusal("kernel_shape " + kernel + " and strides " + strides + " (Netwright pools square "
                    + "windows with one stride)");
        }
        if (a.integers("pads", NONE).stream().anyMatch(p -> p != 0) || !"NOTSET".equals(a.text("auto_pad", "NOTSET"))
                && !"VALID".equals(a.text("auto_pad", "NOTSET"))) {
            m.refuse(node, "pads " + a.integers("pads", NONE) + " (Netwright pools without padding here)");
        }
        if (a.integer("ceil_mode", 0) != 0 || a.integer("storage_order", 0) != 0) {
            m.refuse(node, "ceil_mode or storage_order 1 (Netwright rounds the output size down)");
        }
        requireOnes(node, a.integers("dilations", NONE), "dilations");
        OnnxNode n = m.addNode(node, node.getOpType().startsWith("Max") ? "MaxPool2D" : "AvgPool2D", Form.IMAGE, List.of(in));
        n.params.putAll(Map.of("pool", kernel.get(0).intValue(), "stride", strides.get(0).intValue(), "padding", Padding.VALID));
    }

    /** A mean or maximum over an image's height and width, or a sequence's steps: Netwright's GlobalPooling. */
    private void reduce(Onnx.NodeProto node, OnnxAttributes a) throws OnnxRefusal {
        OnnxValue.Layer in = layer(node, 0, null);
        List<Long> axes = a.integers("axes", NONE);
        boolean keep = a.integer("keepdims", 1) == 1;
        boolean overImage = in.form() == Form.IMAGE && (axes.equals(List.of(2L, 3L)) || axes.equals(List.of(-2L, -1L)));
        boolean overSteps = in.form() == Form.SEQUENCE && !keep && (axes.equals(List.of(1L)) || axes.equals(List.of(-2L)));
        if (node.getInputCount() > 1 || !(overImage || overSteps)) {
            throw new OnnxRefusal("axes " + axes + " of " + in.form() + " values (Netwright pools an image's height "
                    + "and width, axes [2, 3], or a sequence's steps, axis 1)");
        }
        OnnxNode n = m.addNode(node, "GlobalPooling", keep ? Form.POOLED : Form.VECTOR, List.of(in));
        n.params.put("mode", node.getOpType().endsWith("Max") ? "max" : "avg");
    }

    private void batchNorm(Onnx.NodeProto node, OnnxAttributes a) throws OnnxRefusal {
        OnnxValue.Layer in = layer(node, 0, null);
        if (in.form() != Form.IMAGE && in.form() != Form.VECTOR) {
            throw new OnnxRefusal("it normalises " + in.form() + " values (Netwright's BatchNorm reads images and vectors)");
        }
        if (a.integer("training_mode", 0) != 0 || node.getOutputCount() > 1 && m.consumersOf(node.getOutput(1)) > 0) {
            throw new OnnxRefusal("training_mode 1 (export the model in eval mode)");
        }
        OnnxNode n = m.addNode(node, "BatchNorm", in.form(), List.of(in));
        n.params.putAll(Map.of("epsilon", a.decimal("epsilon", 1e-5), "momentum", a.decimal("momentum", 0.9)));
        String[] roles = {"scale", "B", "mean", "var"};
        for (int i = 0; i < roles.length; i++) {
            n.weights.put(roles[i], floats(node, i + 1));
        }
    }

    /** An activation, folded into the Conv or Dense before it when only it reads that output. */
    private void activation(Onnx.NodeProto node, String name) throws OnnxRefusal {
        OnnxValue.Layer in = layer(node, 0, null);
        OnnxNode before = m.node(in.node());
        boolean folds = ("Dense".equals(before.kind) || "Conv2D".equals(before.kind))
                && "identity".equals(before.params.get("activation")) && m.consumersOf(node.getInput(0)) == 1;
        if (folds) {
            before.params.put("activation", name);
            m.put(node.getOutput(0), in);
            return;
        }
        if (in.form() == Form.LSTM_STEPS || in.form() == Form.LSTM_LAST || in.form() == Form.TIME_MAJOR) {
            throw new OnnxRefusal("it reads a recurrent layer's output before it is laid out batch first");
        }
        OnnxNode n = m.addNode(node, "Activation", in.form(), List.of(in));
        n.params.put("activation", name);
    }

    private OnnxValue.Layer layer(Onnx.NodeProto node, int index, Form required) throws OnnxRefusal {
        OnnxValue v = m.value(node.getInput(index));
        if (!(v instanceof OnnxValue.Layer l)) {
            throw new OnnxRefusal("input " + index + " ('" + node.getInput(index) + "') is a constant, not a layer's output");
        }
        if (required != null && l.form() != required) {
            throw new OnnxRefusal("it reads " + l.form() + " values where Netwright's kind reads " + required);
        }
        return l;
    }

    private INDArray floats(Onnx.NodeProto node, int index) throws OnnxRefusal {
        if (node.getInputCount() <= index || !(m.value(node.getInput(index)) instanceof OnnxValue.Floats f)) {
            throw new OnnxRefusal("input " + index + " is not a float32 weight held in the file");
        }
        return f.array();
    }

    private void requireOnes(Onnx.NodeProto node, List<Long> values, String name) {
        if (values.stream().anyMatch(v -> v != 1)) {
            m.refuse(node, name + " " + values + " (Netwright has none)");
        }
    }

    private void requireNear(Onnx.NodeProto node, double value, double expected, String name, String why) {
        if (Math.abs(value - expected) > 1e-6) {
            m.refuse(node, name + " " + (float) value + " (" + why + ")");
        }
    }
}
