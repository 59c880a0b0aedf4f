package dev.netwright.runtime.layers.dl4j;

import org.bytedeco.dnnl.layer_normalization_backward;
import org.bytedeco.dnnl.layer_normalization_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.nd4j.linalg.api.ndarray.INDArray;

import static dev.netwright.runtime.layers.dl4j.OneDnn.desc;

/**
 * oneDNN's layer normalisation of feature rows [rows, F] for one shape, with a learned scale (gamma) and shift
 * (beta) per feature: the training forward pass writes each row's mean and (biased) variance where the caller says,
 * the backward pass gives the input's, gamma's and beta's gradients from them. All arrays stay in DL4J's layouts:
 * data dense c-order [rows, F], gamma and beta vectors of length F, the statistics vectors of length rows. Not
 * thread-safe: one instance per layer and shape.
 */
final class OneDnnLayerNorm implements AutoCloseable {

    /** The rows' shape and the epsilon added to the variance. */
    record Geometry(long rows, long features, float epsilon) {
        long[] shape() {
            return new long[] {rows, features};
        }
    }

    private static final int SCALE_SHIFT = dnnl.normalization_flags.use_scale.value
            | dnnl.normalization_flags.use_shift.value;

    private final Geometry geometry;
    private final stream stream = new stream(OneDnn.cpu());
    private final memory.desc dataDesc;
    private final layer_normalization_forward.primitive_desc trainingDesc;
    private final layer_normalization_forward training;
    private final layer_normalization_backward backward;
    private final NormalizationMemories memories;

    private OneDnnLayerNorm(Geometry g) {
        this.geometry = g;
        dataDesc = desc(memory.format_tag.nc, g.shape());
        memory.desc featureDesc = desc(memory.format_tag.x, g.features());
        memory.desc rowDesc = desc(memory.format_tag.x, g.rows());
        trainingDesc = new layer_normalization_forward.primitive_desc(new layer_normalization_forward.desc(
                dnnl.prop_kind.forward_training.value, dataDesc, g.epsilon(), SCALE_SHIFT), OneDnn.cpu());
        training = new layer_normalization_forward(trainingDesc);
        // Made now, not on first use, so that a refused geometry is refused before any pass has run on it
        backward = new layer_normalization_backward(new layer_normalization_backward.primitive_desc(
                new layer_normalization_backward.desc(dnnl.prop_kind.backward.value, dataDesc, dataDesc,
                        g.epsilon(), SCALE_SHIFT), OneDnn.cpu(), trainingDesc));
        memories = new NormalizationMemories(dataDesc, g.shape(), featureDesc, g.features(), rowDesc, g.rows());
    }

    /** The primitives for one shape; {@link OneDnn#available()} must have said yes. */
    static OneDnnLayerNorm create(Geometry geometry) {
        if (geometry.rows() < 1 || geometry.features() < 1) {
            throw new IllegalArgumentException("empty layer-normalisation shape " + geometry);
        }
        return new OneDnnLayerNorm(geometry);
    }

    Geometry geometry() {
        return geometry;
    }

    /**
     * y = gamma (x - mean) / sqrt(var + eps) + beta per row, whose statistics are written to {@code rowMean} and
     * {@code rowVariance} (the variance divides by F).
     */
    void forward(INDArray x, INDArray gamma, INDArray beta, INDArray y, INDArray rowMean, INDArray rowVariance) {
        OneDnn.run(training, stream, memories.forward(x, y, gamma, beta, rowMean, rowVariance));
    }

    /**
     * From dL/dy: overwrites dx, dGamma and dBeta with the gradients of the forward pass over x whose statistics
     * {@link #forward} wrote to {@code rowMean} and {@code rowVariance}.
     */
    void backward(INDArray x, INDArray gamma, INDArray beta, INDArray rowMean, INDArray rowVariance, INDArray dy,
                  INDArray dx, INDArray dGamma, INDArray dBeta) {
        OneDnn.run(backward, stream, memories.backward(x, gamma, beta, rowMean, rowVariance, dy, dx, dGamma, dBeta));
    }

    @Override
    public void close() {
        memories.close();
        OneDnn.close(training, backward, trainingDesc, stream);
    }
}
