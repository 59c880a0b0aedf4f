package dev.netwright.runtime.layers.dl4j;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.batch_normalization_backward;
import org.bytedeco.dnnl.batch_normalization_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.nd4j.linalg.api.ndarray.INDArray;

import static dev.netwright.runtime.layers.dl4j.OneDnn.desc;
import static dev.netwright.runtime.layers.dl4j.OneDnn.pointerTo;
import static dev.netwright.runtime.layers.dl4j.OneDnn.requireDense;
import static dev.netwright.runtime.layers.dl4j.OneDnn.unbound;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_MEAN;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_VARIANCE;

/**
 * oneDNN's batch normalisation of NCHW data for one shape, with a learned scale (gamma) and shift (beta) per
 * channel: the training forward pass computes the batch's mean and (biased) variance itself and writes them where
 * the caller says, the backward pass gives the input's, gamma's and beta's gradients from them, and the inference
 * pass reads given statistics (the running ones). All arrays stay in DL4J's layouts: data dense NCHW, per-channel
 * vectors of length C. Not thread-safe: one instance per layer and shape.
 */
final class OneDnnBatchNorm implements AutoCloseable {

    /** The data's shape and the epsilon added to the variance. */
    record Geometry(long batch, long channels, long height, long width, float epsilon) {
        long[] shape() {
            return new long[] {batch, channels, height, width};
        }
    }

    private static final int SCALE_SHIFT = dnnl.normalization_flags.use_scale.value
            | dnnl.normalization_flags.use_shift.value;

    private final Geometry geometry;
    private final stream stream = new stream(OneDnn.cpu());
    private final memory.desc dataDesc;
    private final batch_normalization_forward.primitive_desc trainingDesc;
    private final batch_normalization_forward training;
    private batch_normalization_forward inference;
    private batch_normalization_backward backward;
    /** Memories over DL4J's arrays (handles set before each call). */
    private final memory src;
    private final memory dst;
    private final memory scale;
    private final memory shift;
    private final memory mean;
    private final memory variance;
    private final memory diffSrc;
    private final memory diffScale;
    private final memory diffShift;

    private OneDnnBatchNorm(Geometry g) {
        this.geometry = g;
        dataDesc = desc(memory.format_tag.nchw, g.shape());
        memory.desc channelDesc = desc(memory.format_tag.x, g.channels());
        trainingDesc = new batch_normalization_forward.primitive_desc(new batch_normalization_forward.desc(
                dnnl.prop_kind.forward_training.value, dataDesc, g.epsilon(), SCALE_SHIFT), OneDnn.cpu());
        training = new batch_normalization_forward(trainingDesc);
        src = unbound(dataDesc);
        dst = unbound(dataDesc);
        scale = unbound(channelDesc);
        shift = unbound(channelDesc);
        mean = unbound(channelDesc);
        variance = unbound(channelDesc);
        diffSrc = unbound(dataDesc);
        diffScale = unbound(channelDesc);
        diffShift = unbound(channelDesc);
    }

    /** The primitives for one shape; {@link OneDnn#available()} must have said yes. */
    static OneDnnBatchNorm create(Geometry geometry) {
        if (geometry.batch() < 1 || geometry.channels() < 1 || geometry.height() < 1 || geometry.width() < 1) {
            throw new IllegalArgumentException("empty batch-normalisation shape " + geometry);
        }
        return new OneDnnBatchNorm(geometry);
    }

    Geometry geometry() {
        return geometry;
    }

    /**
     * y = gamma (x - mean) / sqrt(var + eps) + beta over the batch's own statistics, which are written to
     * {@code batchMean} and {@code batchVariance} (per channel; the variance divides by N·H·W).
     */
    void forwardTraining(INDArray x, INDArray gamma, INDArray beta, INDArray y, INDArray batchMean,
                         INDArray batchVariance) {
        bindData(x, y);
        bindChannels(gamma, beta, batchMean, batchVariance);
        OneDnn.run(training, stream, channelArgs(dataArgs(DNNL_ARG_SRC, DNNL_ARG_DST)));
    }

    /** The same with the given statistics (the running mean and variance) instead of the batch's. */
    void forwardInference(INDArray x, INDArray gamma, INDArray beta, INDArray y, INDArray runningMean,
                          INDArray runningVariance) {
        if (inference == null) {
            inference = new batch_normalization_forward(new batch_normalization_forward.primitive_desc(
                    new batch_normalization_forward.desc(dnnl.prop_kind.forward_inference.value, dataDesc,
                            geometry.epsilon(), SCALE_SHIFT | dnnl.normalization_flags.use_global_stats.value),
                    OneDnn.cpu()));
        }
        bindData(x, y);
        bindChannels(gamma, beta, runningMean, runningVariance);
        OneDnn.run(inference, stream, channelArgs(dataArgs(DNNL_ARG_SRC, DNNL_ARG_DST)));
    }

    /**
     * From dL/dy: overwrites dx, dGamma and dBeta with the gradients of the training pass over x whose statistics
     * {@link #forwardTraining} wrote to {@code batchMean} and {@code batchVariance}.
     */
    void backward(INDArray x, INDArray gamma, INDArray beta, INDArray batchMean, INDArray batchVariance, INDArray dy,
                  INDArray dx, INDArray dGamma, INDArray dBeta) {
        if (backward == null) {
            backward = new batch_normalization_backward(new batch_normalization_backward.primitive_desc(
                    new batch_normalization_backward.desc(dnnl.prop_kind.backward.value, dataDesc, dataDesc,
                            geometry.epsilon(), SCALE_SHIFT), OneDnn.cpu(), trainingDesc));
        }
        bindData(x, dy); // dst holds dy
        bindChannels(gamma, beta, batchMean, batchVariance);
        diffSrc.set_data_handle(pointerTo(requireDense(dx, geometry.shape())));
        diffScale.set_data_handle(pointerTo(requireDense(dGamma, geometry.channels())));
        diffShift.set_data_handle(pointerTo(requireDense(dBeta, geometry.channels())));
        IntMemoryMap args = new IntMemoryMap();
        args.put(DNNL_ARG_SRC, src);
        args.put(DNNL_ARG_DIFF_DST, dst);
        channelArgs(args);
        args.put(DNNL_ARG_DIFF_SRC, diffSrc);
        args.put(DNNL_ARG_DIFF_SCALE, diffScale);
        args.put(DNNL_ARG_DIFF_SHIFT, diffShift);
        OneDnn.run(backward, stream, args);
    }

    private void bindData(INDArray x, INDArray y) {
        src.set_data_handle(pointerTo(requireDense(x, geometry.shape())));
        dst.set_data_handle(pointerTo(requireDense(y, geometry.shape())));
    }

    private void bindChannels(INDArray gamma, INDArray beta, INDArray channelMean, INDArray channelVariance) {
        scale.set_data_handle(pointerTo(requireDense(gamma, geometry.channels())));
        shift.set_data_handle(pointerTo(requireDense(beta, geometry.channels())));
        mean.set_data_handle(pointerTo(requireDense(channelMean, geometry.channels())));
        variance.set_data_handle(pointerTo(requireDense(channelVariance, geometry.channels())));
    }

    private IntMemoryMap dataArgs(int srcArg, int dstArg) {
        IntMemoryMap args = new IntMemoryMap();
        args.put(srcArg, src);
        args.put(dstArg, dst);
        return args;
    }

    private IntMemoryMap channelArgs(IntMemoryMap args) {
        args.put(DNNL_ARG_SCALE, scale);
        args.put(DNNL_ARG_SHIFT, shift);
        args.put(DNNL_ARG_MEAN, mean);
        args.put(DNNL_ARG_VARIANCE, variance);
        return args;
    }

    @Override
    public void close() {
        OneDnn.close(training, inference, backward, src, dst, scale, shift, mean, variance, diffSrc, diffScale,
                diffShift, trainingDesc, stream);
    }
}
