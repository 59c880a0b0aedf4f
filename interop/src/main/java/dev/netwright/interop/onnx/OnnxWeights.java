package dev.netwright.interop.onnx;

import dev.netwright.interop.GateBlocks;
import dev.netwright.interop.ModelImportException;
import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.weights.DesignWeights;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ONNX's weights in Deeplearning4j's layouts, by node. ONNX keeps PyTorch's layouts: a Conv kernel [out, in, h, w] is
 * DL4J's as it is, a Dense's matrix was turned into [in, out] when it was mapped. BatchNorm's variance goes in as DL4J's
 * log10 of the standard deviation where the layer keeps that. An LSTM's W [1, 4h, in], R [1, 4h, h] and B [1, 8h] hold
 * the gates in the order input, output, forget, cell, and two biases (on the input's and on the state's product) that
 * add up: Netwright's native LSTM wants [in, 4h] in the order input, forget, cell, output, DL4J's own LSTM the order
 * cell, forget, output, input.
 */
final class OnnxWeights {
    /** For each gate block of the native LSTM (i, f, c, o), the ONNX block (i, o, f, c) it takes. */
    private static final int[] NATIVE_FROM_ONNX = {0, 2, 3, 1};
    /** For each gate block of DL4J's LSTM (c, f, o, i), the ONNX block it takes. */
    private static final int[] DL4J_FROM_ONNX = {3, 2, 1, 0};

    private OnnxWeights() {
    }

    static DesignWeights convert(Map<String, OnnxNode> nodes, CheckResult check, ComputationGraph graph, String source)
            throws ModelImportException {
        Map<String, Map<String, INDArray>> byNode = new LinkedHashMap<>();
        for (OnnxNode node : nodes.values()) {
            if (node.weights.isEmpty()) {
                continue;
            }
            Layer layer = graph.getLayer(node.id);
            if (layer == null) {
                throw new ModelImportException(source + ": node " + node.described() + " compiled to no layer");
            }
            Map<String, INDArray> params = switch (node.kind) {
                case "BatchNorm" -> batchNorm(node, layer);
                case "LSTM" -> lstm(node, layer);
                case "TransformerEncoderBlock" -> node.weights; // read in Deeplearning4j's layouts (OnnxEncoderLayers)
                case "PositionalEncoding" -> Map.of("P", node.weights.get("table").transpose()); // DL4J's [features, steps]
                default -> {
                    Map<String, INDArray> p = new LinkedHashMap<>();
                    p.put("W", denseRows(node, nodes, check));
                    if (node.weights.containsKey("B")) {
                        p.put("b", node.weights.get("B"));
                    }
                    yield p;
                }
            };
            Map<String, INDArray> shaped = new LinkedHashMap<>();
            for (Map.Entry<String, INDArray> p : params.entrySet()) {
                // a composite kind's "part/KEY" is parameter KEY of its vertex "id/part"
                int slash = p.getKey().lastIndexOf('/');
                Layer owner = slash < 0 ? layer : graph.getLayer(node.id + "/" + p.getKey().substring(0, slash));
                INDArray target = owner == null ? null : owner.paramTable().get(p.getKey().substring(slash + 1));
                shaped.put(p.getKey(), shapedLike(p.getValue().dup('c'), target));
            }
            byNode.put(node.id, shaped);
        }
        return DesignWeights.of(byNode);
    }

    /**
     * A Dense's matrix; after a Flatten of a channels-last image (tf2onnx's), its rows, which follow (h, w, c), put in
     * Deeplearning4j's (c, h, w) order.
     */
    private static INDArray denseRows(OnnxNode node, Map<String, OnnxNode> nodes, CheckResult check) {
        INDArray w = node.weights.get("W");
        OnnxNode flatten = node.input == null ? null : nodes.get(node.input);
        if (flatten == null || !flatten.flattensChannelsLast || !(check.output(flatten.input).orElse(null) instanceof Shape.Image i)) {
            return w;
        }
        return w.reshape('c', i.height(), i.width(), i.channels(), w.size(1)).permute(2, 0, 1, 3).dup('c')
                .reshape('c', (long) i.channels() * i.height() * i.width(), w.size(1));
    }

    private static Map<String, INDArray> batchNorm(OnnxNode node, Layer layer) {
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put("gamma", node.weights.get("scale"));
        p.put("beta", node.weights.get("B"));
        p.put("mean", node.weights.get("mean"));
        INDArray variance = node.weights.get("var");
        if (((BatchNormalization) layer.conf().getLayer()).isUseLogStd()) {
            // DL4J divides by sqrt((10^log10stdev)^2 + eps): the running variance goes in without epsilon
            p.put("log10stdev", Transforms.log(Transforms.sqrt(variance, true), 10, false));
        } else {
            p.put("var", variance);
        }
        return p;
    }

    private static Map<String, INDArray> lstm(OnnxNode node, Layer layer) {
        INDArray w = node.weights.get("W");
        INDArray r = node.weights.get("R");
        long units = r.size(2);
        INDArray bias = node.weights.get("B");
        INDArray b = bias == null ? org.nd4j.linalg.factory.Nd4j.zeros(w.dataType(), 1, 4 * units)
                : bias.reshape(2, 4 * units).sum(0).reshape(1, 4 * units);
        int[] order = compilesToDl4jLstm(layer) ? DL4J_FROM_ONNX : NATIVE_FROM_ONNX;
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put("W", GateBlocks.reordered(w.reshape(4 * units, w.size(2)).transpose(), order, units));
        p.put("RW", GateBlocks.reordered(r.reshape(4 * units, units).transpose(), order, units));
        p.put("b", GateBlocks.reordered(b, order, units));
        return p;
    }

    private static boolean compilesToDl4jLstm(Layer layer) {
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        if (conf instanceof LastTimeStep last) {
            conf = last.getUnderlying();
        }
        return conf instanceof org.deeplearning4j.nn.conf.layers.LSTM;
    }

    /** A vector in the shape of the layer's own vector parameter ([n] as [1, n]); anything else as it is. */
    private static INDArray shapedLike(INDArray value, INDArray target) {
        boolean vectors = target != null && value.length() == target.length()
                && Arrays.stream(value.shape()).filter(d -> d > 1).count() <= 1
                && Arrays.stream(target.shape()).filter(d -> d > 1).count() <= 1;
        return vectors ? value.reshape('c', target.shape()) : value;
    }
}
