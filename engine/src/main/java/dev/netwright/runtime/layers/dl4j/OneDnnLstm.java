package dev.netwright.runtime.layers.dl4j;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.lstm_backward;
import org.bytedeco.dnnl.lstm_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

import static dev.netwright.runtime.layers.dl4j.OneDnn.desc;
import static dev.netwright.runtime.layers.dl4j.OneDnn.pointerTo;
import static dev.netwright.runtime.layers.dl4j.OneDnn.requireDense;
import static dev.netwright.runtime.layers.dl4j.OneDnn.unbound;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC_ITER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC_ITER_C;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS_ITER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_ITER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_ITER_C;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS_ITER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;

/**
 * oneDNN's LSTM primitives for one shape (steps, batch, nIn, nOut, directions), called through JavaCPP's dnnl
 * preset: forward for inference, forward for training (which keeps oneDNN's workspace) and backward. libnd4j
 * 1.0.0-M2.1 has oneDNN's forward LSTM but not its backward primitive, and its own backward op is slow and leaks
 * (docs/decisions/0006-onednn-lstm.md).
 *
 * <p>The equations are those of libnd4j's {@code lstmLayer} with sigmoid gates and tanh (oneDNN's LSTM has no
 * other activation), and its gate order, input, forget, cell input, output, is {@link NativeLstmParamInitializer}'s:
 * the layer's parameter views are oneDNN's weights as they are (W [directions, nIn, 4 * nOut] is {@code ldigo},
 * the bias {@code ldgo}). Bidirectional is oneDNN's concat mode, forward direction first, as libnd4j's.
 *
 * <p>Sequences cross this class in NCW [batch, features, steps], DL4J's layout; inside they are copied to TNC,
 * oneDNN's, into buffers this object owns. Not thread-safe: one instance per layer and shape.
 */
final class OneDnnLstm implements AutoCloseable {
    private static final int GATES = 4;
    private final engine cpu = OneDnn.cpu();

    private final long steps;
    private final long batch;
    private final long nIn;
    private final long nOut;
    private final int directions;
    private final stream stream;

    private final memory.desc srcDesc;
    private final memory.desc dstDesc;
    private final memory.desc weightsLayerDesc;
    private final memory.desc weightsIterDesc;
    private final memory.desc biasDesc;
    /**
     * Initial h and c, zeros, given explicitly: without them oneDNN 2.7.1's unidirectional backward pass computes
     * the recurrent weights' gradient with a non-zero h before the first step (seen in NativeLstmLayerTest; the
     * bidirectional one was right). Their gradients are computed and not used.
     */
    private final memory.desc stateDesc;
    private final memory initialState;
    private final memory initialStateGradient;
    private final lstm_forward.primitive_desc trainingForwardDesc;
    private lstm_forward inferenceForward;
    private lstm_forward trainingForward;
    private lstm_backward backward;
    /** The backward pass's own weight layout, and the reorders into it. */
    private memory weightsLayerBackward;
    private memory weightsIterBackward;
    private reorder weightsLayerReorder;
    private reorder weightsIterReorder;
    private memory diffDst;
    private memory diffSrc;
    private memory diffWeightsLayer;
    private memory diffWeightsIter;
    private memory diffBias;

    /** Memories over buffers that change from call to call (their handles are set before each call). */
    private final memory src;
    private final memory dst;
    private final memory weightsLayer;
    private final memory weightsIter;
    private final memory bias;
    private memory workspace;

    /** x, h, dL/dh and dL/dx in TNC; x and h of the last training forward pass stay for the backward pass. */
    private final INDArray xTnc;
    private final INDArray hTnc;
    private INDArray dhTnc;
    private INDArray dxTnc;
    private boolean trainingStateValid;

    private OneDnnLstm(long steps, long batch, long nIn, long nOut, int directions) {
        this.steps = steps;
        this.batch = batch;
        this.nIn = nIn;
        this.nOut = nOut;
        this.directions = directions;
        this.stream = new stream(cpu);
        srcDesc = desc(memory.format_tag.tnc, steps, batch, nIn);
        dstDesc = desc(memory.format_tag.tnc, steps, batch, directions * nOut);
        weightsLayerDesc = desc(memory.format_tag.ldigo, 1, directions, nIn, GATES, nOut);
        weightsIterDesc = desc(memory.format_tag.ldigo, 1, directions, nOut, GATES, nOut);
        biasDesc = desc(memory.format_tag.ldgo, 1, directions, GATES, nOut);
        stateDesc = desc(memory.format_tag.ldnc, 1, directions, batch, nOut);
        initialState = new memory(stateDesc, cpu);
        Pointer.memset(initialState.get_data_handle(), 0, stateDesc.get_size());
        initialStateGradient = new memory(stateDesc, cpu);
        trainingForwardDesc = new lstm_forward.primitive_desc(forwardDesc(dnnl.prop_kind.forward_training), cpu);
        src = unbound(srcDesc);
        dst = unbound(dstDesc);
        weightsLayer = unbound(weightsLayerDesc);
        weightsIter = unbound(weightsIterDesc);
        bias = unbound(biasDesc);
        xTnc = Nd4j.createUninitializedDetached(DataType.FLOAT, steps, batch, nIn);
        hTnc = Nd4j.createUninitializedDetached(DataType.FLOAT, steps, batch, directions * nOut);
    }

    /** The primitives for one shape; {@link OneDnn#available()} must have said yes. */
    static OneDnnLstm create(long steps, long batch, long nIn, long nOut, int directions) {
        if (directions != 1 && directions != 2) {
            throw new IllegalArgumentException("directions must be 1 or 2, not " + directions);
        }
        return new OneDnnLstm(steps, batch, nIn, nOut, directions);
    }

    /** Whether this object was made for an NCW input of this shape ([batch, nIn, steps]). */
    boolean fits(INDArray xNcw) {
        return xNcw.rank() == 3 && xNcw.size(0) == batch && xNcw.size(1) == nIn && xNcw.size(2) == steps;
    }

    /**
     * The forward pass of x (NCW [batch, nIn, steps]) with parameter views w, rw, b. Returns h in TNC
     * [steps, batch, directions * nOut], a buffer of this object that the next call overwrites. A training pass
     * keeps what {@link #backward} needs.
     */
    INDArray forward(INDArray xNcw, INDArray w, INDArray rw, INDArray b, boolean training) {
        requireShape(xNcw, batch, nIn, steps);
        xTnc.assign(xNcw.permute(2, 0, 1));
        bindParameters(w, rw, b);
        src.set_data_handle(pointerTo(xTnc));
        dst.set_data_handle(pointerTo(hTnc));
        IntMemoryMap args = new IntMemoryMap();
        args.put(DNNL_ARG_SRC_LAYER, src);
        args.put(DNNL_ARG_SRC_ITER, initialState);
        args.put(DNNL_ARG_SRC_ITER_C, initialState);
        args.put(DNNL_ARG_WEIGHTS_LAYER, weightsLayer);
        args.put(DNNL_ARG_WEIGHTS_ITER, weightsIter);
        args.put(DNNL_ARG_BIAS, bias);
        args.put(DNNL_ARG_DST_LAYER, dst);
        primitive forward;
        if (training) {
            if (trainingForward == null) {
                trainingForward = new lstm_forward(trainingForwardDesc);
                workspace = new memory(trainingForwardDesc.workspace_desc(), cpu);
            }
            args.put(DNNL_ARG_WORKSPACE, workspace);
            forward = trainingForward;
        } else {
            if (inferenceForward == null) {
                inferenceForward = new lstm_forward(
                        new lstm_forward.primitive_desc(forwardDesc(dnnl.prop_kind.forward_inference), cpu));
            }
            forward = inferenceForward;
        }
        OneDnn.run(forward, stream, args);
        trainingStateValid = training;
        return hTnc;
    }

    /** Whether the last forward pass was a training one, so that {@link #backward} may follow. */
    boolean hasTrainingState() {
        return trainingStateValid;
    }

    /** The buffer for dL/dh in TNC [steps, batch, directions * nOut], for the caller to fill before {@link #backward}. */
    INDArray outputGradient() {
        if (dhTnc == null) {
            dhTnc = Nd4j.createUninitializedDetached(DataType.FLOAT, steps, batch, directions * nOut);
        }
        return dhTnc;
    }

    /**
     * The backward pass of the last training forward pass, for dL/dh in {@link #outputGradient()}: overwrites
     * dw, drw and db (dense c-order arrays shaped as the parameters) and returns dL/dx in TNC [steps, batch, nIn],
     * a buffer of this object.
     */
    INDArray backward(INDArray w, INDArray rw, INDArray b, INDArray dw, INDArray drw, INDArray db) {
        if (!trainingStateValid) {
            throw new IllegalStateException("backward pass without a training forward pass before it");
        }
        if (backward == null) {
            setUpBackward();
        }
        bindParameters(w, rw, b);
        // The backward primitive wants the weights in its own layout: reordered on every call, as they change
        weightsLayerReorder.execute(stream, weightsLayer, weightsLayerBackward);
        weightsIterReorder.execute(stream, weightsIter, weightsIterBackward);
        // oneDNN adds the weight gradients to what the buffers hold
        dw.assign(0);
        drw.assign(0);
        db.assign(0);
        diffWeightsLayer.set_data_handle(pointerTo(requireDense(dw, w.shape())));
        diffWeightsIter.set_data_handle(pointerTo(requireDense(drw, rw.shape())));
        diffBias.set_data_handle(pointerTo(requireDense(db, b.shape())));
        src.set_data_handle(pointerTo(xTnc));
        dst.set_data_handle(pointerTo(hTnc));
        IntMemoryMap args = new IntMemoryMap();
        args.put(DNNL_ARG_SRC_LAYER, src);
        args.put(DNNL_ARG_SRC_ITER, initialState);
        args.put(DNNL_ARG_SRC_ITER_C, initialState);
        args.put(DNNL_ARG_DIFF_SRC_ITER, initialStateGradient);
        args.put(DNNL_ARG_DIFF_SRC_ITER_C, initialStateGradient);
        args.put(DNNL_ARG_WEIGHTS_LAYER, weightsLayerBackward);
        args.put(DNNL_ARG_WEIGHTS_ITER, weightsIterBackward);
        args.put(DNNL_ARG_BIAS, bias);
        args.put(DNNL_ARG_DST_LAYER, dst);
        args.put(DNNL_ARG_WORKSPACE, workspace);
        args.put(DNNL_ARG_DIFF_DST_LAYER, diffDst);
        args.put(DNNL_ARG_DIFF_SRC_LAYER, diffSrc);
        args.put(DNNL_ARG_DIFF_WEIGHTS_LAYER, diffWeightsLayer);
        args.put(DNNL_ARG_DIFF_WEIGHTS_ITER, diffWeightsIter);
        args.put(DNNL_ARG_DIFF_BIAS, diffBias);
        OneDnn.run(backward, stream, args);
        return dxTnc;
    }

    private void setUpBackward() {
        memory.desc anyLayer = desc(memory.format_tag.any, 1, directions, nIn, GATES, nOut);
        memory.desc anyIter = desc(memory.format_tag.any, 1, directions, nOut, GATES, nOut);
        memory.desc none = new memory.desc();
        lstm_backward.desc desc = new lstm_backward.desc(dnnl.prop_kind.backward, direction(),
                srcDesc, stateDesc, stateDesc, anyLayer, anyIter, biasDesc, dstDesc, none, none,
                srcDesc, stateDesc, stateDesc, weightsLayerDesc, weightsIterDesc, biasDesc, dstDesc, none, none);
        lstm_backward.primitive_desc primitiveDesc = new lstm_backward.primitive_desc(desc, cpu, trainingForwardDesc);
        backward = new lstm_backward(primitiveDesc);
        weightsLayerBackward = new memory(primitiveDesc.weights_layer_desc(), cpu);
        weightsIterBackward = new memory(primitiveDesc.weights_iter_desc(), cpu);
        weightsLayerReorder = new reorder(weightsLayer, weightsLayerBackward);
        weightsIterReorder = new reorder(weightsIter, weightsIterBackward);
        dxTnc = Nd4j.createUninitializedDetached(DataType.FLOAT, steps, batch, nIn);
        diffDst = new memory(dstDesc, cpu, pointerTo(outputGradient()));
        diffSrc = new memory(srcDesc, cpu, pointerTo(dxTnc));
        diffWeightsLayer = unbound(weightsLayerDesc);
        diffWeightsIter = unbound(weightsIterDesc);
        diffBias = unbound(biasDesc);
    }

    @Override
    public void close() {
        for (Pointer p : new Pointer[] {inferenceForward, trainingForward, backward, weightsLayerReorder,
                weightsIterReorder, weightsLayerBackward, weightsIterBackward, diffDst, diffSrc, diffWeightsLayer,
                diffWeightsIter, diffBias, workspace, initialState, initialStateGradient, trainingForwardDesc, src, dst, weightsLayer, weightsIter, bias,
                stream}) {
            if (p != null) {
                p.close();
            }
        }
        for (INDArray a : new INDArray[] {xTnc, hTnc, dhTnc, dxTnc}) {
            if (a != null) {
                a.close();
            }
        }
        trainingStateValid = false;
    }

    private lstm_forward.desc forwardDesc(dnnl.prop_kind kind) {
        memory.desc none = new memory.desc();
        return new lstm_forward.desc(kind, direction(), srcDesc, stateDesc, stateDesc, weightsLayerDesc,
                weightsIterDesc, biasDesc, dstDesc, none, none);
    }

    private dnnl.rnn_direction direction() {
        return directions == 2 ? dnnl.rnn_direction.bidirectional_concat : dnnl.rnn_direction.unidirectional_left2right;
    }

    private void bindParameters(INDArray w, INDArray rw, INDArray b) {
        weightsLayer.set_data_handle(pointerTo(requireDense(w, directions == 2
                ? new long[] {2, nIn, GATES * nOut} : new long[] {nIn, GATES * nOut})));
        weightsIter.set_data_handle(pointerTo(requireDense(rw, directions == 2
                ? new long[] {2, nOut, GATES * nOut} : new long[] {nOut, GATES * nOut})));
        bias.set_data_handle(pointerTo(requireDense(b, directions == 2
                ? new long[] {2, GATES * nOut} : new long[] {GATES * nOut})));
    }





    private static void requireShape(INDArray xNcw, long batch, long nIn, long steps) {
        if (xNcw.rank() != 3 || xNcw.size(0) != batch || xNcw.size(1) != nIn || xNcw.size(2) != steps) {
            throw new IllegalArgumentException("this LSTM was set up for input [" + batch + ", " + nIn + ", " + steps
                    + "], got " + Arrays.toString(xNcw.shape()));
        }
    }

}
