package dev.netwright.runtime.layers.dl4j;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.nd4j.linalg.api.ndarray.INDArray;

import static dev.netwright.runtime.layers.dl4j.OneDnn.desc;
import static dev.netwright.runtime.layers.dl4j.OneDnn.owned;
import static dev.netwright.runtime.layers.dl4j.OneDnn.pointerTo;
import static dev.netwright.runtime.layers.dl4j.OneDnn.requireDense;
import static dev.netwright.runtime.layers.dl4j.OneDnn.unbound;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

/**
 * oneDNN's 2-D convolution for one geometry: forward, backward for the weights and bias, and (made on first
 * use) backward for the input. DL4J's arrays stay in their layouts (NCHW data, [out, in, kH, kW] weights, bias
 * [out]); oneDNN picks its own blocked layouts and every call reorders into and out of them, which costs less
 * than the plain-layout kernels save (docs/decisions/0007-onednn-cnn.md). Not thread-safe: one instance per
 * layer and shape.
 */
final class OneDnnConvolution implements AutoCloseable {

    /**
     * Shapes and geometry: batch, channels in and out, input and output height and width, kernel, strides,
     * dilation (1 = none, DL4J's convention) and the padding on each side; whether a ReLU follows inside the
     * forward primitive (its output is then the activation, not the output before it).
     */
    record Geometry(long batch, long inChannels, long inH, long inW, long outChannels, long outH, long outW,
                    long kernelH, long kernelW, long strideH, long strideW, long dilationH, long dilationW,
                    long padTop, long padLeft, long padBottom, long padRight, boolean bias, boolean fusedRelu) {
        long[] inputShape() {
            return new long[] {batch, inChannels, inH, inW};
        }

        long[] outputShape() {
            return new long[] {batch, outChannels, outH, outW};
        }

        long[] weightShape() {
            return new long[] {outChannels, inChannels, kernelH, kernelW};
        }

        /** oneDNN computes the output size from the padding; its bottom/right padding must not be negative. */
        boolean consistent() {
            return padTop >= 0 && padLeft >= 0 && padBottom >= 0 && padRight >= 0
                    && outH == (inH + padTop + padBottom - ((kernelH - 1) * dilationH + 1)) / strideH + 1
                    && outW == (inW + padLeft + padRight - ((kernelW - 1) * dilationW + 1)) / strideW + 1;
        }
    }

    private final Geometry geometry;
    private final stream stream = new stream(OneDnn.cpu());
    private final memory.desc userSrcDesc;
    private final memory.desc userWeightsDesc;
    private final memory.desc userDstDesc;
    private final memory.desc biasDesc;
    private final primitive_attr forwardAttributes;
    private final convolution_forward.primitive_desc forwardDesc;
    private final convolution_forward forward;
    /** Memories over DL4J's arrays (handles set before each call). */
    private final memory userSrc;
    private final memory userWeights;
    private final memory userDst;
    private final memory userBias;
    /** Memories in oneDNN's chosen layouts, and the reorders between. */
    private final memory src;
    private final memory weights;
    private final memory dst;
    private final reorder srcIn;
    private final reorder weightsIn;
    private final reorder dstOut;

    private convolution_backward_weights backwardWeights;
    private memory backwardSrc;
    private memory diffDst;
    private memory diffWeights;
    private reorder backwardSrcIn;
    private reorder diffDstIn;
    private reorder diffWeightsOut;

    private eltwise_backward reluBackward;
    private memory reluDiffDst;
    private memory reluDst;
    private memory reluDiffSrc;

    private convolution_backward_data backwardData;
    private memory dataWeights;
    private memory dataDiffDst;
    private memory diffSrc;
    private reorder dataWeightsIn;
    private reorder dataDiffDstIn;
    private reorder diffSrcOut;

    private OneDnnConvolution(Geometry g) {
        this.geometry = g;
        userSrcDesc = desc(memory.format_tag.nchw, g.inputShape());
        userWeightsDesc = desc(memory.format_tag.oihw, g.weightShape());
        userDstDesc = desc(memory.format_tag.nchw, g.outputShape());
        biasDesc = g.bias() ? desc(memory.format_tag.x, g.outChannels()) : new memory.desc();
        forwardAttributes = new primitive_attr();
        if (g.fusedRelu()) {
            post_ops ops = new post_ops();
            ops.append_eltwise(1f, dnnl.algorithm.eltwise_relu, 0f, 0f);
            forwardAttributes.set_post_ops(ops);
        }
        forwardDesc = new convolution_forward.primitive_desc(new convolution_forward.desc(
                dnnl.prop_kind.forward_training, dnnl.algorithm.convolution_direct,
                desc(memory.format_tag.any, g.inputShape()), desc(memory.format_tag.any, g.weightShape()), biasDesc,
                desc(memory.format_tag.any, g.outputShape()), strides(), dilates(), paddingL(), paddingR()),
                forwardAttributes, OneDnn.cpu());
        forward = new convolution_forward(forwardDesc);
        userSrc = unbound(userSrcDesc);
        userWeights = unbound(userWeightsDesc);
        userDst = unbound(userDstDesc);
        userBias = g.bias() ? unbound(biasDesc) : null;
        src = owned(forwardDesc.src_desc());
        weights = owned(forwardDesc.weights_desc());
        dst = owned(forwardDesc.dst_desc());
        srcIn = new reorder(userSrc, src);
        weightsIn = new reorder(userWeights, weights);
        dstOut = new reorder(dst, userDst);
    }

    /** The primitives for one geometry; {@link OneDnn#available()} must have said yes. */
    static OneDnnConvolution create(Geometry geometry) {
        if (!geometry.consistent()) {
            throw new IllegalArgumentException("inconsistent convolution geometry " + geometry);
        }
        return new OneDnnConvolution(geometry);
    }

    Geometry geometry() {
        return geometry;
    }

    /**
     * z = x * w + b (with a fused ReLU: relu of that), all in DL4J's layouts (dense c order); b is null without a
     * bias.
     */
    void forward(INDArray x, INDArray w, INDArray b, INDArray z) {
        userSrc.set_data_handle(pointerTo(requireDense(x, geometry.inputShape())));
        userWeights.set_data_handle(pointerTo(requireDense(w, geometry.weightShape())));
        userDst.set_data_handle(pointerTo(requireDense(z, geometry.outputShape())));
        srcIn.execute(stream, userSrc, src);
        weightsIn.execute(stream, userWeights, weights);
        IntMemoryMap args = new IntMemoryMap();
        args.put(DNNL_ARG_SRC, src);
        args.put(DNNL_ARG_WEIGHTS, weights);
        if (geometry.bias()) {
            userBias.set_data_handle(pointerTo(requireDense(b, geometry.outChannels())));
            args.put(DNNL_ARG_BIAS, userBias);
        }
        args.put(DNNL_ARG_DST, dst);
        OneDnn.run(forward, stream, args);
        dstOut.execute(stream, dst, userDst);
        stream._wait();
    }

    /**
     * For dL/dz (z: the output before the activation): overwrites dw and db (null without a bias) with the
     * parameters' gradients and, when dx is not null, dx with the input's. x and w are the forward pass's.
     */
    void backward(INDArray x, INDArray w, INDArray dz, INDArray dw, INDArray db, INDArray dx) {
        if (backwardWeights == null) {
            setUpBackwardWeights();
        }
        userSrc.set_data_handle(pointerTo(requireDense(x, geometry.inputShape())));
        userDst.set_data_handle(pointerTo(requireDense(dz, geometry.outputShape())));
        userWeights.set_data_handle(pointerTo(requireDense(dw, geometry.weightShape())));
        backwardSrcIn.execute(stream, userSrc, backwardSrc);
        diffDstIn.execute(stream, userDst, diffDst);
        IntMemoryMap args = new IntMemoryMap();
        args.put(DNNL_ARG_SRC, backwardSrc);
        args.put(DNNL_ARG_DIFF_DST, diffDst);
        args.put(DNNL_ARG_DIFF_WEIGHTS, diffWeights);
        if (geometry.bias()) {
            userBias.set_data_handle(pointerTo(requireDense(db, geometry.outChannels())));
            args.put(DNNL_ARG_DIFF_BIAS, userBias);
        }
        OneDnn.run(backwardWeights, stream, args);
        diffWeightsOut.execute(stream, diffWeights, userWeights);
        if (dx != null) {
            if (backwardData == null) {
                setUpBackwardData();
            }
            userWeights.set_data_handle(pointerTo(requireDense(w, geometry.weightShape())));
            userSrc.set_data_handle(pointerTo(requireDense(dx, geometry.inputShape())));
            dataWeightsIn.execute(stream, userWeights, dataWeights);
            dataDiffDstIn.execute(stream, userDst, dataDiffDst);
            IntMemoryMap dataArgs = new IntMemoryMap();
            dataArgs.put(DNNL_ARG_DIFF_DST, dataDiffDst);
            dataArgs.put(DNNL_ARG_WEIGHTS, dataWeights);
            dataArgs.put(DNNL_ARG_DIFF_SRC, diffSrc);
            OneDnn.run(backwardData, stream, dataArgs);
            diffSrcOut.execute(stream, diffSrc, userSrc);
        }
        stream._wait();
    }

    /**
     * dL/dz = dL/dy where y > 0, else 0: the fused ReLU's derivative, read from its output y (relu(z) > 0 exactly
     * where z > 0). All dense NCHW of the output's shape.
     */
    void reluBackward(INDArray dy, INDArray y, INDArray dz) {
        if (reluBackward == null) {
            memory.desc data = userDstDesc;
            eltwise_forward.primitive_desc hint = new eltwise_forward.primitive_desc(new eltwise_forward.desc(
                    dnnl.prop_kind.forward_training, dnnl.algorithm.eltwise_relu_use_dst_for_bwd, data, 0f, 0f),
                    OneDnn.cpu());
            reluBackward = new eltwise_backward(new eltwise_backward.primitive_desc(new eltwise_backward.desc(
                    dnnl.algorithm.eltwise_relu_use_dst_for_bwd, data, data, 0f, 0f), OneDnn.cpu(), hint));
            reluDiffDst = unbound(data);
            reluDst = unbound(data);
            reluDiffSrc = unbound(data);
        }
        reluDiffDst.set_data_handle(pointerTo(requireDense(dy, geometry.outputShape())));
        reluDst.set_data_handle(pointerTo(requireDense(y, geometry.outputShape())));
        reluDiffSrc.set_data_handle(pointerTo(requireDense(dz, geometry.outputShape())));
        IntMemoryMap args = new IntMemoryMap();
        args.put(DNNL_ARG_DIFF_DST, reluDiffDst);
        args.put(DNNL_ARG_DST, reluDst);
        args.put(DNNL_ARG_DIFF_SRC, reluDiffSrc);
        OneDnn.run(reluBackward, stream, args);
    }

    private void setUpBackwardWeights() {
        Geometry g = geometry;
        convolution_backward_weights.primitive_desc pd = new convolution_backward_weights.primitive_desc(
                new convolution_backward_weights.desc(dnnl.algorithm.convolution_direct,
                        desc(memory.format_tag.any, g.inputShape()), desc(memory.format_tag.any, g.weightShape()),
                        biasDesc, desc(memory.format_tag.any, g.outputShape()), strides(), dilates(), paddingL(),
                        paddingR()),
                OneDnn.cpu(), forwardDesc);
        backwardWeights = new convolution_backward_weights(pd);
        backwardSrc = owned(pd.src_desc());
        diffDst = owned(pd.diff_dst_desc());
        diffWeights = owned(pd.diff_weights_desc());
        backwardSrcIn = new reorder(userSrc, backwardSrc);
        diffDstIn = new reorder(userDst, diffDst);
        diffWeightsOut = new reorder(diffWeights, userWeights);
    }

    private void setUpBackwardData() {
        Geometry g = geometry;
        convolution_backward_data.primitive_desc pd = new convolution_backward_data.primitive_desc(
                new convolution_backward_data.desc(dnnl.algorithm.convolution_direct,
                        desc(memory.format_tag.any, g.inputShape()), desc(memory.format_tag.any, g.weightShape()),
                        desc(memory.format_tag.any, g.outputShape()), strides(), dilates(), paddingL(), paddingR()),
                OneDnn.cpu(), forwardDesc);
        backwardData = new convolution_backward_data(pd);
        dataWeights = owned(pd.weights_desc());
        dataDiffDst = owned(pd.diff_dst_desc());
        diffSrc = owned(pd.diff_src_desc());
        dataWeightsIn = new reorder(userWeights, dataWeights);
        dataDiffDstIn = new reorder(userDst, dataDiffDst);
        diffSrcOut = new reorder(diffSrc, userSrc);
    }

    private long[] strides() {
        return new long[] {geometry.strideH(), geometry.strideW()};
    }

    /** oneDNN counts dilation from 0 (no gaps), DL4J from 1. */
    private long[] dilates() {
        return new long[] {geometry.dilationH() - 1, geometry.dilationW() - 1};
    }

    private long[] paddingL() {
        return new long[] {geometry.padTop(), geometry.padLeft()};
    }

    private long[] paddingR() {
        return new long[] {geometry.padBottom(), geometry.padRight()};
    }

    @Override
    public void close() {
        OneDnn.close(forward, srcIn, weightsIn, dstOut, src, weights, dst, userSrc, userWeights, userDst, userBias,
                backwardWeights, backwardSrc, diffDst, diffWeights, backwardSrcIn, diffDstIn, diffWeightsOut,
                backwardData, dataWeights, dataDiffDst, diffSrc, dataWeightsIn, dataDiffDstIn, diffSrcOut,
                reluBackward, reluDiffDst, reluDst, reluDiffSrc, forwardDesc, forwardAttributes, stream);
    }
}
