package dev.netwright.interop.onnx;

import dev.netwright.interop.onnx.OnnxGraph.Attribute;
import dev.netwright.runtime.layers.Params;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * LSTM, GRU and SimpleRNN as ONNX's LSTM, GRU and RNN operators. Those read [steps, N, features] and give
 * [steps, directions, N, units]; PyTorch's gate order (the weights' layout here) is rearranged into ONNX's: LSTM
 * input, output, forget, cell; GRU update, reset, hidden, with the reset applied after the recurrent product
 * ({@code linear_before_reset}), as PyTorch and Netwright's GRU compute it.
 */
final class OnnxRecurrent {
    /** PyTorch's LSTM gate blocks (input, forget, cell, output) in ONNX's order (input, output, forget, cell). */
    private static final int[] LSTM_ORDER = {0, 3, 1, 2};
    /** PyTorch's GRU gate blocks (reset, update, new) in ONNX's order (update, reset, hidden). */
    private static final int[] GRU_ORDER = {1, 0, 2};
    private static final int[] RNN_ORDER = {0};

    private OnnxRecurrent() {
    }

    static String map(String kind, OnnxLayerNode n) throws OnnxLayers.Unsupported {
        Params p = n.params();
        OnnxGraph g = n.graph();
        String activation = p.getChoice("activation");
        List<Attribute> attributes = new ArrayList<>();
        boolean bidirectional = p.getBool("bidirectional");
        int units = p.getInt("units");
        attributes.add(Attribute.of("hidden_size", (long) units));
        attributes.add(Attribute.of("direction", bidirectional ? "bidirectional" : "forward"));
        String op;
        int[] order;
        if ("SimpleRNN".equals(kind)) {
            if (!"tanh".equals(activation) && !"relu".equals(activation)) {
                throw new OnnxLayers.Unsupported("activation '" + activation + "'");
            }
            String name = "tanh".equals(activation) ? "Tanh" : "Relu";
            attributes.add(bidirectional ? Attribute.strings("activations", name, name) : Attribute.strings("activations", name));
            op = "RNN";
            order = RNN_ORDER;
        } else if (!"tanh".equals(activation)) {
            throw new OnnxLayers.Unsupported("activation '" + activation + "'");
        } else if ("GRU".equals(kind)) {
            attributes.add(Attribute.of("linear_before_reset", 1L));
            op = "GRU";
            order = GRU_ORDER;
        } else {
            op = "LSTM";
            order = LSTM_ORDER;
        }
        List<String> suffixes = bidirectional ? List.of("", "_reverse") : List.of("");
        String w = g.floats(n.step("W"), stack(n, "weight_ih_l0", suffixes, order, null));
        String r = g.floats(n.step("R"), stack(n, "weight_hh_l0", suffixes, order, null));
        String b = g.floats(n.step("B"), stack(n, "bias_ih_l0", suffixes, order, "bias_hh_l0"));
        String stepsFirst = OnnxLayers.transpose(g, n.x(), n.step("steps_first"), 1, 0, 2);
        String y = g.ops(op, List.of(n.step("Y")), List.of(stepsFirst, w, r, b),
                attributes.toArray(Attribute[]::new)).get(0);
        // [steps, directions, N, units] -> [N, steps, directions * units]: each step's directions side by side
        String batchFirst = OnnxLayers.transpose(g, y, n.step("batch_first"), 2, 0, 1, 3);
        boolean sequences = p.getBool("returnSequences");
        String joined = g.op("Reshape", sequences ? n.id() : n.step("joined"), List.of(batchFirst,
                g.longs(n.step("shape"), 0, 0, -1)));
        if (sequences) {
            return joined;
        }
        // the last step of the joined output, as the PyTorch export and DL4J's LastTimeStep take it
        return g.op("Gather", n.id(), List.of(joined, g.longScalar(n.step("last"), -1)), Attribute.of("axis", 1L));
    }

    /**
     * The directions' matrices [gates * units, ...] with the gate blocks in ONNX's order, stacked [directions, ...];
     * with {@code second}, the two biases of each direction side by side [directions, 2 * gates * units].
     */
    private static INDArray stack(OnnxLayerNode n, String name, List<String> suffixes, int[] order, String second) {
        List<INDArray> directions = new ArrayList<>();
        for (String suffix : suffixes) {
            INDArray m = reorder(n.weight(name + suffix), order);
            if (second != null) {
                m = Nd4j.concat(0, m, reorder(n.weight(second + suffix), order));
            }
            directions.add(m.reshape(prepend(m.shape())));
        }
        return Nd4j.concat(0, directions.toArray(INDArray[]::new));
    }

    private static INDArray reorder(INDArray rows, int[] order) {
        long block = rows.size(0) / order.length;
        INDArray[] blocks = new INDArray[order.length];
        for (int i = 0; i < order.length; i++) {
            long from = order[i] * block;
            blocks[i] = rows.rank() == 1
                    ? rows.get(NDArrayIndex.interval(from, from + block))
                    : rows.get(NDArrayIndex.interval(from, from + block), NDArrayIndex.all());
        }
        return Nd4j.concat(0, blocks);
    }

    private static long[] prepend(long[] shape) {
        long[] out = new long[shape.length + 1];
        out[0] = 1;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }
}
