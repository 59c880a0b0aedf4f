package dev.netwright.interop.onnx;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What an ONNX tensor is while the graph is mapped: the output of a Netwright node seen in one of ONNX's layouts, a
 * float constant (a weight), integers (a constant or a folded shape, where {@link #BATCH} stands for the batch size),
 * or zeros of a shape only known at run time (an LSTM's initial state).
 */
sealed interface OnnxValue {
    /** The batch size in a folded shape: known only when the model runs. */
    long BATCH = Long.MIN_VALUE;
    /** A size in a folded shape that the import does not know. */
    long UNKNOWN = Long.MIN_VALUE + 1;

    /** How ONNX lays out a node's output, which Netwright sees as an image, a vector or a sequence. */
    enum Form {
        /** [N, C, H, W]. */
        IMAGE,
        /** [N, H, W, C], as TensorFlow's exporters (tf2onnx) lay images out around their Transposes. */
        CHANNELS_LAST,
        /** [N, C, 1, 1], a global pooling's output. */
        POOLED,
        /** [N, H, C, W]: an image permuted to be read row by row (what Netwright's ToSequence exports as). */
        IMAGE_ROWS,
        /** [N, W, C, H]: an image permuted to be read column by column. */
        IMAGE_COLUMNS,
        /** [N, F]. */
        VECTOR,
        /** [N, T, F], batch first. */
        SEQUENCE,
        /** [T, N, F], what ONNX's LSTM reads. */
        TIME_MAJOR,
        /** [T, 1, N, H], an ONNX LSTM's Y. */
        LSTM_STEPS,
        /** [1, N, H], an ONNX LSTM's Y_h. */
        LSTM_LAST,
        /** [L, N, H], stacked LSTMs' Y_h joined (PyTorch's h_n); the node is the top LSTM, whose state is the last. */
        STACKED_LAST
    }

    /** The output of Netwright node {@code node}, in ONNX's layout {@code form}. */
    record Layer(String node, Form form) implements OnnxValue {
        Layer as(Form other) {
            return new Layer(node, other);
        }
    }

    /** A float32 constant. */
    record Floats(INDArray array) implements OnnxValue {
    }

    /** Integers, flat; {@code scalar} when the tensor has no dimensions. */
    record Ints(long[] values, boolean scalar) implements OnnxValue {
    }

    /** Zeros, of a shape known at run time. */
    record Zeros() implements OnnxValue {
    }
}
