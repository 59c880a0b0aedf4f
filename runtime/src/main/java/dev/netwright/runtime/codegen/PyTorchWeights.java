package dev.netwright.runtime.codegen;

import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.dl4j.NativeLstmLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A trained graph's parameters as the exported module's {@code state_dict}: PyTorch's names and layouts, float32.
 * Deeplearning4j keeps a dense layer's weights [in, out] where {@code nn.Linear} keeps [out, in]; its BatchNorm keeps
 * log10 of the standard deviation; its LSTM orders the gates differently from PyTorch (Netwright's native LSTM
 * already has PyTorch's order); its self-attention keeps Q, K and V apart where {@code nn.MultiheadAttention} stacks
 * them. The exported code loads the result with {@code load_state_dict(strict=True)}, so a name or shape that does
 * not fit fails there instead of computing something else. The ONNX export reads the same tensors, since ONNX's
 * convolution and recurrent layouts are PyTorch's.
 */
public final class PyTorchWeights {
    /** DL4J's own LSTM gate blocks (cell input, forget, output, input) in PyTorch's order (input, forget, cell, output). */
    private static final int[] DL4J_LSTM_TO_TORCH = {3, 1, 0, 2};

    private final ComputationGraph graph;
    private final Map<String, INDArray> state = new LinkedHashMap<>();

    public PyTorchWeights(ComputationGraph graph) {
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    /** The parameters added so far, by PyTorch's names, float32 and c-ordered. */
    public Map<String, INDArray> stateDict() {
        return state;
    }

    /** Adds one node's parameters under the module attribute {@code attr}; nodes without parameters add nothing. */
    public void add(Node node, String attr) {
        String id = node.id();
        switch (node.kind()) {
            // DL4J's [out, in, kh, kw]; its Deconvolution2D's [in, out, kh, kw]: PyTorch's layouts both
            case "Conv2D", "Conv2DTranspose" -> convolution(attr, params(id));
            case "Conv1D" -> conv1d(attr, params(id));
            case "Embedding" -> put(attr + ".weight", params(id).get("W")); // [vocabulary, dimensions] both
            case "Dense", "Output" -> linear(attr, params(id));
            case "BatchNorm" -> batchNorm(attr, params(id));
            case "LayerNorm" -> layerNorm(attr, params(id));
            case "MultiHeadSelfAttention" -> attention(attr, params(id));
            case "TransformerEncoderBlock" -> {
                attention(attr + ".attn", params(id + "/attn"));
                layerNorm(attr + ".norm1", params(id + "/norm1"));
                linear(attr + ".ff1", params(id + "/ff1"));
                linear(attr + ".ff2", params(id + "/ff2"));
                layerNorm(attr + ".norm2", params(id));
            }
            case "PositionalEncoding" -> {
                INDArray table = params(id).get("P"); // [features, steps]; PyTorch's table is [steps, features]
                if (table != null) {
                    put(attr + ".table", table.transpose());
                }
            }
            case "LSTM", "GRU", "SimpleRNN" -> recurrent(node.kind(), attr, id);
            default -> {
                // no parameters: pooling, activation, dropout, flatten, add, concat, to-sequence, reshape, upsampling
            }
        }
    }

    private Map<String, INDArray> params(String vertexName) {
        GraphVertex vertex = graph.getVertex(vertexName);
        if (vertex == null || !vertex.hasLayer()) {
            throw new CodeExportException("The trained network has no layer '" + vertexName
                    + "': it was not trained from this design.");
        }
        return vertex.getLayer().paramTable();
    }

    private Layer layerConf(String vertexName) {
        Layer layer = graph.getVertex(vertexName).getLayer().conf().getLayer();
        while (layer instanceof BaseWrapperLayer wrapper) {
            layer = wrapper.getUnderlying();
        }
        return layer;
    }

    private void convolution(String attr, Map<String, INDArray> t) {
        put(attr + ".weight", t.get("W"));
        if (t.containsKey("b")) {
            put(attr + ".bias", flat(t.get("b")));
        }
    }

    /**
     * DL4J M2.1's Convolution1DLayer keeps its kernel as [out, in, k, 1] but computes with those values read, in
     * order, as [k, in, out] (the conv1d op's layout): that reading, turned into {@code nn.Conv1d}'s [out, in, k].
     */
    private void conv1d(String attr, Map<String, INDArray> t) {
        INDArray w = t.get("W");
        put(attr + ".weight", w.dup('c').reshape('c', w.size(2), w.size(1), w.size(0)).permute(2, 1, 0));
        if (t.containsKey("b")) {
            put(attr + ".bias", flat(t.get("b")));
        }
    }

    private void linear(String attr, Map<String, INDArray> t) {
        put(attr + ".weight", t.get("W").transpose());
        if (t.containsKey("b")) {
            put(attr + ".bias", flat(t.get("b")));
        }
    }

    private void layerNorm(String attr, Map<String, INDArray> t) {
        put(attr + ".weight", flat(t.get("gamma")));
        put(attr + ".bias", flat(t.get("beta")));
    }

    private void batchNorm(String attr, Map<String, INDArray> t) {
        put(attr + ".weight", flat(t.get("gamma")));
        put(attr + ".bias", flat(t.get("beta")));
        put(attr + ".running_mean", flat(t.get("mean")));
        INDArray variance;
        if (t.containsKey("log10stdev")) {
            // DL4J 1.0.0-M2.1 keeps log10 of the standard deviation and at inference divides by sqrt(std^2 + eps),
            // as PyTorch divides by sqrt(running_var + eps): running_var is std^2
            INDArray std = Transforms.pow(Nd4j.valueArrayOf(t.get("log10stdev").shape(), 10.0, DataType.DOUBLE),
                    t.get("log10stdev").castTo(DataType.DOUBLE), false);
            variance = std.mul(std);
        } else {
            variance = t.get("var");
        }
        put(attr + ".running_var", flat(variance));
    }

    /** Q, K and V projections [in, out] each stacked as PyTorch's in_proj [3*out, in]; the output projection. */
    private void attention(String attr, Map<String, INDArray> t) {
        put(attr + ".in_proj_weight", Nd4j.concat(0, t.get("Wq").transpose(), t.get("Wk").transpose(),
                t.get("Wv").transpose()));
        put(attr + ".in_proj_bias", Nd4j.concat(0, flat(t.get("bq")), flat(t.get("bk")), flat(t.get("bv"))));
        put(attr + ".out_proj.weight", t.get("Wo").transpose());
        put(attr + ".out_proj.bias", flat(t.get("bo")));
    }

    private void recurrent(String kind, String attr, String id) {
        Map<String, INDArray> t = params(id);
        boolean nativeLstm = layerConf(id) instanceof NativeLstmLayer;
        if ("GRU".equals(kind)) {
            // Netwright's GRU has PyTorch's gate order (reset, update, candidate) and its two biases
            direction(attr, "", kind, t.get("W"), t.get("RW"), t.get("b"), t.get("Rb"), false);
            if (t.containsKey("backW")) {
                direction(attr, "_reverse", kind, t.get("backW"), t.get("backRW"), t.get("backb"), t.get("backRb"), false);
            }
        } else if (nativeLstm && t.get("W").rank() == 3) { // bidirectional: [2, ...], forward then backward
            direction(attr, "", kind, slice(t.get("W"), 0), slice(t.get("RW"), 0), slice(t.get("b"), 0), null, false);
            direction(attr, "_reverse", kind, slice(t.get("W"), 1), slice(t.get("RW"), 1), slice(t.get("b"), 1), null, false);
        } else if (t.containsKey("fW")) { // DL4J's Bidirectional wrapper around its own LSTM or SimpleRnn
            boolean reorder = "LSTM".equals(kind);
            direction(attr, "", kind, t.get("fW"), t.get("fRW"), t.get("fb"), null, reorder);
            direction(attr, "_reverse", kind, t.get("bW"), t.get("bRW"), t.get("bb"), null, reorder);
        } else {
            direction(attr, "", kind, t.get("W"), t.get("RW"), t.get("b"), null, "LSTM".equals(kind) && !nativeLstm);
        }
    }

    /**
     * One direction of a recurrent layer: weights [in, gates*units] and [units, gates*units] transposed; the second
     * bias, which DL4J's LSTM and SimpleRnn do not have, is zero (the exported code keeps it at zero too).
     */
    private void direction(String attr, String suffix, String kind, INDArray w, INDArray rw, INDArray b, INDArray rb,
                           boolean dl4jGateOrder) {
        INDArray inputWeights = w;
        INDArray recurrentWeights = rw;
        INDArray bias = flat(b);
        if (dl4jGateOrder) {
            inputWeights = gatesInTorchOrder(w);
            recurrentWeights = gatesInTorchOrder(rw);
            bias = flat(gatesInTorchOrder(bias.reshape(1, bias.length())));
        }
        // DL4J's SimpleRnn keeps its recurrent weights as [units, units] too, multiplied on the right
        put(attr + ".weight_ih_l0" + suffix, inputWeights.transpose());
        put(attr + ".weight_hh_l0" + suffix, recurrentWeights.transpose());
        put(attr + ".bias_ih_l0" + suffix, bias);
        put(attr + ".bias_hh_l0" + suffix, rb == null ? Nd4j.zeros(DataType.FLOAT, bias.length()) : flat(rb));
    }

    /** Columns in four gate blocks, DL4J LSTM's order, rearranged into PyTorch's. */
    private static INDArray gatesInTorchOrder(INDArray columns) {
        long units = columns.size(1) / 4;
        INDArray[] blocks = new INDArray[4];
        for (int i = 0; i < 4; i++) {
            long from = DL4J_LSTM_TO_TORCH[i] * units;
            blocks[i] = columns.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + units));
        }
        return Nd4j.hstack(blocks);
    }

    /**
     * One direction of a [2, ...] parameter. Indexing ND4J's view of the network's flat parameters at [1] gave an
     * empty array for the recurrent weights (measured on M2.1), so the values are copied and read as rows.
     */
    private static INDArray slice(INDArray stacked, int index) {
        INDArray c = stacked.dup('c');
        long[] rest = java.util.Arrays.copyOfRange(c.shape(), 1, c.rank());
        return c.reshape('c', c.size(0), c.length() / c.size(0)).getRow(index).dup('c').reshape('c', rest);
    }

    private static INDArray flat(INDArray array) {
        return array.reshape(array.length());
    }

    private void put(String name, INDArray value) {
        state.put(name, value.castTo(DataType.FLOAT).dup('c'));
    }
}
