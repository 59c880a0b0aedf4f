package dev.netwright.interop.onnx;

import dev.netwright.interop.onnx.OnnxValue.Form;
import onnx.Onnx;

import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

/**
 * The ONNX operators that move data about rather than compute: Identity and Dropout pass their input on; Constant,
 * Shape, Gather, Unsqueeze, Concat and ConstantOfShape are folded where they compute shapes (what PyTorch writes for
 * {@code x.reshape(x.shape[0], -1)} and an LSTM's zero initial state); Flatten, Reshape, Transpose, Squeeze and Gather
 * on a layer's output change only how ONNX lays it out (batch first or time first, one step or all), which Netwright's
 * kinds already agree on, so they make no node unless an image is flattened. LSTM itself is {@link OnnxRecurrentOps}'.
 */
final class OnnxDataOps {
    private final OnnxGraphMapping m;
    private final OnnxRecurrentOps recurrent;

    OnnxDataOps(OnnxGraphMapping mapping) {
        this.m = mapping;
        this.recurrent = new OnnxRecurrentOps(mapping);
    }

    /** Maps {@code node} if it is one of these operators; false for any other. */
    boolean map(Onnx.NodeProto node, OnnxAttributes a) throws OnnxRefusal {
        String out = node.getOutputCount() == 0 ? "" : node.getOutput(0);
        switch (node.getOpType()) {
            case "Identity", "Dropout" -> {
                if (node.getOutputCount() > 1 && m.consumersOf(node.getOutput(1)) > 0) {
                    throw new OnnxRefusal("its mask is read (export the model in eval mode)");
                }
                m.put(out, m.value(node.getInput(0)));
            }
            case "Cast" -> {
                if (m.value(node.getInput(0)) instanceof OnnxValue.Layer) {
                    throw new OnnxRefusal("it converts a layer's values to another type (Netwright computes in float32)");
                }
                m.put(out, ints(node, 0));
            }
            case "Constant" -> m.put(out, constant(a));
            case "Shape" -> m.put(out, shapeOf(node));
            case "Gather" -> gather(node, a);
            case "Unsqueeze" -> {
                OnnxValue.Ints in = ints(node, 0);
                List<Long> axes = recurrent.axes(node, a);
                if (!in.scalar() || !axes.equals(List.of(0L))) {
                    throw new OnnxRefusal("axes " + axes + " on shape values (folded: a scalar's axis 0)");
                }
                m.put(out, new OnnxValue.Ints(in.values(), false));
            }
            case "Concat" -> {
                long[] joined = new long[0];
                for (int i = 0; i < node.getInputCount(); i++) {
                    joined = LongStream.concat(Arrays.stream(joined), Arrays.stream(ints(node, i).values())).toArray();
                }
                m.put(out, new OnnxValue.Ints(joined, false));
            }
            case "ConstantOfShape" -> {
                boolean zero = a.tensor("value").map(t -> t.getRawData().isEmpty() ? allZero(t) : allZeroRaw(t))
                        .orElse(true);
                if (!zero) {
                    throw new OnnxRefusal("a value other than 0 (folded only as an LSTM's zero initial state)");
                }
                m.put(out, new OnnxValue.Zeros());
            }
            case "Slice" -> {
                if (!(m.value(node.getInput(0)) instanceof OnnxValue.Zeros)) {
                    return recurrent.sliceOfSteps(node);
                }
                m.put(out, new OnnxValue.Zeros());
            }
            case "Pad" -> pad(node, a);
            case "Flatten" -> flatten(node, a.integer("axis", 1));
            case "Reshape" -> reshape(node);
            case "Transpose", "Squeeze" -> recurrent.relayout(node, a);
            case "LSTM" -> recurrent.lstm(node, a);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean allZero(Onnx.TensorProto t) {
        return t.getFloatDataList().stream().allMatch(f -> f == 0) && t.getInt64DataList().stream().allMatch(l -> l == 0)
                && t.getInt32DataList().stream().allMatch(l -> l == 0);
    }

    private static boolean allZeroRaw(Onnx.TensorProto t) {
        for (byte b : t.getRawData().toByteArray()) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private OnnxValue constant(OnnxAttributes a) throws OnnxRefusal {
        if (a.tensor("value").isPresent()) {
            Onnx.TensorProto t = a.tensor("value").get();
            try {
                if (OnnxTensors.isFloat(t)) {
                    return new OnnxValue.Floats(OnnxTensors.floats(t, m.source));
                }
                if (OnnxTensors.isInteger(t)) {
                    return new OnnxValue.Ints(OnnxTensors.longs(t, m.source), t.getDimsCount() == 0);
                }
            } catch (dev.netwright.interop.ModelImportException e) {
                throw new OnnxRefusal(e.getMessage());
            }
            throw new OnnxRefusal("a constant of ONNX data type " + t.getDataType());
        }
        if (a.has("value_int")) {
            return new OnnxValue.Ints(new long[]{a.integer("value_int", 0)}, true);
        }
        if (a.has("value_ints")) {
            return new OnnxValue.Ints(a.integers("value_ints", List.of()).stream().mapToLong(Long::longValue).toArray(), false);
        }
        throw new OnnxRefusal("a constant that is not a tensor or integers");
    }

    /** A layer's shape: the batch, then the sizes Netwright knows only where the import needs them (none yet). */
    private OnnxValue shapeOf(Onnx.NodeProto node) throws OnnxRefusal {
        if (!(m.value(node.getInput(0)) instanceof OnnxValue.Layer l)) {
            throw new OnnxRefusal("the shape of a constant");
        }
        int rank = switch (l.form()) {
            case VECTOR -> 2;
            case SEQUENCE, TIME_MAJOR, LSTM_LAST, STACKED_LAST -> 3;
            case IMAGE, CHANNELS_LAST, POOLED, IMAGE_ROWS, IMAGE_COLUMNS, LSTM_STEPS -> 4;
        };
        long[] dims = new long[rank];
        Arrays.fill(dims, OnnxValue.UNKNOWN);
        dims[l.form() == Form.TIME_MAJOR || l.form() == Form.LSTM_LAST ? 1 : l.form() == Form.LSTM_STEPS ? 2 : 0] = OnnxValue.BATCH;
        return new OnnxValue.Ints(dims, false);
    }

    private void gather(Onnx.NodeProto node, OnnxAttributes a) throws OnnxRefusal {
        OnnxValue data = m.value(node.getInput(0));
        if (data instanceof OnnxValue.Layer) {
            recurrent.lastStep(node, a);
            return;
        }
        OnnxValue.Ints in = ints(node, 0);
        OnnxValue.Ints index = ints(node, 1);
        if (a.integer("axis", 0) != 0 || !index.scalar() || index.values()[0] >= in.values().length) {
            throw new OnnxRefusal("a gather other than one size of a shape");
        }
        long i = index.values()[0] < 0 ? in.values().length + index.values()[0] : index.values()[0];
        m.put(node.getOutput(0), new OnnxValue.Ints(new long[]{in.values()[(int) i]}, true));
    }

    private void pad(Onnx.NodeProto node, OnnxAttributes a) throws OnnxRefusal {
        List<Long> pads = node.getInputCount() > 1
                ? Arrays.stream(ints(node, 1).values()).boxed().toList() : a.integers("pads", List.of());
        if (pads.stream().anyMatch(p -> p != 0)) {
            throw new OnnxRefusal("pads " + pads + " (Netwright pads only inside Conv2D, 'same')");
        }
        m.put(node.getOutput(0), m.value(node.getInput(0)));
    }

    private void flatten(Onnx.NodeProto node, long axis) throws OnnxRefusal {
        flatten(node, axis, 0);
    }

    private void flatten(Onnx.NodeProto node, long axis, long size) throws OnnxRefusal {
        if (!(m.value(node.getInput(0)) instanceof OnnxValue.Layer in) || axis != 1) {
            throw new OnnxRefusal("axis " + axis + " (Netwright flattens everything but the batch, axis 1)");
        }
        switch (in.form()) {
            case VECTOR, POOLED -> m.put(node.getOutput(0), in.as(Form.VECTOR));
            // ONNX flattens [N, C, H, W] in C, H, W order, as Deeplearning4j flattens Netwright's images
            case IMAGE -> m.addNode(node, "Flatten", Form.VECTOR, List.of(in)).flattenedSize = size;
            // tf2onnx's Flatten of a channels-last image: H, W, C order, which the Dense after it is reordered from
            case CHANNELS_LAST -> {
                OnnxNode flatten = m.addNode(node, "Flatten", Form.VECTOR, List.of(in));
                flatten.flattensChannelsLast = true;
                flatten.flattenedSize = size;
            }
            default -> throw new OnnxRefusal("it flattens " + in.form() + " values (Netwright flattens images)");
        }
    }

    /**
     * A Reshape to [batch, -1], [batch, size] or [-1, size] (tf2onnx's) flattens, the size checked against the image's
     * once the design is checked; other targets are refused.
     */
    private void reshape(Onnx.NodeProto node) throws OnnxRefusal {
        long[] target = ints(node, 1).values();
        if (m.value(node.getInput(0)) instanceof OnnxValue.Layer in
                && (in.form() == Form.IMAGE_ROWS || in.form() == Form.IMAGE_COLUMNS)) {
            toSequence(node, in, target);
            return;
        }
        if (m.value(node.getInput(0)) instanceof OnnxValue.Layer in && in.form() == Form.IMAGE && target.length == 3
                && (target[0] == OnnxValue.BATCH || target[0] == 0 || (target[0] == -1 && target[1] > 0 && target[2] > 0))) {
            // [N, 1, H, W] to [N, H, W]: the rows as steps, which is the ToSequence by rows of a one-channel image
            toSequence(node, in.as(Form.IMAGE_ROWS), new long[]{OnnxValue.BATCH, target[1], target[2]}).readsOneChannel = true;
            return;
        }
        boolean keepsBatch = target.length == 2 && (target[0] == OnnxValue.BATCH || target[0] == 0);
        boolean flat = (keepsBatch && (target[1] == -1 || target[1] > 0)) || (target.length == 2 && target[0] == -1 && target[1] > 0);
        if (!flat) {
            throw new OnnxRefusal("a target shape other than [batch, -1] (Netwright's import reshapes only to flatten)");
        }
        flatten(node, 1, Math.max(target[1], 0));
    }

    /**
     * A permuted image reshaped to [batch, steps, features]: Netwright's ToSequence, by rows ([N, H, C, W] to
     * [N, H, C·W]) or by columns ([N, W, C, H] to [N, W, C·H]), the features channel-major as DL4J arranges them.
     */
    private OnnxNode toSequence(Onnx.NodeProto node, OnnxValue.Layer in, long[] target) throws OnnxRefusal {
        if (target.length != 3 || (target[0] != OnnxValue.BATCH && target[0] != 0)) {
            throw new OnnxRefusal("a permuted image reshaped to something other than [batch, steps, features]");
        }
        OnnxNode n = m.addNode(node, "ToSequence", Form.SEQUENCE, List.of(in));
        n.params.put("direction", in.form() == Form.IMAGE_ROWS ? "rows" : "columns");
        n.sequenceShape = new long[]{target[1], target[2]};
        return n;
    }

    private OnnxValue.Ints ints(Onnx.NodeProto node, int index) throws OnnxRefusal {
        if (node.getInputCount() <= index || !(m.value(node.getInput(index)) instanceof OnnxValue.Ints i)) {
            throw new OnnxRefusal("input " + index + " is not integers known before the model runs");
        }
        return i;
    }
}
