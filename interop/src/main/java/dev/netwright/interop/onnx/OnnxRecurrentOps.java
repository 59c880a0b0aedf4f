package dev.netwright.interop.onnx;

import dev.netwright.interop.onnx.OnnxValue.Form;
import dev.netwright.runtime.layers.kinds.RecurrentKind;
import onnx.Onnx;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * ONNX's LSTM and the operators PyTorch writes around it for {@code batch_first=True}: a Transpose to time-major before
 * it, a Squeeze of its directions axis after it, a Transpose back, and a Gather of the last step ({@code out[:, -1]}) or a
 * Squeeze of its last hidden state Y_h. These only relabel the LSTM node's output; reading the last step turns its
 * returnSequences off.
 */
final class OnnxRecurrentOps {
    private static final List<String> DEFAULT_ACTIVATIONS = List.of("Sigmoid", "Tanh", "Tanh");
    private final OnnxGraphMapping m;

    OnnxRecurrentOps(OnnxGraphMapping mapping) {
        this.m = mapping;
    }

    void lstm(Onnx.NodeProto node, OnnxAttributes a) throws OnnxRefusal {
        OnnxValue x = m.value(node.getInput(0));
        if (!(x instanceof OnnxValue.Layer in) || in.form() != Form.TIME_MAJOR) {
            throw new OnnxRefusal("its input is not a sequence laid out time first [T, N, F] (batch first, "
                    + "PyTorch's batch_first, is transposed before it)");
        }
        String direction = a.text("direction", "forward");
        List<String> activations = a.texts("activations");
        if (!"forward".equals(direction) || a.has("clip") || a.integer("input_forget", 0) != 0
                || a.integer("layout", 0) != 0 || !(activations.isEmpty() || activations.equals(DEFAULT_ACTIVATIONS))) {
            m.refuse(node, "direction " + direction + ", clip, input_forget, layout or activations " + activations
                    + " (Netwright's LSTM runs forward with sigmoid gates and tanh, ONNX's defaults)");
        }
        for (int i = 4; i < node.getInputCount(); i++) {
            String name = node.getInput(i);
            if (!name.isEmpty() && !(i != 4 && i != 7 && m.value(name) instanceof OnnxValue.Zeros)) {
                m.refuse(node, "sequence_lens, peepholes or a non-zero initial state (Netwright's LSTM starts "
                        + "from zeros and reads every step)");
                break;
            }
        }
        INDArray w = floats(node, 1);
        INDArray r = floats(node, 2);
        long units = a.integer("hidden_size", r.rank() == 3 ? r.size(2) : 0);
        if (w.rank() != 3 || r.rank() != 3 || w.size(0) != 1 || w.size(1) != 4 * units || r.size(1) != 4 * units
                || r.size(2) != units) {
            throw new OnnxRefusal("W of shape " + Arrays.toString(w.shape()) + " and R of shape "
                    + Arrays.toString(r.shape()) + " ([1, 4·hidden, in] and [1, 4·hidden, hidden] were expected)");
        }
        if (node.getOutputCount() > 2 && m.consumersOf(node.getOutput(2)) > 0) {
            throw new OnnxRefusal("its cell state Y_c is read (Netwright's LSTM outputs its hidden state)");
        }
        OnnxNode n = m.addNode(node, RecurrentKind.LSTM_ID, Form.LSTM_STEPS, List.of(in));
        n.params.putAll(Map.of("units", (int) units, "activation", "tanh", "returnSequences", true, "bidirectional", false));
        n.weights.put("W", w);
        n.weights.put("R", r);
        if (node.getInputCount() > 3 && !node.getInput(3).isEmpty()) {
            n.weights.put("B", floats(node, 3));
        }
        if (node.getOutputCount() > 1) {
            m.put(node.getOutput(1), new OnnxValue.Layer(n.id, Form.LSTM_LAST));
        }
    }

    /** Transpose between batch first and time first; Squeeze of an LSTM's directions axis or a pooled image's 1×1. */
    void relayout(Onnx.NodeProto node, OnnxAttributes a) throws OnnxRefusal {
        if (!(m.value(node.getInput(0)) instanceof OnnxValue.Layer in)) {
            throw new OnnxRefusal("it reads a constant");
        }
        Form to = null;
        if ("Transpose".equals(node.getOpType())) {
            List<Long> perm = a.integers("perm", List.of());
            if (perm.equals(List.of(1L, 0L, 2L)) && in.form() == Form.SEQUENCE) {
                to = Form.TIME_MAJOR;
            } else if (perm.equals(List.of(1L, 0L, 2L)) && in.form() == Form.TIME_MAJOR) {
                to = Form.SEQUENCE;
            } else if (perm.equals(List.of(0L, 3L, 1L, 2L)) && in.form() == Form.CHANNELS_LAST) {
                to = Form.IMAGE;
            } else if (perm.equals(List.of(0L, 2L, 3L, 1L)) && in.form() == Form.IMAGE) {
                to = Form.CHANNELS_LAST;
            } else if (perm.equals(List.of(0L, 2L, 1L, 3L)) && in.form() == Form.IMAGE) {
                to = Form.IMAGE_ROWS;
            } else if (perm.equals(List.of(0L, 3L, 1L, 2L)) && in.form() == Form.IMAGE) {
                to = Form.IMAGE_COLUMNS;
            }
        } else {
            List<Long> axes = axes(node, a);
            if (in.form() == Form.LSTM_STEPS && axes.equals(List.of(1L))) {
                to = Form.TIME_MAJOR;
            } else if (in.form() == Form.LSTM_LAST && axes.equals(List.of(0L))) {
                to = Form.VECTOR;
                m.lastStepRead.add(in.node());
            } else if (in.form() == Form.POOLED && (axes.equals(List.of(2L, 3L)) || axes.equals(List.of(-2L, -1L)))) {
                to = Form.VECTOR;
            }
        }
        if (to == null) {
            throw new OnnxRefusal("it lays out " + in.form() + " values in a way Netwright's kinds do not (only the "
                    + "transposes and squeezes around an LSTM and after a global pooling are read)");
        }
        m.put(node.getOutput(0), in.as(to));
    }

    /**
     * {@code out[:, -1]} (batch first) or {@code out[-1]} (time first): an LSTM's last step; {@code h_n[-1]}: the top
     * LSTM's last hidden state, which is its last step too.
     */
    void lastStep(Onnx.NodeProto node, OnnxAttributes a) throws OnnxRefusal {
        OnnxValue.Layer in = (OnnxValue.Layer) m.value(node.getInput(0));
        long axis = a.integer("axis", 0);
        OnnxValue index = m.value(node.getInput(1));
        boolean last = index instanceof OnnxValue.Ints i && i.scalar() && i.values()[0] == -1;
        boolean stepAxis = (in.form() == Form.SEQUENCE && axis == 1) || (axis == 0 && (in.form() == Form.TIME_MAJOR
                || in.form() == Form.LSTM_LAST || in.form() == Form.STACKED_LAST));
        if (!last || !stepAxis || !RecurrentKind.LSTM_ID.equals(m.node(in.node()).kind)) {
            throw new OnnxRefusal("a gather other than an LSTM's last step (out[:, -1] or h_n[-1])");
        }
        m.lastStepRead.add(in.node());
        m.put(node.getOutput(0), in.as(Form.VECTOR));
    }

    /** A Slice of a layer's steps: not read yet (an LSTM's last step is read as a Gather). */
    boolean sliceOfSteps(Onnx.NodeProto node) throws OnnxRefusal {
        throw new OnnxRefusal("it slices a layer's output (Netwright reads an LSTM's last step, out[:, -1], or all)");
    }

    /** Axes from the second input (opset 13 and later) or the attribute (before). */
    List<Long> axes(Onnx.NodeProto node, OnnxAttributes a) throws OnnxRefusal {
        if (node.getInputCount() > 1 && !node.getInput(1).isEmpty()) {
            if (!(m.value(node.getInput(1)) instanceof OnnxValue.Ints i)) {
                throw new OnnxRefusal("axes that are not integers known before the model runs");
            }
            return Arrays.stream(i.values()).boxed().toList();
        }
        return a.integers("axes", List.of());
    }

    private INDArray floats(Onnx.NodeProto node, int index) throws OnnxRefusal {
        if (!(m.value(node.getInput(index)) instanceof OnnxValue.Floats f)) {
            throw new OnnxRefusal("input " + index + " is not a float32 weight held in the file");
        }
        return f.array();
    }
}
