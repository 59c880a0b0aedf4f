package dev.netwright.runtime.layers.dl4j;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.pooling_backward;
import org.bytedeco.dnnl.pooling_forward;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.LongPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

import static dev.netwright.runtime.layers.dl4j.OneDnn.desc;
import static dev.netwright.runtime.layers.dl4j.OneDnn.owned;
import static dev.netwright.runtime.layers.dl4j.OneDnn.pointerTo;
import static dev.netwright.runtime.layers.dl4j.OneDnn.requireDense;
import static dev.netwright.runtime.layers.dl4j.OneDnn.unbound;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;

/**
 * oneDNN's 2-D max or average pooling for one geometry, in NCHW (its plain-layout kernels are fast for pooling).
 * A training forward pass keeps oneDNN's workspace, where max pooling records which input won, so the backward
 * pass routes the gradient without pooling again (libnd4j's {@code maxpool2d_bp} pools again). Not thread-safe:
 * one instance per layer and shape.
 */
final class OneDnnPooling implements AutoCloseable {

    /** MAX, or AVG dividing by the window's positions inside the input (EXCLUDE) or by the whole window. */
    enum Kind {
        MAX(dnnl.algorithm.pooling_max),
        AVG_EXCLUDE_PADDING(dnnl.algorithm.pooling_avg_exclude_padding),
        AVG_INCLUDE_PADDING(dnnl.algorithm.pooling_avg_include_padding);

        private final dnnl.algorithm algorithm;

        Kind(dnnl.algorithm algorithm) {
            this.algorithm = algorithm;
        }
    }

    /** Shapes and geometry: batch, channels, input and output height and width, window, strides, padding per side. */
    record Geometry(Kind kind, long batch, long channels, long inH, long inW, long outH, long outW, long kernelH,
                    long kernelW, long strideH, long strideW, long padTop, long padLeft, long padBottom, long padRight) {
        long[] inputShape() {
            return new long[] {batch, channels, inH, inW};
        }

        long[] outputShape() {
            return new long[] {batch, channels, outH, outW};
        }

        /** oneDNN computes the output size from the padding; no side's padding may be negative. */
        boolean consistent() {
            return padTop >= 0 && padLeft >= 0 && padBottom >= 0 && padRight >= 0
                    && outH == (inH + padTop + padBottom - kernelH) / strideH + 1
                    && outW == (inW + padLeft + padRight - kernelW) / strideW + 1;
        }
    }

    private final Geometry geometry;
    private final stream stream = new stream(OneDnn.cpu());
    private final memory.desc srcDesc;
    private final memory.desc dstDesc;
    private final pooling_forward.primitive_desc trainingDesc;
    private final pooling_forward training;
    private pooling_forward inference;
    private pooling_backward backward;
    private final memory src;
    private final memory dst;
    /** Max pooling's record of the winners; null for average pooling, which needs none. */
    private final memory workspace;
    private boolean trainingStateValid;

    private OneDnnPooling(Geometry g) {
        this.geometry = g;
        srcDesc = desc(memory.format_tag.nchw, g.inputShape());
        dstDesc = desc(memory.format_tag.nchw, g.outputShape());
        trainingDesc = new pooling_forward.primitive_desc(forwardDesc(dnnl.prop_kind.forward_training), OneDnn.cpu());
        training = new pooling_forward(trainingDesc);
        src = unbound(srcDesc);
        dst = unbound(dstDesc);
        workspace = g.kind() == Kind.MAX ? owned(trainingDesc.workspace_desc()) : null;
    }

    /** The primitives for one geometry; {@link OneDnn#available()} must have said yes. */
    static OneDnnPooling create(Geometry geometry) {
        if (!geometry.consistent()) {
            throw new IllegalArgumentException("inconsistent pooling geometry " + geometry);
        }
        return new OneDnnPooling(geometry);
    }

    Geometry geometry() {
        return geometry;
    }

    /** y = pool(x), both dense NCHW; a training pass keeps what {@link #backward} needs. */
    void forward(INDArray x, INDArray y, boolean train) {
        src.set_data_handle(pointerTo(requireDense(x, geometry.inputShape())));
        dst.set_data_handle(pointerTo(requireDense(y, geometry.outputShape())));
        IntMemoryMap args = new IntMemoryMap();
        args.put(DNNL_ARG_SRC, src);
        args.put(DNNL_ARG_DST, dst);
        primitive forward;
        if (train) {
            if (workspace != null) {
                args.put(DNNL_ARG_WORKSPACE, workspace);
            }
            forward = training;
        } else {
            if (inference == null) {
                inference = new pooling_forward(new pooling_forward.primitive_desc(
                        forwardDesc(dnnl.prop_kind.forward_inference), OneDnn.cpu()));
            }
            forward = inference;
        }
        OneDnn.run(forward, stream, args);
        trainingStateValid = train;
    }

    /** Whether the last forward pass was a training one, so that {@link #backward} may follow. */
    boolean hasTrainingState() {
        return trainingStateValid;
    }

    /** dL/dx (overwritten) from dL/dy, both dense NCHW, for the last training forward pass. */
    void backward(INDArray dy, INDArray dx) {
        if (!trainingStateValid) {
            throw new IllegalStateException("backward pass without a training forward pass before it");
        }
        if (backward == null) {
            backward = new pooling_backward(new pooling_backward.primitive_desc(new pooling_backward.desc(
                    geometry.kind().algorithm, srcDesc, dstDesc, longs(geometry.strideH(), geometry.strideW()),
                    longs(geometry.kernelH(), geometry.kernelW()), longs(geometry.padTop(), geometry.padLeft()),
                    longs(geometry.padBottom(), geometry.padRight())), OneDnn.cpu(), trainingDesc));
        }
        dst.set_data_handle(pointerTo(requireDense(dy, geometry.outputShape())));
        src.set_data_handle(pointerTo(requireDense(dx, geometry.inputShape())));
        IntMemoryMap args = new IntMemoryMap();
        args.put(DNNL_ARG_DIFF_DST, dst);
        args.put(DNNL_ARG_DIFF_SRC, src);
        if (workspace != null) {
            args.put(DNNL_ARG_WORKSPACE, workspace);
        }
        OneDnn.run(backward, stream, args);
    }

    private pooling_forward.desc forwardDesc(dnnl.prop_kind kind) {
        Geometry g = geometry;
        return new pooling_forward.desc(kind, g.kind().algorithm, srcDesc, dstDesc, longs(g.strideH(), g.strideW()),
                longs(g.kernelH(), g.kernelW()), longs(g.padTop(), g.padLeft()), longs(g.padBottom(), g.padRight()));
    }

    private static LongPointer longs(long a, long b) {
        return new LongPointer(a, b);
    }

    @Override
    public void close() {
        OneDnn.close(training, inference, backward, src, dst, workspace, trainingDesc, stream);
        trainingStateValid = false;
    }
}
