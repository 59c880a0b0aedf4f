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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Objects;

/**
 * A gated recurrent unit (DL4J 1.0.0-M2.1 has none), with the equations of PyTorch's {@code nn.GRU} and Keras'
 * {@code GRU(reset_after=True)}: per step, with gates in the order reset, update, candidate,
 * <pre>
 *   r = σ(x·Wr + br + h·Rr + Rbr)
 *   z = σ(x·Wz + bz + h·Rz + Rbz)
 *   n = act(x·Wn + bn + r ⊙ (h·Rn + Rbn))
 *   h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 * where act is the layer's activation (tanh by default). NCW input [mb,nIn,T], output [mb,W,T] or only the last step
 * [mb,W], where W is nOut, or 2*nOut when it also reads the sequence backwards (outputs concatenated, forward first).
 * Masks are refused.
 */
public class GruLayer extends FeedForwardLayer {

    private boolean returnSequences = true;
    private boolean bidirectional;

    /** For Jackson. */
    public GruLayer() {
    }

    private GruLayer(Builder builder) {
        super(builder);
        this.returnSequences = builder.returnSequences;
        this.bidirectional = builder.bidirectional;
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

    /** Width of one step's output: nOut per direction. */
    public long outputWidth() {
        return (bidirectional ? 2 : 1) * nOut;
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
        return LayerWiring.wire(new GruLayerImpl(conf, networkDataType), initializer(), conf, listeners,
                layerIndex, paramsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return GruParamInitializer.INSTANCE;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long numParams = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
        InputType out = getOutputType(-1, inputType);
        long steps = Math.max(1, ((InputType.InputTypeRecurrent) inputType).getTimeSeriesLength());
        // Every step's gates and candidate (3 per unit), its recurrent product (3) and h, per direction
        long working = steps * outputWidth() * 7;
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, out)
                .standardMemory(numParams, updaterState)
                .workingMemory(0, working, 0, 2 * working)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    private InputType.InputTypeRecurrent requireRecurrent(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent rnn) || rnn.getFormat() != RNNFormat.NCW) {
            throw new IllegalStateException("GruLayer \"" + layerName
                    + "\" expects recurrent NCW [mb,F,T] input, got " + inputType);
        }
        return rnn;
    }

    @Override
    public GruLayer clone() {
        return (GruLayer) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GruLayer other && super.equals(o) && returnSequences == other.returnSequences
                && bidirectional == other.bidirectional;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), returnSequences, bidirectional);
    }

    @Override
    public String toString() {
        return "GruLayer(" + layerName + ", nIn=" + nIn + ", nOut=" + nOut + ", activation=" + activationFn
                + ", returnSequences=" + returnSequences + ", bidirectional=" + bidirectional + ")";
    }

    /** Builder; nIn is usually set from the input type. */
    // DL4J's Builder.build() is generic in its return type; a concrete return type is an unchecked override
    @SuppressWarnings("unchecked")
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private boolean returnSequences = true;
        private boolean bidirectional;

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

        @Override
        public GruLayer build() {
            return new GruLayer(this);
        }
    }
}
