package dev.netwright.runtime.layers.dl4j;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.softmax_backward;
import org.bytedeco.dnnl.softmax_forward;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.nd4j.linalg.api.ndarray.INDArray;

import static dev.netwright.runtime.layers.dl4j.OneDnn.desc;
import static dev.netwright.runtime.layers.dl4j.OneDnn.pointerTo;
import static dev.netwright.runtime.layers.dl4j.OneDnn.requireDense;
import static dev.netwright.runtime.layers.dl4j.OneDnn.unbound;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;

/**
 * oneDNN's softmax over the last axis of dense c-order float data, seen as rows [rows, width]: the forward pass
 * (in place allowed) and the backward pass from the forward pass's output. Not thread-safe: one instance per layer
 * and shape.
 */
final class OneDnnSoftmax implements AutoCloseable {

    /** The data seen as rows, each normalised on its own. */
    record Geometry(long rows, long width) {
        long[] shape() {
            return new long[] {rows, width};
        }
    }

    private final Geometry geometry;
    private final stream stream = new stream(OneDnn.cpu());
    private final softmax_forward.primitive_desc forwardDesc;
    private final softmax_forward forward;
    private final softmax_backward backward;
    /** Memories over DL4J's arrays (handles set before each call). */
    private final memory src;
    private final memory dst;
    private final memory diffDst;
    private final memory diffSrc;

    private OneDnnSoftmax(Geometry g) {
        this.geometry = g;
        memory.desc dataDesc = desc(memory.format_tag.nc, g.shape());
        forwardDesc = new softmax_forward.primitive_desc(new softmax_forward.desc(
                dnnl.prop_kind.forward_training.value, dataDesc, 1), OneDnn.cpu());
        forward = new softmax_forward(forwardDesc);
        // Made now, not on first use, so that a refused geometry is refused before any pass has run on it
        backward = new softmax_backward(new softmax_backward.primitive_desc(
                new softmax_backward.desc(dataDesc, dataDesc, 1), OneDnn.cpu(), forwardDesc));
        src = unbound(dataDesc);
        dst = unbound(dataDesc);
        diffDst = unbound(dataDesc);
        diffSrc = unbound(dataDesc);
    }

    /** The primitives for one shape; {@link OneDnn#available()} must have said yes. */
    static OneDnnSoftmax create(Geometry geometry) {
        if (geometry.rows() < 1 || geometry.width() < 1) {
            throw new IllegalArgumentException("empty softmax shape " + geometry);
        }
        return new OneDnnSoftmax(geometry);
    }

    /** y = exp(x - max) / sum(exp(x - max)) per row; y may be x. */
    void forward(INDArray x, INDArray y) {
        src.set_data_handle(pointerTo(requireDense(x, geometry.shape())));
        dst.set_data_handle(pointerTo(requireDense(y, geometry.shape())));
        IntMemoryMap args = new IntMemoryMap();
        args.put(DNNL_ARG_SRC, src);
        args.put(DNNL_ARG_DST, dst);
        OneDnn.run(forward, stream, args);
    }

    /** dx = y * (dy - sum(dy * y)) per row, from the forward pass's output y and dL/dy. */
    void backward(INDArray y, INDArray dy, INDArray dx) {
        dst.set_data_handle(pointerTo(requireDense(y, geometry.shape())));
        diffDst.set_data_handle(pointerTo(requireDense(dy, geometry.shape())));
        diffSrc.set_data_handle(pointerTo(requireDense(dx, geometry.shape())));
        IntMemoryMap args = new IntMemoryMap();
        args.put(DNNL_ARG_DST, dst);
        args.put(DNNL_ARG_DIFF_DST, diffDst);
        args.put(DNNL_ARG_DIFF_SRC, diffSrc);
        OneDnn.run(backward, stream, args);
    }

    @Override
    public void close() {
        OneDnn.close(forward, backward, src, dst, diffDst, diffSrc, forwardDesc, stream);
    }
}
