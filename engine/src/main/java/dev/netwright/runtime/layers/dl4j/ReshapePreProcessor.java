package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Objects;

/**
 * Reshapes one example to another shape with as many values, reading and writing the values in the order the user
 * sees them (an image row by row, each pixel's channels together: H×W×C; a sequence step by step: T×F), as Keras'
 * Reshape does, whatever DL4J's layouts (NCHW images, NCW sequences). Shapes are given without the minibatch:
 * one number for a vector, {@code {T, F}} for a sequence, {@code {H, W, C}} for an image.
 */
public class ReshapePreProcessor implements InputPreProcessor {

    private static final long serialVersionUID = 1L;

    private int[] from = new int[0];
    private int[] to = new int[0];

    /** For Jackson. */
    public ReshapePreProcessor() {
    }

    public ReshapePreProcessor(int[] from, int[] to) {
        checkShape(from, "from");
        checkShape(to, "to");
        if (elements(from) != elements(to)) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(from) + " (" + elements(from)
                    + " values) into " + Arrays.toString(to) + " (" + elements(to) + " values)");
        }
        this.from = from.clone();
        this.to = to.clone();
    }

    private static void checkShape(int[] shape, String name) {
        Objects.requireNonNull(shape, name);
        if (shape.length < 1 || shape.length > 3 || Arrays.stream(shape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException(name + " must have 1 to 3 positive sizes, not " + Arrays.toString(shape));
        }
    }

    private static long elements(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    public int[] getFrom() {
        return from.clone();
    }

    public void setFrom(int[] from) {
        this.from = from.clone();
    }

    public int[] getTo() {
        return to.clone();
    }

    public void setTo(int[] to) {
        this.to = to.clone();
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        checkRank(input, from, "ReshapePreProcessor's input");
        INDArray flat = toUserOrder(input).dup('c').reshape('c', input.size(0), elements(from));
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, toDl4jLayout(flat, to), 'c');
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        checkRank(output, to, "ReshapePreProcessor's gradient");
        INDArray flat = toUserOrder(output).dup('c').reshape('c', output.size(0), elements(to));
        return workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, toDl4jLayout(flat, from), 'c');
    }

    private static void checkRank(INDArray array, int[] shape, String what) {
        if (array.rank() != shape.length + 1) {
            throw new DL4JInvalidInputException(what + " should have rank " + (shape.length + 1) + " for "
                    + Arrays.toString(shape) + ", got " + Arrays.toString(array.shape()));
        }
    }

    /** DL4J's layout to the user's axis order: NCHW to NHWC, NCW to NWC (time before features); vectors stay. */
    private static INDArray toUserOrder(INDArray array) {
        return switch (array.rank()) {
            case 4 -> array.permute(0, 2, 3, 1);
            case 3 -> array.permute(0, 2, 1);
            default -> array;
        };
    }

    /** A [mb, N] array of values in the user's order to DL4J's layout of {@code shape}. */
    private static INDArray toDl4jLayout(INDArray flat, int[] shape) {
        long mb = flat.size(0);
        return switch (shape.length) {
            case 3 -> flat.reshape('c', mb, shape[0], shape[1], shape[2]).permute(0, 3, 1, 2);
            case 2 -> flat.reshape('c', mb, shape[0], shape[1]).permute(0, 2, 1);
            default -> flat;
        };
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return switch (to.length) {
            case 3 -> InputType.convolutional(to[0], to[1], to[2]);
            case 2 -> InputType.recurrent(to[1], to[0], RNNFormat.NCW);
            default -> InputType.feedForward(to[0]);
        };
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        // The values move between axes, so a per-step mask has no meaning after the reshape: every value is real
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public ReshapePreProcessor clone() {
        return new ReshapePreProcessor(from, to);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReshapePreProcessor other && Arrays.equals(from, other.from) && Arrays.equals(to, other.to);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(from) + Arrays.hashCode(to);
    }

    @Override
    public String toString() {
        return "ReshapePreProcessor(from=" + Arrays.toString(from) + ", to=" + Arrays.toString(to) + ")";
    }
}
