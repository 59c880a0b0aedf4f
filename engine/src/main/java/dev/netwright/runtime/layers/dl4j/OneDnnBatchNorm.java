package dev.netwright.runtime.layers.dl4j;

import org.bytedeco.dnnl.batch_normalization_backward;
import org.bytedeco.dnnl.batch_normalization_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.nd4j.linalg.api.ndarray.INDArray;

import static dev.netwright.runtime.layers.dl4j.OneDnn.desc;

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
    private final NormalizationMemories memories;

    private OneDnnBatchNorm(Geometry g) {
        this.geometry = g;
        dataDesc = desc(memory.format_tag.nchw, g.shape());
        memory.desc channelDesc = desc(memory.format_tag.x, g.channels());
        trainingDesc = new batch_normalization_forward.primitive_desc(new batch_normalization_forward.desc(
                dnnl.prop_kind.forward_training.value, dataDesc, g.epsilon(), SCALE_SHIFT), OneDnn.cpu());
        training = new batch_normalization_forward(trainingDesc);
        memories = new NormalizationMemories(dataDesc, g.shape(), channelDesc, g.channels(), channelDesc,
                g.channels());
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
        OneDnn.run(training, stream, memories.forward(x, y, gamma, beta, batchMean, batchVariance));
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
        OneDnn.run(inference, stream, memories.forward(x, y, gamma, beta, runningMean, runningVariance));
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
        OneDnn.run(backward, stream, memories.backward(x, gamma, beta, batchMean, batchVariance, dy, dx, dGamma,
                dBeta));
    }

    @Override
    public void close() {
        memories.close();
        OneDnn.close(training, inference, backward, trainingDesc, stream);
    }
}
