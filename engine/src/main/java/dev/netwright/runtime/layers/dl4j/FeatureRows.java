package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/** Moves activations between DL4J layouts ([mb,F] or NCW [mb,F,T]) and one feature row per (example, step). */
final class FeatureRows {

    private FeatureRows() {
    }

    /** [mb,F] stays as is; [mb,F,T] becomes [mb*T, F] with row index b*T + t. */
    static INDArray toRows(INDArray x) {
        if (x.rank() == 2) {
            return x;
        }
        if (x.rank() != 3) {
            throw new DL4JInvalidInputException("Expected rank 2 [mb,F] or rank 3 NCW [mb,F,T] input, got shape "
                    + Arrays.toString(x.shape()));
        }
        long mb = x.size(0);
        long f = x.size(1);
        long t = x.size(2);
        // dup('c') so the reshape is a plain view and each row holds one step's features
        return x.permute(0, 2, 1).dup('c').reshape('c', mb * t, f);
    }

    /** Inverse of {@link #toRows}: rows [mb*T, F] back to the layout of {@code like}. */
    static INDArray fromRows(INDArray rows, INDArray like) {
        if (like.rank() == 2) {
            return rows;
        }
        long mb = like.size(0);
        long t = like.size(2);
        return rows.reshape('c', mb, t, rows.size(1)).permute(0, 2, 1);
    }

    /** Fails clearly when the feature axis of {@code x} is not {@code expected} wide. */
    static void requireFeatures(INDArray x, long expected, String layerName) {
        if (x.rank() < 2 || x.size(1) != expected) {
            throw new DL4JInvalidInputException("Layer \"" + layerName + "\" expects " + expected
                    + " features on axis 1, got input shape " + Arrays.toString(x.shape()));
        }
    }

    /** Fails clearly unless {@code x} is a sequence in DL4J's NCW layout, [mb, nIn, T]. */
    static void requireSequence(INDArray x, long nIn, String layerKind, String layerName) {
        if (x.rank() != 3 || x.size(1) != nIn) {
            throw new DL4JInvalidInputException(layerKind + " \"" + layerName + "\" expects NCW input [mb," + nIn
                    + ",T], got " + Arrays.toString(x.shape()));
        }
    }
}
