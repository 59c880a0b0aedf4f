package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

import java.util.Arrays;
import java.util.Objects;

/**
 * Turns an NCHW image [mb,C,H,W] into an NCW sequence: ROWS gives T=H steps of F=C*W features
 * (feature c*W + w), COLUMNS gives T=W steps of F=C*H features (feature c*H + h).
 */
public class ImageToSequencePreProcessor implements InputPreProcessor {

    private static final long serialVersionUID = 1L;

    /** Which image axis becomes the time axis. */
    public enum Mode {
        /** Each image row is one time step. */
        ROWS,
        /** Each image column is one time step. */
        COLUMNS
    }

    private Mode mode = Mode.ROWS;

    /** Shape of the last image seen; backprop needs C, H and W, which the sequence alone does not give. */
    @JsonIgnore
    private transient long[] lastImageShape;

    /** For Jackson. */
    public ImageToSequencePreProcessor() {
    }

    public ImageToSequencePreProcessor(Mode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (input.rank() != 4) {
            throw new DL4JInvalidInputException("ImageToSequencePreProcessor expects NCHW input [mb,C,H,W], got "
                    + Arrays.toString(input.shape()));
        }
        lastImageShape = input.shape();
        long mb = input.size(0);
        long c = input.size(1);
        long h = input.size(2);
        long w = input.size(3);
        // ROWS: [mb,C,H,W] -> [mb,C,W,H] so that (c,w) merge into features and h stays last as time
        INDArray arranged = mode == Mode.ROWS ? input.permute(0, 1, 3, 2) : input;
        INDArray out = workspaceMgr.dup(ArrayType.ACTIVATIONS, arranged, 'c');
        return mode == Mode.ROWS ? out.reshape('c', mb, c * w, h) : out.reshape('c', mb, c * h, w);
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (lastImageShape == null) {
            throw new IllegalStateException("ImageToSequencePreProcessor.backprop called before preProcess");
        }
        long mb = output.size(0);
        long c = lastImageShape[1];
        long h = lastImageShape[2];
        long w = lastImageShape[3];
        INDArray image = mode == Mode.ROWS
                ? output.dup('c').reshape('c', mb, c, w, h).permute(0, 1, 3, 2)
                : output.dup('c').reshape('c', mb, c, h, w);
        return workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, image, 'c');
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional conv)
                || conv.getFormat() != CNN2DFormat.NCHW) {
            throw new IllegalStateException("ImageToSequencePreProcessor expects convolutional NCHW input, got "
                    + inputType);
        }
        long c = conv.getChannels();
        return mode == Mode.ROWS
                ? InputType.recurrent(c * conv.getWidth(), conv.getHeight(), RNNFormat.NCW)
                : InputType.recurrent(c * conv.getHeight(), conv.getWidth(), RNNFormat.NCW);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        // Image masks do not map onto time steps; every step of the sequence is real
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public ImageToSequencePreProcessor clone() {
        return new ImageToSequencePreProcessor(mode);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageToSequencePreProcessor other && mode == other.mode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(ImageToSequencePreProcessor.class, mode);
    }

    @Override
    public String toString() {
        return "ImageToSequencePreProcessor(mode=" + mode + ")";
    }
}
