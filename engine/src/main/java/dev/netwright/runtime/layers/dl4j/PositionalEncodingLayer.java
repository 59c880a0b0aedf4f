package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Objects;

/** Adds a positional encoding (fixed sinusoidal or learned) to NCW sequence input [mb,F,T]. */
public class PositionalEncodingLayer extends ShapePreservingLayer {

    /** How the encoding is produced. */
    public enum Mode {
        /** Vaswani et al.: sin on even features, cos on odd ones; no parameters. */
        SINUSOIDAL,
        /** One learned value per (feature, position): F*T parameters. */
        LEARNED
    }

    private Mode mode = Mode.SINUSOIDAL;
    /** Sequence length T; LEARNED needs it to size its parameters. Set from the input type when unknown. */
    private long sequenceLength;

    /** For Jackson. */
    public PositionalEncodingLayer() {
    }

    private PositionalEncodingLayer(Builder builder) {
        super(builder);
        this.mode = builder.mode;
        this.sequenceLength = builder.sequenceLength;
    }

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public long getSequenceLength() {
        return sequenceLength;
    }

    public void setSequenceLength(long sequenceLength) {
        this.sequenceLength = sequenceLength;
    }

    @Override
    protected boolean acceptsFeedForward() {
        return false;
    }

    @Override
    protected void onInputType(InputType inputType, boolean override) {
        long length = ((InputType.InputTypeRecurrent) inputType).getTimeSeriesLength();
        if (length > 0 && (override || sequenceLength <= 0)) {
            sequenceLength = length;
        }
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView,
            boolean initializeParams, DataType networkDataType) {
        if (mode == Mode.LEARNED && sequenceLength <= 0) {
            throw new IllegalStateException(describe() + ": LEARNED mode needs the sequence length; set it on "
                    + "the builder or give the graph an input type with a known time series length");
        }
        return wire(new PositionalEncodingLayerImpl(conf, networkDataType), conf, listeners, layerIndex,
                paramsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return PositionalEncodingParamInitializer.INSTANCE;
    }

    @Override
    protected long workingArraysPerExample() {
        return 1;
    }

    @Override
    public PositionalEncodingLayer clone() {
        return (PositionalEncodingLayer) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PositionalEncodingLayer other && super.equals(o) && mode == other.mode
                && sequenceLength == other.sequenceLength;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), mode, sequenceLength);
    }

    @Override
    public String toString() {
        return "PositionalEncodingLayer(" + layerName + ", nIn=" + nIn + ", mode=" + mode + ", T="
                + sequenceLength + ")";
    }

    /** Builder; nIn and the sequence length are usually set from the input type. */
    // DL4J's Builder.build() is generic in its return type; a concrete return type is an unchecked override
    @SuppressWarnings("unchecked")
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private Mode mode = Mode.SINUSOIDAL;
        private long sequenceLength;

        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Sequence length T; only needed for LEARNED when the input type does not say it. */
        public Builder sequenceLength(long sequenceLength) {
            this.sequenceLength = sequenceLength;
            return this;
        }

        @Override
        public PositionalEncodingLayer build() {
            return new PositionalEncodingLayer(this);
        }
    }
}
