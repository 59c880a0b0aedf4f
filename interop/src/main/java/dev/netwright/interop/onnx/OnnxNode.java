package dev.netwright.interop.onnx;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Netwright node while the graph is mapped: later operators still change it (a Relu folds into the Dense before it,
 * an Add gives a MatMul its bias, the last step taken from an LSTM turns off its returnSequences). {@code weights} are
 * the ONNX node's trained arrays by their ONNX role ("W", "B", "R", "scale", "mean", "var").
 */
final class OnnxNode {
    final String id;
    String kind;
    final String onnxName;
    final String opType;
    final Map<String, Object> params = new LinkedHashMap<>();
    final Map<String, INDArray> weights = new LinkedHashMap<>();
    /** The node it reads (its first input), null for the input. */
    String input;
    /** A Flatten that flattens a channels-last image (H, W, C order): the Dense after it gets its rows reordered. */
    boolean flattensChannelsLast;
    /** The vector size the ONNX graph says a Flatten gives (a Reshape's target), 0 where it does not say. */
    long flattenedSize;
    /** The [steps, features] the ONNX graph says a ToSequence gives (a Reshape's target), null where it does not. */
    long[] sequenceShape;
    /** A ToSequence read from a plain Reshape of an image to [N, H, W]: the same values only where the image has one channel. */
    boolean readsOneChannel;

    OnnxNode(String id, String kind, String onnxName, String opType) {
        this.id = id;
        this.kind = kind;
        this.onnxName = onnxName;
        this.opType = opType;
    }

    /** "'/fc1/Gemm' (Gemm)", as messages name it. */
    String described() {
        return "'" + onnxName + "' (" + opType + ")";
    }
}
