package dev.netwright.interop.onnx;

import dev.netwright.interop.onnx.OnnxGraph.Attribute;
import dev.netwright.runtime.layers.Padding;
import dev.netwright.runtime.layers.Params;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.OutputKind;

import java.util.List;

/**
 * How each layer kind reads as standard ONNX operators (opset {@value OnnxExport#OPSET}), with the semantics
 * Deeplearning4j computes: 'same' padding with the odd pixel at the end, post-norm Transformer blocks, softmax over
 * features. Netwright's own layers become compositions of standard operators (see {@link OnnxSequenceLayers}).
 */
final class OnnxLayers {
    /** The kinds written; any other kind makes the whole design refused. */
    static final List<String> COVERED = List.of("Input", "Conv2D", "BatchNorm", "LayerNorm", "Activation",
            "MaxPool2D", "AvgPool2D", "MaxPool1D", "AvgPool1D", "GlobalPooling", "Flatten", "Dense", "Dropout",
            "Add", "Concat", "ToSequence", "LSTM", "GRU", "SimpleRNN", "PositionalEncoding", "MultiHeadSelfAttention",
            "TransformerEncoderBlock", "Output", "Embedding", "Conv1D", "Reshape", "UpSampling2D", "Conv2DTranspose");

    /** A covered kind with a setting ONNX is not written for; the text names the setting. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String setting) {
            super(setting, null, false, false);
        }
    }

    private OnnxLayers() {
    }

    /** Writes the node's operators; returns the value holding its output. */
    static String map(String kind, OnnxLayerNode n) throws Unsupported {
        Params p = n.params();
        OnnxGraph g = n.graph();
        return switch (kind) {
            case "Conv2D" -> conv2d(n);
            case "Conv2DTranspose" -> OnnxTransposedConv.map(n);
            case "Conv1D" -> conv1d(n);
            case "BatchNorm" -> batchNorm(n);
            case "LayerNorm" -> OnnxSequenceLayers.layerNorm(n, n.x(), "", n.id());
            case "Activation" -> activation(g, p.getChoice("activation"), n.x(), n.in(), n.id());
            case "MaxPool2D", "AvgPool2D" -> pool2d(n, kind.startsWith("Max") ? "MaxPool" : "AveragePool");
            case "MaxPool1D", "AvgPool1D" -> pool1d(n, kind.startsWith("Max") ? "MaxPool" : "AveragePool");
            case "GlobalPooling" -> g.op("max".equals(p.getChoice("mode")) ? "ReduceMax" : "ReduceMean", n.id(),
                    List.of(n.x()), Attribute.ints("axes", n.in() instanceof Shape.Image ? new long[] {2, 3} : new long[] {1}),
                    Attribute.of("keepdims", 0L));
            case "Flatten" -> g.op("Flatten", n.id(), List.of(n.x()), Attribute.of("axis", 1L));
            case "Dense" -> activation(g, p.getChoice("activation"), linear(n, "", n.x(), n.step("linear")), n.in(), n.id());
            case "Dropout" -> g.op("Identity", n.id(), List.of(n.x())); // inference: nothing dropped
            case "Add" -> g.op("Sum", n.id(), n.values());
            case "Concat" -> g.op("Concat", n.id(), n.values(),
                    Attribute.of("axis", n.in() instanceof Shape.Sequence ? 2L : 1L));
            case "ToSequence" -> toSequence(n);
            case "Reshape" -> reshape(n);
            case "UpSampling2D" -> {
                float size = p.getInt("size");
                // each pixel repeated, as DL4J's nearest-neighbour Upsampling2D does
                yield g.op("Resize", n.id(), List.of(n.x(), "", g.floats(n.step("scales"),
                                org.nd4j.linalg.factory.Nd4j.createFromArray(1f, 1f, size, size))),
                        Attribute.of("mode", "nearest"), Attribute.of("coordinate_transformation_mode", "asymmetric"),
                        Attribute.of("nearest_mode", "floor"));
            }
            case "Embedding" -> {
                // the token ids arrive as floats [N, steps, 1], as Netwright feeds them
                String ids = g.op("Squeeze", n.step("ids"), List.of(n.x(), g.longs(n.step("axes"), 2)));
                String whole = g.op("Cast", n.step("int_ids"), List.of(ids),
                        Attribute.of("to", (long) onnx.Onnx.TensorProto.DataType.INT64_VALUE));
                yield g.op("Gather", n.id(), List.of(g.floats(n.step("weight"), n.weight("weight")), whole));
            }
            case "LSTM", "GRU", "SimpleRNN" -> OnnxRecurrent.map(kind, n);
            case "PositionalEncoding" -> OnnxSequenceLayers.positionalEncoding(n);
            case "MultiHeadSelfAttention" -> OnnxSequenceLayers.attention(n, n.x(), "", n.id());
            case "TransformerEncoderBlock" -> OnnxSequenceLayers.encoderBlock(n);
            case "Output" -> output(n);
            default -> throw new IllegalArgumentException("no ONNX operators for kind " + kind);
        };
    }

    /** x [.., in] times the Linear weight {@code prefix}weight ([out, in]) plus its bias, if any. */
    static String linear(OnnxLayerNode n, String prefix, String x, String out) {
        OnnxGraph g = n.graph();
        String product = g.op("MatMul", n.step(prefix + "matmul"), List.of(x,
                g.floats(n.step(prefix + "weight"), n.weight(prefix + "weight").transpose())));
        if (!n.weights().containsKey(prefix + "bias")) {
            return g.op("Identity", out, List.of(product));
        }
        return g.op("Add", out, List.of(product, g.floats(n.step(prefix + "bias"), n.weight(prefix + "bias"))));
    }

    private static String conv2d(OnnxLayerNode n) throws Unsupported {
        Params p = n.params();
        Shape.Image in = (Shape.Image) n.in();
        int kh = p.getInt("kernelHeight");
        int kw = p.getInt("kernelWidth");
        int sh = p.getInt("strideHeight");
        int sw = p.getInt("strideWidth");
        long[] pads = {0, 0, 0, 0};
        if (Padding.SAME.equals(p.getChoice("padding"))) {
            int padH = Padding.sameTotal(in.height(), kh, sh);
            int padW = Padding.sameTotal(in.width(), kw, sw);
            pads = new long[] {padH / 2, padW / 2, padH - padH / 2, padW - padW / 2};
        }
        String conv = n.graph().op("Conv", n.step("conv"), convInputs(n), Attribute.ints("kernel_shape", kh, kw),
                Attribute.ints("strides", sh, sw), Attribute.ints("pads", pads));
        return activation(n.graph(), withoutSoftmax(p.getChoice("activation")), conv, n.output(), n.id());
    }

    private static String conv1d(OnnxLayerNode n) throws Unsupported {
        Params p = n.params();
        OnnxGraph g = n.graph();
        Shape.Sequence in = (Shape.Sequence) n.in();
        int k = p.getInt("kernel");
        int s = p.getInt("stride");
        long[] pads = {0, 0};
        if (Padding.SAME.equals(p.getChoice("padding"))) {
            int pad = Padding.sameTotal(in.steps(), k, s);
            pads = new long[] {pad / 2, pad - pad / 2};
        }
        // ONNX's Conv reads [N, features, steps]
        String channelsFirst = transpose(g, n.x(), n.step("channels_first"), 0, 2, 1);
        List<String> inputs = new java.util.ArrayList<>(convInputs(n));
        inputs.set(0, channelsFirst);
        String conv = g.op("Conv", n.step("conv"), inputs, Attribute.ints("kernel_shape", k),
                Attribute.ints("strides", s), Attribute.ints("pads", pads));
        return activation(g, withoutSoftmax(p.getChoice("activation")),
                transpose(g, conv, n.step("steps_first"), 0, 2, 1), n.output(), n.id());
    }

    /** The input, the weight and the bias if there is one. */
    static List<String> convInputs(OnnxLayerNode n) {
        OnnxGraph g = n.graph();
        String w = g.floats(n.step("weight"), n.weight("weight"));
        return n.weights().containsKey("bias")
                ? List.of(n.x(), w, g.floats(n.step("bias"), n.weight("bias")))
                : List.of(n.x(), w);
    }

    private static String batchNorm(OnnxLayerNode n) {
        OnnxGraph g = n.graph();
        // images [N, C, H, W] and vectors [N, C]: ONNX normalises axis 1 of both
        return g.op("BatchNormalization", n.id(), List.of(n.x(),
                        g.floats(n.step("scale"), n.weight("weight")), g.floats(n.step("bias"), n.weight("bias")),
                        g.floats(n.step("mean"), n.weight("running_mean")), g.floats(n.step("var"), n.weight("running_var"))),
                Attribute.of("epsilon", (float) n.params().getDouble("epsilon")));
    }

    private static String pool2d(OnnxLayerNode n, String type) throws Unsupported {
        Params p = n.params();
        if (!Padding.VALID.equals(p.getChoice("padding"))) {
            throw new Unsupported("padding 'same'");
        }
        int pool = p.getInt("pool");
        int stride = p.getInt("stride");
        return n.graph().op(type, n.id(), List.of(n.x()), Attribute.ints("kernel_shape", pool, pool),
                Attribute.ints("strides", stride, stride));
    }

    private static String pool1d(OnnxLayerNode n, String type) throws Unsupported {
        Params p = n.params();
        if (!Padding.VALID.equals(p.getChoice("padding"))) {
            throw new Unsupported("padding 'same'");
        }
        OnnxGraph g = n.graph();
        String pooled = g.op(type, n.step("pool"), List.of(transpose(g, n.x(), n.step("channels_first"), 0, 2, 1)),
                Attribute.ints("kernel_shape", p.getInt("pool")), Attribute.ints("strides", p.getInt("stride")));
        return transpose(g, pooled, n.id(), 0, 2, 1);
    }

    private static String toSequence(OnnxLayerNode n) {
        Shape.Image in = (Shape.Image) n.in();
        OnnxGraph g = n.graph();
        // Netwright's rows: step = image row, features = (channel, column), channel-major, as its DL4J
        // preprocessor arranges them; columns: step = column, features = (channel, row).
        boolean rows = "rows".equals(n.params().getChoice("direction"));
        String moved = rows ? transpose(g, n.x(), n.step("rows_first"), 0, 2, 1, 3)
                : transpose(g, n.x(), n.step("columns_first"), 0, 3, 1, 2);
        long steps = rows ? in.height() : in.width();
        long features = (long) in.channels() * (rows ? in.width() : in.height());
        return g.op("Reshape", n.id(), List.of(moved, g.longs(n.step("shape"), 0, steps, features)));
    }

    /**
     * Netwright's Reshape reads and writes the values in the order the user sees them: an image row by row with each
     * pixel's channels together (H, W, C), a sequence step by step (steps, features), whatever the layouts.
     */
    private static String reshape(OnnxLayerNode n) {
        OnnxGraph g = n.graph();
        String x = n.in() instanceof Shape.Image ? transpose(g, n.x(), n.step("channels_last"), 0, 2, 3, 1) : n.x();
        String flat = g.op("Reshape", n.step("flat"), List.of(x, g.longs(n.step("flat_shape"), 0, -1)));
        Shape target = n.output();
        if (target instanceof Shape.Image i) {
            String hwc = g.op("Reshape", n.step("hwc"), List.of(flat,
                    g.longs(n.step("shape"), 0, i.height(), i.width(), i.channels())));
            return transpose(g, hwc, n.id(), 0, 3, 1, 2);
        }
        if (target instanceof Shape.Sequence s) {
            return g.op("Reshape", n.id(), List.of(flat, g.longs(n.step("shape"), 0, s.steps(), s.features())));
        }
        return g.op("Identity", n.id(), List.of(flat));
    }

    private static String output(OnnxLayerNode n) {
        OnnxGraph g = n.graph();
        String logits = linear(n, "", n.x(), n.step("logits"));
        // what Netwright's Output layer gives at inference
        return switch (n.params().getChoice("loss")) {
            case OutputKind.SIGMOID -> g.op("Sigmoid", n.id(), List.of(logits));
            case OutputKind.MSE -> g.op("Identity", n.id(), List.of(logits));
            default -> g.op("Softmax", n.id(), List.of(logits), Attribute.of("axis", -1L));
        };
    }

    static String transpose(OnnxGraph g, String x, String out, long... perm) {
        return g.op("Transpose", out, List.of(x), Attribute.ints("perm", perm));
    }

    /**
     * A convolution's softmax DL4J computes along some other axis of its own layout than across the filters: refused,
     * as the PyTorch export refuses it.
     */
    private static String withoutSoftmax(String activation) throws Unsupported {
        if ("softmax".equals(activation)) {
            throw new Unsupported("activation 'softmax'");
        }
        return activation;
    }

    /** {@code x} through the activation {@code name}, into the value {@code out}. */
    static String activation(OnnxGraph g, String name, String x, Shape shape, String out) throws Unsupported {
        return switch (name) {
            case "identity" -> g.op("Identity", out, List.of(x));
            case "relu" -> g.op("Relu", out, List.of(x));
            case "tanh" -> g.op("Tanh", out, List.of(x));
            case "sigmoid" -> g.op("Sigmoid", out, List.of(x));
            case "leakyrelu" -> g.op("LeakyRelu", out, List.of(x), Attribute.of("alpha", 0.01f));
            case "elu" -> g.op("Elu", out, List.of(x), Attribute.of("alpha", 1.0f));
            case "gelu" -> gelu(g, x, out);
            case "swish" -> g.op("Mul", out, List.of(x, g.op("Sigmoid", out + "/sigmoid", List.of(x))));
            case "softmax" -> g.op("Softmax", out, List.of(x),
                    Attribute.of("axis", shape instanceof Shape.Sequence ? -1L : 1L));
            default -> throw new Unsupported("activation '" + name + "'");
        };
    }

    /**
     * GELU as Deeplearning4j computes it (its GELU activation is not the exact erf form but x · sigmoid(1.702 x); the
     * exact one differs by up to 0.02): opset 17 has no Gelu operator, and its approximate one is the tanh form.
     */
    private static String gelu(OnnxGraph g, String x, String out) {
        String scaled = g.op("Mul", out + "/scaled", List.of(x, g.floatScalar(out + "/factor", 1.702f)));
        return g.op("Mul", out, List.of(x, g.op("Sigmoid", out + "/sigmoid", List.of(scaled))));
    }
}
