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

/**
 * Multi-head scaled dot-product self-attention over NCW input [mb,F,T], with Q/K/V/output projections
 * (like Keras MultiHeadAttention with key_dim = F / nHeads). Masks are ignored.
 */
public class MultiHeadSelfAttentionLayer extends ShapePreservingLayer {

    private int nHeads = 1;

    /** For Jackson. */
    public MultiHeadSelfAttentionLayer() {
    }

    private MultiHeadSelfAttentionLayer(Builder builder) {
        super(builder);
        this.nHeads = builder.nHeads;
        if (nIn > 0) {
            requireHeadsDivideWidth(nHeads, nIn);
        }
    }

    public int getNHeads() {
        return nHeads;
    }

    public void setNHeads(int nHeads) {
        this.nHeads = nHeads;
    }

    /** Width of one head, F / nHeads. */
    public long headSize() {
        return nIn / nHeads;
    }

    /** Refuses head counts that do not split the model width F evenly. */
    static void requireHeadsDivideWidth(int nHeads, long width) {
        if (nHeads < 1) {
            throw new IllegalArgumentException("MultiHeadSelfAttentionLayer: nHeads must be at least 1, got "
                    + nHeads);
        }
        if (width % nHeads != 0) {
            throw new IllegalArgumentException("MultiHeadSelfAttentionLayer: nHeads (" + nHeads
                    + ") must divide the model width F (" + width + "); F / nHeads is the head size and must be "
                    + "a whole number");
        }
    }

    @Override
    protected boolean acceptsFeedForward() {
        return false;
    }

    @Override
    protected void onInputType(InputType inputType, boolean override) {
        requireHeadsDivideWidth(nHeads, nIn);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView,
            boolean initializeParams, DataType networkDataType) {
        requireHeadsDivideWidth(nHeads, nIn);
        return wire(new MultiHeadSelfAttentionLayerImpl(conf, networkDataType), conf, listeners, layerIndex,
                paramsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return MultiHeadSelfAttentionParamInitializer.INSTANCE;
    }

    @Override
    protected long workingArraysPerExample() {
        // Q, K, V, context, output, plus the T x T attention weights per head
        return 6;
    }

    @Override
    public MultiHeadSelfAttentionLayer clone() {
        return (MultiHeadSelfAttentionLayer) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiHeadSelfAttentionLayer other && super.equals(o) && nHeads == other.nHeads;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), nHeads);
    }

    @Override
    public String toString() {
        return "MultiHeadSelfAttentionLayer(" + layerName + ", nIn=" + nIn + ", nHeads=" + nHeads + ")";
    }

    /** Builder; nIn (the model width F) is usually set from the input type. */
    // DL4J's Builder.build() is generic in its return type; a concrete return type is an unchecked override
    @SuppressWarnings("unchecked")
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private int nHeads = 1;

        /** Number of attention heads; must divide the model width F. */
        public Builder nHeads(int nHeads) {
            this.nHeads = nHeads;
            return this;
        }

        @Override
        public MultiHeadSelfAttentionLayer build() {
            return new MultiHeadSelfAttentionLayer(this);
        }
    }
}
