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
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keras's weights in Deeplearning4j's layouts, by node. Keras is channels_last and DL4J's images NCHW: a Conv2D kernel
 * (height, width, in, out) becomes (out, in, height, width), and a Dense that reads a Flatten of an image gets its rows
 * reordered, since Keras flattens (height, width, channels) and DL4J (channels, height, width).
 */
final class KerasWeightLayouts {
    private KerasWeightLayouts() {
    }

    /** The Keras names of a layer's variables in Keras 3's order ({@code vars/0}, ...), by Keras class. */
    static List<String> keras3Names(String kerasClass) {
        return switch (kerasClass) {
            case "Dense", "Conv2D" -> List.of("kernel", "bias");
            default -> List.of();
        };
    }

    /** Whether a layer of this Keras class has trained weights that Netwright keeps. */
    static boolean hasWeights(String kerasClass) {
        return !keras3Names(kerasClass).isEmpty();
    }

    /**
     * The design's weights from each node's Keras weights ({@code raw}: node id → Keras name → array); a layer whose
     * weights are missing, or of a shape its node does not have, is refused naming the file and layer.
     */
    static DesignWeights convert(Design design, CheckResult check, Map<String, String> kerasClasses,
                                 Map<String, Map<String, INDArray>> raw, String source) throws ModelImportException {
        Map<String, Map<String, INDArray>> byNode = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : kerasClasses.entrySet()) {
            String id = entry.getKey();
            if (!hasWeights(entry.getValue())) {
                continue;
            }
            Map<String, INDArray> keras = raw.getOrDefault(id, Map.of());
            INDArray kernel = keras.get("kernel");
            if (kernel == null) {
                throw new ModelImportException(source + ": layer '" + id + "' (" + entry.getValue()
                        + ") has no kernel in the file's weights (found: " + keras.keySet() + ")");
            }
            Map<String, INDArray> params = new LinkedHashMap<>();
            if ("Conv2D".equals(entry.getValue())) {
                requireRank(kernel, 4, id, source);
                params.put("W", kernel.permute(3, 2, 0, 1).dup('c'));
            } else {
                requireRank(kernel, 2, id, source);
                params.put("W", denseRows(kernel, flattenedImage(design, check, id)).dup('c'));
            }
            INDArray bias = keras.get("bias");
            if (bias != null) {
                params.put("b", bias.reshape(bias.length()));
            }
            byNode.put(id, params);
        }
        return DesignWeights.of(byNode);
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
