package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An LSTM computed by libnd4j's fused {@code lstmLayer} op (forward) and {@code lstmLayer_bp} (backward)
 * instead of DL4J's step-by-step Java loop: the same equations as DL4J's {@code LSTM} (sigmoid gates, no
 * peepholes, the layer's activation on the cell input and on the output), NCW input [mb,nIn,T], output
 * [mb,W,T] or only the last step [mb,W], where W is nOut, or 2*nOut when it also reads the sequence backwards
 * (outputs concatenated, forward first). Masks are refused.
 */
public class NativeLstmLayer extends FeedForwardLayer {

    private boolean returnSequences = true;
    private boolean bidirectional;
    private double forgetGateBiasInit = 1.0;

    /** For Jackson. */
    public NativeLstmLayer() {
    }

    private NativeLstmLayer(Builder builder) {
        super(builder);
        this.returnSequences = builder.returnSequences;
        this.bidirectional = builder.bidirectional;
        this.forgetGateBiasInit = builder.forgetGateBiasInit;
        requireSupportedActivation(activationFn);
    }

    /**
     * The libnd4j activation code for a DL4J activation, when the op has the same function: tanh 0, relu 1,
     * sigmoid 2. Others (the op's affine, ELU and leaky ReLU take parameters DL4J sets differently; GELU,
     * swish and softmax it lacks) are left to DL4J's own LSTM.
     */
    public static OptionalInt nativeActivationCode(IActivation activation) {
        if (activation instanceof ActivationTanH) {
            return OptionalInt.of(0);
        }
        if (activation instanceof ActivationReLU relu && relu.getMax() == null && relu.getThreshold() == null
                && relu.getNegativeSlope() == null) {
            return OptionalInt.of(1);
        }
        if (activation instanceof ActivationSigmoid) {
            return OptionalInt.of(2);
        }
        return OptionalInt.empty();
    }

    /**
     * Whether a layer with this activation trains on oneDNN's LSTM primitives in a float network on the CPU
     * (see {@link NativeLstmLayerImpl}): tanh, and oneDNN loads here.
     */
    public static boolean runsOnOneDnn(IActivation activation) {
        return activation instanceof ActivationTanH && OneDnn.available();
    }

    private static void requireSupportedActivation(IActivation activation) {
        if (activation != null && nativeActivationCode(activation).isEmpty()) {
            throw new IllegalArgumentException("NativeLstmLayer supports the activations tanh, relu and sigmoid, not "
                    + activation + "; use DL4J's LSTM for others");
        }
    }

    public boolean isReturnSequences() {
        return returnSequences;
    }

    public void setReturnSequences(boolean returnSequences) {
        this.returnSequences = returnSequences;
    }

    public boolean isBidirectional() {
        return bidirectional;
    }

    public void setBidirectional(boolean bidirectional) {
        this.bidirectional = bidirectional;
    }

    public double getForgetGateBiasInit() {
        return forgetGateBiasInit;
    }

    public void setForgetGateBiasInit(double forgetGateBiasInit) {
        this.forgetGateBiasInit = forgetGateBiasInit;
    }

    /** 1, or 2 when bidirectional. */
    public int directions() {
        return bidirectional ? 2 : 1;
    }

    /** Width of one step's output: nOut per direction. */
    public long outputWidth() {
        return directions() * nOut;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeRecurrent in = requireRecurrent(inputType);
        return returnSequences ? InputType.recurrent(outputWidth(), in.getTimeSeriesLength(), RNNFormat.NCW)
                : InputType.feedForward(outputWidth());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeRecurrent in = requireRecurrent(inputType);
        if (override || nIn <= 0) {
            nIn = in.getSize();
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        requireRecurrent(inputType);
        return null;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView,
            boolean initializeParams, DataType networkDataType) {
        requireSupportedActivation(activationFn);
        return LayerWiring.wire(new NativeLstmLayerImpl(conf, networkDataType), initializer(), conf, listeners,
                layerIndex, paramsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return NativeLstmParamInitializer.INSTANCE;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long numParams = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
        InputType out = getOutputType(-1, inputType);
        long steps = Math.max(1, ((InputType.InputTypeRecurrent) inputType).getTimeSeriesLength());
        // The op keeps the gates of every step while it runs: 4 per unit and direction, plus h and c
        long working = steps * outputWidth() * 6;
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, out)
                .standardMemory(numParams, updaterState)
                .workingMemory(0, working, 0, 2 * working)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    private InputType.InputTypeRecurrent requireRecurrent(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent rnn) || rnn.getFormat() != RNNFormat.NCW) {
            throw new IllegalStateException("NativeLstmLayer \"" + layerName
                    + "\" expects recurrent NCW [mb,F,T] input, got " + inputType);
        }
        return rnn;
    }

    @Override
    public NativeLstmLayer clone() {
        return (NativeLstmLayer) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NativeLstmLayer other && super.equals(o) && returnSequences == other.returnSequences
                && bidirectional == other.bidirectional && forgetGateBiasInit == other.forgetGateBiasInit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), returnSequences, bidirectional, forgetGateBiasInit);
    }

    @Override
    public String toString() {
        return "NativeLstmLayer(" + layerName + ", nIn=" + nIn + ", nOut=" + nOut + ", activation=" + activationFn
                + ", returnSequences=" + returnSequences + ", bidirectional=" + bidirectional + ")";
    }

    /** Builder; nIn is usually set from the input type. */
    // DL4J's Builder.build() is generic in its return type; a concrete return type is an unchecked override
    @SuppressWarnings("unchecked")
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private boolean returnSequences = true;
        private boolean bidirectional;
        private double forgetGateBiasInit = 1.0;

        /** On (default): output every step [mb,W,T]. Off: only the last step [mb,W]. */
        public Builder returnSequences(boolean value) {
            this.returnSequences = value;
            return this;
        }

        /** Also read the sequence backwards and concatenate both outputs (forward first). */
        public Builder bidirectional(boolean value) {
            this.bidirectional = value;
            return this;
        }

        /** Initial bias of the forget gate, 1.0 like DL4J's LSTM. */
        public Builder forgetGateBiasInit(double value) {
            this.forgetGateBiasInit = value;
            return this;
        }

        @Override
        public NativeLstmLayer build() {
            return new NativeLstmLayer(this);
        }
    }
}
