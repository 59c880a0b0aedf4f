package dev.netwright.runtime.codegen;

import dev.netwright.runtime.layers.Params;
import dev.netwright.runtime.layers.Shape;
import java.util.List;

/**
 * How each covered layer kind reads in tf.keras's functional API, channels last: images [N, H, W, C], sequences
 * [N, steps, features], as Netwright's shapes are written. Kinds Keras has no layer for use the helpers the
 * script defines ({@code PositionalEncoding}, {@code transformer_encoder_block}, {@code leaky_relu}).
 */
final class KerasLayers {
    /** The kinds this class covers; any other kind makes the whole design refused. */
    static final List<String> COVERED = List.of("Input", "Dense", "Flatten", "Reshape", "Dropout", "Activation",
            "Conv1D", "Conv2D", "Conv2DTranspose", "UpSampling2D", "MaxPool1D", "AvgPool1D", "MaxPool2D", "AvgPool2D",
            "GlobalPooling", "ToSequence", "LSTM", "GRU", "SimpleRNN", "PositionalEncoding", "MultiHeadSelfAttention",
            "TransformerEncoderBlock", "BatchNorm", "LayerNorm", "Add", "Concat", "Output");

    /** A covered kind whose settings Keras cannot express as Netwright means them; the text says which. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String setting) {
            super(setting, null, false, false);
        }
    }

    /**
     * One node as the generator sees it.
     *
     * @param name   the Keras layer name (the node id, made a safe Python string)
     * @param params the node's parameters with the kind's defaults
     * @param inputs the shapes flowing in, in edge order
     * @param vars   the Python variables holding those inputs, in the same order
     */
    record NodeCode(String name, Params params, List<Shape> inputs, List<String> vars, boolean trainable) {
        NodeCode(String name, Params params, List<Shape> inputs, List<String> vars) {
            this(name, params, inputs, vars, true);
        }

        Shape in() {
            return inputs.get(0);
        }

        String x() {
            return vars.get(0);
        }

        /** The layer's name, and trainable=False for a frozen node's layers. */
        String named() {
            return "name=" + quote(name) + (trainable ? "" : ", trainable=False");
        }
    }

    private KerasLayers() {
    }

    /** The Python expression of the node's output; the kind must be one of {@link #COVERED} other than Input. */
    static String map(String kind, NodeCode c) throws Unsupported {
        Params p = c.params();
        return switch (kind) {
            case "Dense" -> "layers.Dense(" + p.getInt("units") + activation(p) + bias(p) + ", " + c.named() + ")(" + c.x() + ")";
            case "Output" -> "layers.Dense(" + p.getInt("units") + ", " + c.named() + ")(" + c.x() + ")";
            case "Flatten" -> "layers.Flatten(" + c.named() + ")(" + c.x() + ")";
            case "Reshape" -> "layers.Reshape(" + shapeTuple(reshapeTarget(p)) + ", " + c.named() + ")(" + c.x() + ")";
            case "Dropout" -> "layers.Dropout(" + number(p.getDouble("rate")) + ", " + c.named() + ")(" + c.x() + ")";
            case "Activation" -> "layers.Activation(" + activationValue(p.getChoice("activation")) + ", " + c.named()
                    + ")(" + c.x() + ")";
            case "Conv1D" -> "layers.Conv1D(" + p.getInt("filters") + ", " + p.getInt("kernel") + ", strides="
                    + p.getInt("stride") + ", padding=" + quote(p.getChoice("padding")) + activation(p) + bias(p) + ", "
                    + c.named() + ")(" + c.x() + ")";
            case "Conv2D" -> "layers.Conv2D(" + p.getInt("filters") + ", " + pair(p.getInt("kernelHeight"), p.getInt("kernelWidth"))
                    + ", strides=" + pair(p.getInt("strideHeight"), p.getInt("strideWidth")) + ", padding="
                    + quote(p.getChoice("padding")) + activation(p) + bias(p) + ", " + c.named() + ")(" + c.x() + ")";
            case "Conv2DTranspose" -> conv2dTranspose(c);
            case "UpSampling2D" -> "layers.UpSampling2D(" + pair(p.getInt("size"), p.getInt("size")) + ", " + c.named()
                    + ")(" + c.x() + ")";
            case "MaxPool2D", "AvgPool2D" -> "layers." + (kind.startsWith("Max") ? "MaxPooling2D" : "AveragePooling2D")
                    + "(" + pair(p.getInt("pool"), p.getInt("pool")) + ", strides=" + pair(p.getInt("stride"), p.getInt("stride"))
                    + ", padding=" + quote(p.getChoice("padding")) + ", " + c.named() + ")(" + c.x() + ")";
            case "MaxPool1D", "AvgPool1D" -> "layers." + (kind.startsWith("Max") ? "MaxPooling1D" : "AveragePooling1D")
                    + "(" + p.getInt("pool") + ", strides=" + p.getInt("stride") + ", padding="
                    + quote(p.getChoice("padding")) + ", " + c.named() + ")(" + c.x() + ")";
            case "GlobalPooling" -> "layers.Global" + ("max".equals(p.getChoice("mode")) ? "Max" : "Average") + "Pooling"
                    + (c.in() instanceof Shape.Image ? "2D" : "1D") + "(" + c.named() + ")(" + c.x() + ")";
            case "ToSequence" -> toSequence(c);
            case "LSTM", "GRU", "SimpleRNN" -> recurrent(kind, c);
            case "PositionalEncoding" -> "PositionalEncoding(mode=" + quote(p.getChoice("mode")) + ", " + c.named()
                    + ")(" + c.x() + ")";
            case "MultiHeadSelfAttention" -> {
                int width = ((Shape.Sequence) c.in()).features();
                int heads = p.getInt("heads");
                yield "layers.MultiHeadAttention(num_heads=" + heads + ", key_dim=" + width / heads + ", " + c.named()
                        + ")(" + c.x() + ", " + c.x() + ")";
            }
            case "TransformerEncoderBlock" -> "transformer_encoder_block(" + c.x() + ", heads=" + p.getInt("heads")
                    + ", feed_forward=" + p.getInt("feedForward") + ", dropout=" + number(p.getDouble("dropout"))
                    + ", epsilon=" + number(p.getDouble("epsilon")) + ", " + c.named() + ")";
            case "BatchNorm" -> "layers.BatchNormalization(momentum=" + number(p.getDouble("momentum")) + ", epsilon="
                    + number(p.getDouble("epsilon")) + ", " + c.named() + ")(" + c.x() + ")";
            case "LayerNorm" -> "layers.LayerNormalization(epsilon=" + number(p.getDouble("epsilon")) + ", " + c.named()
                    + ")(" + c.x() + ")";
            case "Add" -> "layers.Add(" + c.named() + ")([" + String.join(", ", c.vars()) + "])";
            case "Concat" -> "layers.Concatenate(" + c.named() + ")([" + String.join(", ", c.vars()) + "])";
            default -> throw new Unsupported("no Keras layer");
        };
    }

    private static String conv2dTranspose(NodeCode c) throws Unsupported {
        Params p = c.params();
        int kh = p.getInt("kernelHeight");
        int kw = p.getInt("kernelWidth");
        int sh = p.getInt("strideHeight");
        int sw = p.getInt("strideWidth");
        if ("valid".equals(p.getChoice("padding")) && (kh < sh || kw < sw)) {
            // Keras gives input × stride there, Netwright (input − 1) × stride + kernel
            throw new Unsupported("padding 'valid' and a kernel smaller than its stride");
        }
        return "layers.Conv2DTranspose(" + p.getInt("filters") + ", " + pair(kh, kw) + ", strides=" + pair(sh, sw)
                + ", padding=" + quote(p.getChoice("padding")) + activation(p) + bias(p) + ", " + c.named() + ")("
                + c.x() + ")";
    }

    private static String toSequence(NodeCode c) {
        Shape.Image in = (Shape.Image) c.in();
        if ("rows".equals(c.params().getChoice("direction"))) {
            return "layers.Reshape((" + in.height() + ", " + in.width() * in.channels() + "), " + c.named() + ")("
                    + c.x() + ")";
        }
        return "layers.Reshape((" + in.width() + ", " + in.height() * in.channels() + "), " + c.named()
                + ")(layers.Permute((2, 1, 3), name=" + quote(c.name() + "_columns") + ")(" + c.x() + "))";
    }

    private static String recurrent(String kind, NodeCode c) {
        Params p = c.params();
        String layer = "layers." + kind + "(" + p.getInt("units") + ", activation=" + activationValue(p.getChoice("activation"))
                + (p.getBool("returnSequences") ? ", return_sequences=True" : "");
        if (p.getBool("bidirectional")) {
            return "layers.Bidirectional(" + layer + "), " + c.named() + ")(" + c.x() + ")";
        }
        return layer + ", " + c.named() + ")(" + c.x() + ")";
    }

    private static Shape reshapeTarget(Params p) {
        return switch (p.getChoice("form")) {
            case "image" -> new Shape.Image(p.getInt("height"), p.getInt("width"), p.getInt("channels"));
            case "vector" -> new Shape.Vector(p.getInt("size"));
            default -> new Shape.Sequence(p.getInt("steps"), p.getInt("features"));
        };
    }

    private static String activation(Params p) {
        String name = p.getChoice("activation");
        return "identity".equals(name) ? "" : ", activation=" + activationValue(name);
    }

    private static String bias(Params p) {
        return p.getBool("useBias") ? "" : ", use_bias=False";
    }

    /** Keras's name for an activation; leaky relu is the script's helper, since Keras's slope differs from DL4J's 0.01. */
    static String activationValue(String name) {
        return switch (name) {
            case "identity" -> quote("linear");
            case "leakyrelu" -> "leaky_relu";
            default -> quote(name);
        };
    }

    /** One example's shape as Keras takes it, channels last, e.g. {@code (28, 28, 1)}. */
    static String shapeTuple(Shape shape) {
        if (shape instanceof Shape.Image i) {
            return "(" + i.height() + ", " + i.width() + ", " + i.channels() + ")";
        }
        if (shape instanceof Shape.Sequence s) {
            return "(" + s.steps() + ", " + s.features() + ")";
        }
        return "(" + ((Shape.Vector) shape).size() + ",)";
    }

    private static String pair(int a, int b) {
        return "(" + a + ", " + b + ")";
    }

    static String number(double value) {
        return PyTorchLayers.number(value);
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
