package dev.netwright.interop;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Recurrent layers keep their gates as blocks of columns, in an order each framework chooses; the Keras and ONNX
 * imports rearrange them into the order of the layer a node compiles to.
 */
public final class GateBlocks {
    private GateBlocks() {
    }

    /** The columns of {@code m} [rows, gates·units] with block j taken from block {@code from[j]}. */
    public static INDArray reordered(INDArray m, int[] from, long units) {
        INDArray out = m.dup('c');
        for (int j = 0; j < from.length; j++) {
            out.get(NDArrayIndex.all(), NDArrayIndex.interval(j * units, (j + 1) * units))
                    .assign(m.get(NDArrayIndex.all(), NDArrayIndex.interval(from[j] * units, (from[j] + 1) * units)));
        }
        return out;
    }
}
