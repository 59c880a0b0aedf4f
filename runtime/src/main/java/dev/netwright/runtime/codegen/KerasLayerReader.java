package dev.netwright.runtime.codegen;

import dev.netwright.runtime.codegen.KerasArgs.Arg;
import dev.netwright.runtime.codegen.PythonSyntax.Place;
import dev.netwright.runtime.layers.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads one Keras layer call as a node of Netwright's kinds, refusing options Netwright cannot honour. */
final class KerasLayerReader {
    static final Set<String> LAYERS = Set.of("Dense", "Conv2D", "Convolution2D", "Conv1D", "Conv2DTranspose",
            "MaxPooling2D", "MaxPool2D", "AveragePooling2D", "AvgPool2D", "MaxPooling1D", "MaxPool1D", "AveragePooling1D",
            "AvgPool1D", "GlobalAveragePooling2D", "GlobalAveragePooling1D", "GlobalMaxPooling2D", "GlobalMaxPooling1D",
            "GlobalAvgPool2D", "GlobalAvgPool1D", "GlobalMaxPool2D", "GlobalMaxPool1D", "Flatten", "Reshape", "Dropout",
            "Activation", "ReLU", "Softmax", "LeakyReLU", "ELU", "LSTM", "GRU", "SimpleRNN", "Bidirectional",
            "BatchNormalization", "LayerNormalization", "MultiHeadAttention", "Add", "Concatenate", "UpSampling2D",
            "InputLayer", "PositionalEncoding");

    private final KerasGraph graph;

    KerasLayerReader(KerasGraph graph) {
        this.graph = graph;
    }

    /** The example shape an input_shape / input_dim option gives, or null without one (the option is read). */
    static List<Integer> inputShape(KerasValue.Layer layer) throws CodeImportException {
        KerasArgs args = layer.args();
        Arg shape = args.find(-1, "input_shape", "shape");
        if (shape != null) {
            return args.integers(shape, "input_shape");
        }
        Arg dim = args.find(-1, "input_dim");
        return dim == null ? null : List.of(args.integerOf(dim, "input_dim"));
    }

    /** Netwright's Input node for an example shape written as Keras writes it (channels last). */
    static Map<String, Object> inputParams(List<Integer> shape, KerasArgs args, Place place) throws CodeImportException {
        Map<String, Object> p = new LinkedHashMap<>();
        switch (shape.size()) {
            case 3 -> {
                p.put("form", "image");
                p.put("height", shape.get(0));
                p.put("width", shape.get(1));
                p.put("channels", shape.get(2));
            }
            case 2 -> {
                p.put("form", "sequence");
                p.put("steps", shape.get(0));
                p.put("features", shape.get(1));
            }
            case 1 -> {
                p.put("form", "vector");
                p.put("size", shape.get(0));
            }
            default -> throw args.error(place, "found an input shape of " + shape.size() + " sizes, expected (height, "
                    + "width, channels), (steps, features) or (size,)");
        }
        return p;
    }

    /** Adds the layer's node, wired from {@code inputs}; returns its id. */
    String apply(KerasValue.Layer layer, List<String> inputs) throws CodeImportException {
        KerasArgs a = layer.args();
        String cls = layer.className();
        inputShape(layer);
        String name = a.text(-1, "name", null);
        boolean trainable = a.flag(-1, "trainable", true);
        a.accept("dtype", null, "Netwright computes in float32");
        Shape in = graph.shape(inputs.get(0)).orElse(null);
        Map<String, Object> p = new LinkedHashMap<>();
        String kind;
        switch (cls) {
            case "Dense" -> {
                kind = "Dense";
                p.put("units", a.integer(0, "units", 0));
                p.put("activation", activation(a, 1));
                p.put("useBias", a.flag(-1, "use_bias", true));
            }
            case "Conv2D", "Convolution2D", "Conv2DTranspose" -> {
                kind = cls.equals("Conv2DTranspose") ? "Conv2DTranspose" : "Conv2D";
                p.put("filters", a.integer(0, "filters", 0));
                List<Integer> k = pair(a, 1, "kernel_size", null);
                List<Integer> s = pair(a, 2, "strides", List.of(1, 1));
                p.put("kernelHeight", k.get(0));
                p.put("kernelWidth", k.get(1));
                p.put("strideHeight", s.get(0));
                p.put("strideWidth", s.get(1));
                p.put("padding", padding(a));
                p.put("activation", activation(a, -1));
                p.put("useBias", a.flag(-1, "use_bias", true));
                a.accept("data_format", "channels_last", "Netwright's images are channels last in Keras code");
            }
            case "Conv1D" -> {
                kind = "Conv1D";
                p.put("filters", a.integer(0, "filters", 0));
                p.put("kernel", a.integers(require(a, 1, "kernel_size"), "kernel_size").get(0));
                p.put("stride", a.integer(2, "strides", 1));
                p.put("padding", padding(a));
                p.put("activation", activation(a, -1));
                p.put("useBias", a.flag(-1, "use_bias", true));
            }
            case "MaxPooling2D", "MaxPool2D", "AveragePooling2D", "AvgPool2D", "MaxPooling1D", "MaxPool1D",
                    "AveragePooling1D", "AvgPool1D" -> {
                boolean twoD = cls.endsWith("2D");
                kind = (cls.startsWith("Max") ? "MaxPool" : "AvgPool") + (twoD ? "2D" : "1D");
                List<Integer> pool = twoD ? pair(a, 0, "pool_size", List.of(2, 2)) : List.of(a.integer(0, "pool_size", 2));
                List<Integer> stride = twoD ? pair(a, 1, "strides", pool) : List.of(a.integer(1, "strides", pool.get(0)));
                if (twoD && (!pool.get(0).equals(pool.get(1)) || !stride.get(0).equals(stride.get(1)))) {
                    throw a.error(layer.place(), "found " + cls + " with a pool or stride that differs between height and "
                            + "width, expected the same size along both axes (Netwright's pooling is square)");
                }
                p.put("pool", pool.get(0));
                p.put("stride", stride.get(0));
                p.put("padding", padding(a));
            }
            case "GlobalAveragePooling2D", "GlobalAveragePooling1D", "GlobalAvgPool2D", "GlobalAvgPool1D",
                    "GlobalMaxPooling2D", "GlobalMaxPooling1D", "GlobalMaxPool2D", "GlobalMaxPool1D" -> {
                kind = "GlobalPooling";
                p.put("mode", cls.startsWith("GlobalMax") ? "max" : "avg");
                a.accept("keepdims", Boolean.FALSE, "Netwright's GlobalPooling gives a vector");
            }
            case "Flatten" -> kind = "Flatten";
            case "Reshape" -> {
                List<Integer> target = a.integers(require(a, 0, "target_shape"), "target_shape");
                if (in instanceof Shape.Image image && target.size() == 2 && target.get(0) == image.height()
                        && target.get(1) == image.width() * image.channels()) {
                    kind = "ToSequence";
                    p.put("direction", "rows");
                } else {
                    kind = "Reshape";
                    Map<String, Object> shape = inputParams(target, a, layer.place());
                    p.putAll(shape);
                }
            }
            case "Dropout" -> {
                kind = "Dropout";
                p.put("rate", a.decimal(0, "rate", 0.5));
            }
            case "Activation" -> {
                kind = "Activation";
                p.put("activation", activation(a, 0));
            }
            case "ReLU", "Softmax", "ELU" -> {
                kind = "Activation";
                p.put("activation", cls.toLowerCase(java.util.Locale.ROOT));
            }
            case "LeakyReLU" -> {
                kind = "Activation";
                double slope = a.decimal(0, "negative_slope", 0.3, "alpha");
                if (Math.abs(slope - 0.01) > 1e-12) {
                    throw a.error(layer.place(), "found LeakyReLU with slope " + slope + ", expected 0.01, the slope of "
                            + "Netwright's leaky relu");
                }
                p.put("activation", "leakyrelu");
            }
            case "LSTM", "GRU", "SimpleRNN" -> {
                kind = cls;
                recurrent(a, p);
            }
            case "Bidirectional" -> {
                Arg inner = require(a, 0, "layer");
                if (!(inner.value() instanceof KerasValue.Layer wrapped && Set.of("LSTM", "GRU", "SimpleRNN")
                        .contains(wrapped.className()))) {
                    throw a.error(inner.place(), "found " + KerasValue.describe(inner.value()) + " in Bidirectional, "
                            + "expected an LSTM, GRU or SimpleRNN layer");
                }
                a.accept("merge_mode", "concat", "Netwright's bidirectional layers concatenate both directions");
                kind = wrapped.className();
                recurrent(wrapped.args(), p);
                wrapped.args().find(-1, "name");
                wrapped.args().rejectUnread();
                p.put("bidirectional", true);
            }
            case "BatchNormalization" -> {
                kind = "BatchNorm";
                a.accept("axis", -1L, "Netwright normalises the last axis");
                p.put("momentum", a.decimal(-1, "momentum", 0.99));
                p.put("epsilon", a.decimal(-1, "epsilon", 1e-3));
            }
            case "LayerNormalization" -> {
                kind = "LayerNorm";
                a.accept("axis", -1L, "Netwright normalises the last axis");
                p.put("epsilon", a.decimal(-1, "epsilon", 1e-3));
            }
            case "MultiHeadAttention" -> {
                kind = "MultiHeadSelfAttention";
                int heads = a.integer(0, "num_heads", 0);
                int keyDim = a.integer(1, "key_dim", 0);
                if (in instanceof Shape.Sequence seq && heads * keyDim != seq.features()) {
                    throw a.error(layer.place(), "found num_heads=" + heads + " and key_dim=" + keyDim + " on "
                            + seq.features() + " features, expected key_dim = features / num_heads = "
                            + seq.features() / Math.max(heads, 1) + " (Netwright's self-attention)");
                }
                p.put("heads", heads);
            }
            case "Add" -> kind = "Add";
            case "Concatenate" -> {
                kind = "Concat";
                a.accept("axis", -1L, "Netwright joins along the last axis (channels or features)");
            }
            case "UpSampling2D" -> {
                kind = "UpSampling2D";
                List<Integer> size = pair(a, 0, "size", List.of(2, 2));
                if (!size.get(0).equals(size.get(1))) {
                    throw a.error(layer.place(), "found UpSampling2D size " + size + ", expected the same size along "
                            + "both axes");
                }
                p.put("size", size.get(0));
                a.accept("interpolation", "nearest", "Netwright repeats pixels");
            }
            case "PositionalEncoding" -> {
                kind = "PositionalEncoding";
                p.put("mode", a.text(0, "mode", "sinusoidal"));
            }
            default -> throw a.error(layer.place(), "found the Keras layer '" + cls + "', expected a layer Netwright "
                    + "has a kind for");
        }
        a.rejectUnread();
        String id = graph.add(kind, p, name, cls, layer.place(), inputs);
        if (!trainable) {
            graph.replace(graph.node(id).withTrainable(false)); // a frozen node: trainable=False
        }
        return id;
    }

    private static void recurrent(KerasArgs a, Map<String, Object> p) throws CodeImportException {
        p.put("units", a.integer(0, "units", 0));
        p.put("activation", activation(a, -1, "tanh"));
        p.put("returnSequences", a.flag(-1, "return_sequences", false));
        a.accept("recurrent_activation", "sigmoid", "Netwright's gates use sigmoid");
        a.accept("reset_after", Boolean.TRUE, "Netwright's GRU resets after the product, as Keras does by default");
        a.accept("dropout", 0.0, "Netwright has no dropout inside recurrent layers");
        a.accept("recurrent_dropout", 0.0, "Netwright has no dropout inside recurrent layers");
    }

    private static Arg require(KerasArgs a, int position, String name) throws CodeImportException {
        Arg arg = a.find(position, name);
        if (arg == null) {
            throw a.error(a.place(), "found " + a.callee() + " without '" + name + "', expected it");
        }
        return arg;
    }

    private static List<Integer> pair(KerasArgs a, int position, String name, List<Integer> fallback)
            throws CodeImportException {
        Arg arg = a.find(position, name);
        if (arg == null || arg.value() instanceof KerasValue.Literal l && l.value() == null) {
            if (fallback == null) {
                throw a.error(a.place(), "found " + a.callee() + " without '" + name + "', expected it");
            }
            return fallback;
        }
        List<Integer> values = a.integers(arg, name);
        if (values.size() == 1) {
            return List.of(values.get(0), values.get(0));
        }
        if (values.size() != 2) {
            throw a.error(arg.place(), "found " + values.size() + " sizes for '" + name + "', expected one or two");
        }
        return values;
    }

    private static String padding(KerasArgs a) throws CodeImportException {
        String padding = a.text(-1, "padding", "valid").toLowerCase(java.util.Locale.ROOT);
        if (!padding.equals("valid") && !padding.equals("same")) {
            throw a.error(a.keywords().get("padding").place(), "found padding '" + padding + "', expected 'valid' or 'same'");
        }
        return padding;
    }

    private static String activation(KerasArgs a, int position) throws CodeImportException {
        return activation(a, position, "identity");
    }

    /** Netwright's name for a Keras activation given as a string, None, or the exported script's leaky_relu. */
    private static String activation(KerasArgs a, int position, String fallback) throws CodeImportException {
        Arg arg = a.find(position, "activation");
        if (arg == null) {
            return fallback;
        }
        String name;
        if (arg.value() instanceof KerasValue.Literal l && (l.value() == null || l.value() instanceof String)) {
            name = l.value() == null ? "linear" : (String) l.value();
        } else if (arg.value() instanceof KerasValue.Ref r) {
            name = r.last();
        } else {
            throw a.error(arg.place(), "found " + KerasValue.describe(arg.value()) + " as activation, expected a name "
                    + "such as 'relu'");
        }
        return switch (name) {
            case "linear" -> "identity";
            case "relu", "tanh", "sigmoid", "elu", "gelu", "swish", "softmax" -> name;
            case "silu" -> "swish";
            case "leaky_relu" -> {
                if (arg.value() instanceof KerasValue.Ref) {
                    yield "leakyrelu";
                }
                throw a.error(arg.place(), "found activation 'leaky_relu', whose slope in Keras (0.2) differs from "
                        + "Netwright's 0.01; expected layers.LeakyReLU(0.01) after the layer");
            }
            default -> throw a.error(arg.place(), "found activation '" + name + "', expected one Netwright has: relu, "
                    + "tanh, sigmoid, linear, elu, gelu, swish, softmax");
        };
    }
}
