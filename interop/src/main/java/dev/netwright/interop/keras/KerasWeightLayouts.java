package dev.netwright.interop.keras;

import dev.netwright.interop.ModelImportException;
import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.ActivationKind;
import dev.netwright.runtime.layers.kinds.DropoutKind;
import dev.netwright.runtime.layers.kinds.FlattenKind;
import dev.netwright.runtime.weights.DesignWeights;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keras's weights in Deeplearning4j's layouts, by node. Keras is channels_last and DL4J's images NCHW: a Conv2D kernel
 * (height, width, in, out) becomes (out, in, height, width), and a Dense that reads a Flatten of an image gets its rows
 * reordered, since Keras flattens (height, width, channels) and DL4J (channels, height, width). Normalisations and
 * embeddings keep their vectors and tables; recurrent layers are {@link KerasRecurrentWeights}'.
 */
final class KerasWeightLayouts {
    /** Keras classes whose bias is absent when the layer was made with use_bias=False. */
    private static final Set<String> OPTIONAL_BIAS = Set.of("Dense", "Conv1D", "Conv2D", "Conv2DTranspose");

    private KerasWeightLayouts() {
    }

    /** The Keras names of a layer's variables in Keras 3's order ({@code vars/0}, ...), by Keras class. */
    static List<String> keras3Names(String kerasClass) {
        return switch (kerasClass) {
            case "Dense", "Conv2D", "Conv1D", "Conv2DTranspose" -> List.of("kernel", "bias");
            case "BatchNormalization" -> List.of("gamma", "beta", "moving_mean", "moving_variance");
            case "LayerNormalization" -> List.of("gamma", "beta");
            case "Embedding" -> List.of("embeddings");
            case "LSTM", "GRU", "SimpleRNN" -> KerasRecurrentWeights.KERAS_NAMES;
            default -> List.of();
        };
    }

    /** Whether a layer of this Keras class has trained weights that Netwright keeps. */
    static boolean hasWeights(String kerasClass) {
        return !keras3Names(kerasClass).isEmpty();
    }

    /**
     * The design's weights from each node's Keras weights ({@code raw}: node id → Keras name → array), in the layouts
     * of {@code graph}, the network compiled from the design; a layer whose weights are missing, or of a shape its node
     * does not have, is refused naming the file and layer.
     */
    static DesignWeights convert(Design design, CheckResult check, ComputationGraph graph,
                                 Map<String, String> kerasClasses, Map<String, Map<String, INDArray>> raw,
                                 String source) throws ModelImportException {
        Map<String, Map<String, INDArray>> byNode = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : kerasClasses.entrySet()) {
            String id = entry.getKey();
            String kerasClass = entry.getValue();
            if (!hasWeights(kerasClass)) {
                continue;
            }
            Map<String, INDArray> keras = raw.getOrDefault(id, Map.of());
            for (String name : keras3Names(kerasClass)) {
                // a Dense or convolution without use_bias has no bias (a recurrent layer without one is refused)
                boolean optional = "bias".equals(name) && OPTIONAL_BIAS.contains(kerasClass);
                if (!keras.containsKey(name) && !optional) {
                    throw new ModelImportException(source + ": layer '" + id + "' (" + kerasClass + ") has no " + name
                            + " in the file's weights (found: " + keras.keySet() + ")");
                }
            }
            Layer layer = graph.getLayer(id);
            Map<String, INDArray> params = switch (kerasClass) {
                case "LSTM", "GRU", "SimpleRNN" -> KerasRecurrentWeights.convert(kerasClass, keras, layer, id, source);
                default -> ownLayout(kerasClass, keras, design, check, layer, id, source);
            };
            Map<String, INDArray> shaped = new LinkedHashMap<>();
            params.forEach((key, value) -> shaped.put(key, vectorShapedLike(value, layer.paramTable().get(key))));
            byNode.put(id, shaped);
        }
        return DesignWeights.of(byNode);
    }

    private static Map<String, INDArray> ownLayout(String kerasClass, Map<String, INDArray> keras, Design design,
                                                   CheckResult check, Layer layer, String id, String source)
            throws ModelImportException {
        Map<String, INDArray> params = new LinkedHashMap<>();
        switch (kerasClass) {
            case "BatchNormalization" -> {
                params.put("gamma", keras.get("gamma"));
                params.put("beta", keras.get("beta"));
                params.put("mean", keras.get("moving_mean"));
                INDArray variance = keras.get("moving_variance");
                BatchNormalization conf = (BatchNormalization) layer.conf().getLayer();
                if (conf.isUseLogStd()) {
                    // DL4J keeps log10 of the standard deviation in place of the variance, and normalises by
                    // sqrt((10^log10stdev)^2 + eps): the moving variance goes in without epsilon
                    params.put("log10stdev", Transforms.log(Transforms.sqrt(variance, true), 10, false));
                } else {
                    params.put("var", variance);
                }
            }
            case "LayerNormalization" -> {
                params.put("gamma", keras.get("gamma"));
                params.put("beta", keras.get("beta"));
            }
            case "Embedding" -> params.put("W", keras.get("embeddings"));
            case "Conv1D" -> {
                INDArray kernel = keras.get("kernel");
                requireRank(kernel, 3, id, source);
                // DL4J M2.1's Convolution1DLayer declares W as (out, in, length, 1) but its conv1d reads the buffer as
                // (length, in, out), Keras's own order (found against numpy's outputs): the values go in unpermuted
                params.put("W", kernel.dup('c').reshape('c', kernel.size(2), kernel.size(1), kernel.size(0), 1));
            }
            case "Conv2D" -> {
                INDArray kernel = keras.get("kernel");
                requireRank(kernel, 4, id, source);
                params.put("W", kernel.permute(3, 2, 0, 1).dup('c'));
            }
            case "Conv2DTranspose" -> {
                INDArray kernel = keras.get("kernel");
                requireRank(kernel, 4, id, source);
                // Keras keeps (height, width, out, in), DL4J's Deconvolution2D (in, out, height, width); neither flips
                params.put("W", kernel.permute(3, 2, 0, 1).dup('c'));
            }
            default -> {
                INDArray kernel = keras.get("kernel");
                requireRank(kernel, 2, id, source);
                params.put("W", denseRows(kernel, flattenedImage(design, check, id)).dup('c'));
            }
        }
        INDArray bias = keras.get("bias");
        if (bias != null && keras.containsKey("kernel")) {
            params.put("b", bias.reshape(bias.length()));
        }
        return params;
    }

    /**
     * A vector (one axis longer than 1) in the shape of the layer's own vector parameter, e.g. [n] as [1, n]; anything
     * else as it is, so that a shape that does not fit is reported rather than reshaped.
     */
    private static INDArray vectorShapedLike(INDArray value, INDArray target) {
        if (target == null || value.length() != target.length() || !isVector(value) || !isVector(target)) {
            return value;
        }
        return value.reshape('c', target.shape());
    }

    private static boolean isVector(INDArray a) {
        return java.util.Arrays.stream(a.shape()).filter(d -> d > 1).count() <= 1;
    }

    private static void requireRank(INDArray kernel, int rank, String id, String source) throws ModelImportException {
        if (kernel.rank() != rank) {
            throw new ModelImportException(source + ": layer '" + id + "' has a kernel of shape "
                    + java.util.Arrays.toString(kernel.shape()) + "; a rank-" + rank + " kernel was expected");
        }
    }

    /** Keras's (h·w·c) rows in DL4J's (c·h·w) order, when the Dense reads a flattened image; else the kernel as it is. */
    private static INDArray denseRows(INDArray kernel, Optional<Shape.Image> image) {
        if (image.isEmpty()) {
            return kernel;
        }
        Shape.Image i = image.get();
        long out = kernel.size(1);
        return kernel.reshape('c', i.height(), i.width(), i.channels(), out).permute(2, 0, 1, 3).dup('c')
                .reshape('c', (long) i.channels() * i.height() * i.width(), out);
    }

    /** The image a Dense reads through a Flatten (past Dropout and Activation nodes, which keep the order). */
    private static Optional<Shape.Image> flattenedImage(Design design, CheckResult check, String id) {
        String at = id;
        while (true) {
            List<Edge> in = design.edgesInto(at);
            if (in.size() != 1) {
                return Optional.empty();
            }
            Node from = design.requireNode(in.get(0).from());
            if (FlattenKind.ID.equals(from.kind())) {
                List<Edge> intoFlatten = design.edgesInto(from.id());
                return intoFlatten.isEmpty() ? Optional.empty()
                        : check.output(intoFlatten.get(0).from()).filter(Shape.Image.class::isInstance).map(Shape.Image.class::cast);
            }
            if (!DropoutKind.ID.equals(from.kind()) && !ActivationKind.ID.equals(from.kind())) {
                return Optional.empty();
            }
            at = from.id();
        }
    }
}
