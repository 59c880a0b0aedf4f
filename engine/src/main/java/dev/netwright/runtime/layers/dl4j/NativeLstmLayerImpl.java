package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;


import static dev.netwright.runtime.layers.dl4j.NativeLstmParamInitializer.BIAS;
import static dev.netwright.runtime.layers.dl4j.NativeLstmParamInitializer.INPUT_WEIGHTS;
import static dev.netwright.runtime.layers.dl4j.NativeLstmParamInitializer.RECURRENT_WEIGHTS;

/**
 * Runtime layer for {@link NativeLstmLayer}. In float with tanh on the CPU, forward and backward are oneDNN's
 * LSTM primitives ({@link OneDnnLstm}). Otherwise (double, other activations, the GPU backend): one call of
 * libnd4j's {@code lstmLayer} op forward and one of
 * {@code lstmLayer_bp} backward (which runs the forward pass again inside, so nothing is cached between the
 * two). Both read and write NCW [mb,F,T] directly (the op's data format 2), except a float tanh forward pass,
 * which goes through oneDNN in TNC (see {@link #oneDnnForwardApplies()}).
 */
public class NativeLstmLayerImpl extends BaseLayer<NativeLstmLayer> {
    /** libnd4j's lstmLayer integer arguments: data format [bS, nIn, sL], and its direction modes. */
    private static final int FORMAT_NCW = 2;
    private static final int FORMAT_TNC = 0;
    private static final int FORWARD_ONLY = 0;
    private static final int BIDIRECTIONAL_CONCAT = 3;
    private static final int SIGMOID = 2;
    private static final int TANH = 0;
    /** 0: no cell clipping. */
    private static final double NO_CELL_CLIP = 0.0;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NativeLstmLayerImpl.class);
    private boolean oneDnnLstmAllowed = true;
    /** oneDNN's primitives for the last input shape; null before the first float pass. */
    private OneDnnLstm oneDnn;

    public NativeLstmLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        requireSequence(input);
        applyDropOutIfNecessary(training, workspaceMgr);
        // OneDnnLstm copies x into its own TNC buffer anyway: no contiguous copy first
        INDArray cast = oneDnnLstmApplies() ? input.castTo(dataType) : null;
        OneDnnLstm lstm = cast == null ? null : oneDnnFor(cast);
        if (lstm != null) {
            INDArray x = cast;
            INDArray h = lstm.forward(x, getParam(INPUT_WEIGHTS), getParam(RECURRENT_WEIGHTS), getParam(BIAS),
                    training).permute(1, 2, 0);
            return workspaceMgr.dup(ArrayType.ACTIVATIONS, layerConf().isReturnSequences() ? h : lastStep(h), 'c');
        }
        INDArray x = contiguous(input);
        long[] hShape = {x.size(0), layerConf().outputWidth(), x.size(2)};
        if (oneDnnForwardApplies()) {
            INDArray h = forwardThroughOneDnn(x, workspaceMgr);
            return workspaceMgr.dup(ArrayType.ACTIVATIONS, layerConf().isReturnSequences() ? h : lastStep(h), 'c');
        }
        if (layerConf().isReturnSequences()) {
            INDArray h = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, hShape, 'c');
            Nd4j.exec(op("lstmLayer", x, null, h));
            return h;
        }
        INDArray h = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, dataType, hShape, 'c');
        Nd4j.exec(op("lstmLayer", x, null, h));
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, lastStep(h), 'c');
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (oneDnnLstmApplies() && oneDnnFor(input.castTo(dataType)) != null) {
            return backpropThroughOneDnn(input.castTo(dataType), epsilon, workspaceMgr);
        }
        INDArray x = contiguous(input);
        INDArray dLdh;
        if (layerConf().isReturnSequences()) {
            dLdh = contiguous(epsilon);
        } else {
            // Only the last step was used: its gradient, zeros elsewhere
            dLdh = workspaceMgr.create(ArrayType.BP_WORKING_MEM, dataType,
                    new long[] {x.size(0), layerConf().outputWidth(), x.size(2)}, 'c');
            lastStep(dLdh).assign(epsilon);
        }
        INDArray dLdx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        // The op zeroes its weight-gradient outputs first, so it can write straight into DL4J's gradient views
        Nd4j.exec(op("lstmLayer_bp", x, dLdh, dLdx, gradientViews.get(INPUT_WEIGHTS),
                gradientViews.get(RECURRENT_WEIGHTS), gradientViews.get(BIAS)));
        Gradient gradient = LayerWiring.viewsGradient(layerConf().initializer(), layerConf(), gradientViews);
        return new Pair<>(gradient, backpropDropOutIfPresent(dLdx));
    }

    /**
     * Forward and backward through oneDNN's own LSTM primitives ({@link OneDnnLstm}): float data on the CPU
     * backend, tanh (oneDNN's LSTM knows no other activation), and the library loaded.
     */
    private boolean oneDnnLstmApplies() {
        return oneDnnLstmAllowed && dataType == DataType.FLOAT && Nd4j.getEnvironment().isCPU()
                && NativeLstmLayer.runsOnOneDnn(layerConf().getActivationFn());
    }

    /**
     * oneDNN's primitives for this input's shape, made again when the shape changes (the last, short batch); null
     * where oneDNN refuses to make them, and from then on this layer runs libnd4j's lstmLayer.
     */
    private OneDnnLstm oneDnnFor(INDArray x) {
        if (oneDnn == null || !oneDnn.fits(x)) {
            if (oneDnn != null) {
                oneDnn.close();
                oneDnn = null;
            }
            try {
                oneDnn = OneDnnLstm.create(x.size(2), x.size(0), x.size(1), layerConf().getNOut(),
                        layerConf().directions());
            } catch (RuntimeException e) {
                oneDnnLstmAllowed = false;
                LOG.warn("oneDNN refused an LSTM of {} steps, batch {}, {} inputs, {} units ({}); this layer runs "
                        + "libnd4j's lstmLayer", x.size(2), x.size(0), x.size(1), layerConf().getNOut(), e.getMessage());
                return null;
            }
        }
        return oneDnn;
    }

    private Pair<Gradient, INDArray> backpropThroughOneDnn(INDArray x, INDArray epsilon,
            LayerWorkspaceMgr workspaceMgr) {
        OneDnnLstm lstm = oneDnnFor(x);
        if (!lstm.hasTrainingState()) {
            lstm.forward(x, getParam(INPUT_WEIGHTS), getParam(RECURRENT_WEIGHTS), getParam(BIAS), true);
        }
        INDArray dLdhTnc = lstm.outputGradient();
        if (layerConf().isReturnSequences()) {
            dLdhTnc.assign(epsilon.permute(2, 0, 1));
        } else {
            // Only the last step was used: its gradient, zeros elsewhere
            dLdhTnc.assign(0);
            dLdhTnc.get(NDArrayIndex.point(x.size(2) - 1), NDArrayIndex.all(), NDArrayIndex.all()).assign(epsilon);
        }
        INDArray dLdxTnc = lstm.backward(getParam(INPUT_WEIGHTS), getParam(RECURRENT_WEIGHTS), getParam(BIAS),
                gradientViews.get(INPUT_WEIGHTS), gradientViews.get(RECURRENT_WEIGHTS), gradientViews.get(BIAS));
        INDArray dLdx = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, dLdxTnc.permute(1, 2, 0), 'c');
        Gradient gradient = LayerWiring.viewsGradient(layerConf().initializer(), layerConf(), gradientViews);
        return new Pair<>(gradient, backpropDropOutIfPresent(dLdx));
    }

    /**
     * Off: this layer uses libnd4j's ops even where oneDNN's LSTM applies. For tests that compare the two; the
     * ops are the gradient-checked reference.
     */
    void allowOneDnnLstm(boolean value) {
        this.oneDnnLstmAllowed = value;
    }

    /**
     * libnd4j 1.0.0-M2.1 sends lstmLayer to oneDNN (about 3x faster forward, measured in docs/benchmarks.md)
     * only for float data in the TNC or NTC format, and only when asked for the last h and c as well (without
     * them that path fails with "object is not initialized"). oneDNN's LSTM knows only tanh, whatever
     * activation the op is given, so other activations stay on the generic path. There is no oneDNN
     * lstmLayer_bp: the backward pass always runs the generic code, in NCW.
     */
    private boolean oneDnnForwardApplies() {
        return dataType == DataType.FLOAT && NativeLstmLayer.nativeActivationCode(layerConf().getActivationFn())
                .orElse(-1) == TANH && Nd4j.getEnvironment().helpersAllowed();
    }

    /** The forward pass in TNC through oneDNN; returns h as an NCW view [mb, W, T]. */
    private INDArray forwardThroughOneDnn(INDArray x, LayerWorkspaceMgr workspaceMgr) {
        long mb = x.size(0);
        long steps = x.size(2);
        long nOut = layerConf().getNOut();
        INDArray xTnc = workspaceMgr.dup(ArrayType.FF_WORKING_MEM, x.permute(2, 0, 1), 'c');
        INDArray hTnc = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, dataType,
                new long[] {steps, mb, layerConf().outputWidth()}, 'c');
        long[] lastShape = layerConf().isBidirectional() ? new long[] {2, mb, nOut} : new long[] {mb, nOut};
        INDArray lastH = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, dataType, lastShape, 'c');
        INDArray lastC = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, dataType, lastShape, 'c');
        Nd4j.exec(DynamicCustomOp.builder("lstmLayer")
                .addInputs(xTnc, getParam(INPUT_WEIGHTS), getParam(RECURRENT_WEIGHTS), getParam(BIAS))
                .addIntegerArguments(FORMAT_TNC, layerConf().isBidirectional() ? BIDIRECTIONAL_CONCAT : FORWARD_ONLY,
                        SIGMOID, TANH, TANH)
                .addBooleanArguments(true, false, false, false, false, true, true, true)
                .addFloatingPointArguments(NO_CELL_CLIP)
                .addOutputs(hTnc, lastH, lastC)
                .build());
        return hTnc.permute(1, 2, 0);
    }

    /**
     * The op with this layer's parameters and arguments: inputs x, W, RW, b, then dL/dh for the backward op;
     * outputs h (forward) or dL/dx, dL/dW, dL/dRW, dL/db (backward).
     */
    private DynamicCustomOp op(String name, INDArray x, INDArray dLdh, INDArray... outputs) {
        int activation = NativeLstmLayer.nativeActivationCode(layerConf().getActivationFn()).orElseThrow();
        DynamicCustomOp.DynamicCustomOpsBuilder builder = DynamicCustomOp.builder(name)
                // One call: each addInputs call replaces the inputs given before
                .addInputs(dLdh == null
                        ? new INDArray[] {x, getParam(INPUT_WEIGHTS), getParam(RECURRENT_WEIGHTS), getParam(BIAS)}
                        : new INDArray[] {x, getParam(INPUT_WEIGHTS), getParam(RECURRENT_WEIGHTS), getParam(BIAS), dLdh})
                .addIntegerArguments(FORMAT_NCW, layerConf().isBidirectional() ? BIDIRECTIONAL_CONCAT : FORWARD_ONLY,
                        SIGMOID, activation, activation)
                // has bias, seqLen, initial h, initial c, peepholes; full sequence out, last h, last c
                .addBooleanArguments(true, false, false, false, false, true, false, false)
                .addFloatingPointArguments(NO_CELL_CLIP);
        return builder.addOutputs(outputs).build();
    }

    private static INDArray lastStep(INDArray sequence) {
        return sequence.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(sequence.size(2) - 1));
    }

    /** The op reads strides, but a c-ordered array of the network's type is its fast path. */
    private INDArray contiguous(INDArray array) {
        INDArray typed = array.dataType() == dataType ? array : array.castTo(dataType);
        return typed.ordering() == 'c' && !typed.isView() ? typed : typed.dup('c');
    }

    private void requireSequence(INDArray x) {
        FeatureRows.requireSequence(x, layerConf().getNIn(), "NativeLstmLayer", layerConf().getLayerName());
        if (maskArray != null) {
            throw new UnsupportedOperationException("NativeLstmLayer \"" + layerConf().getLayerName()
                    + "\" does not support masked (variable-length) sequences; use DL4J's LSTM for those");
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        this.maskArray = maskArray;
        this.maskState = currentMaskState;
        // A last-step output has no time axis left to mask
        return new Pair<>(layerConf().isReturnSequences() ? maskArray : null, currentMaskState);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }
}
