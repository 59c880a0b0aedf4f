package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Objects;

/** Layer normalisation over the feature axis of [mb,F] or NCW [mb,F,T] input, with learned gamma and beta. */
public class LayerNormLayer extends ShapePreservingLayer {

    public static final double DEFAULT_EPSILON = 1e-5;

    private double epsilon = DEFAULT_EPSILON;

    /** For Jackson. */
    public LayerNormLayer() {
    }

    private LayerNormLayer(Builder builder) {
        super(builder);
        this.epsilon = builder.epsilon;
    }

    public double getEpsilon() {
        return epsilon;
    }

    public void setEpsilon(double epsilon) {
        this.epsilon = epsilon;
    }

    @Override
    protected boolean acceptsFeedForward() {
        return true;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView,
            boolean initializeParams, DataType networkDataType) {
        return wire(new LayerNormLayerImpl(conf, networkDataType), conf, listeners, layerIndex, paramsView,
                initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return LayerNormParamInitializer.INSTANCE;
    }

    @Override
    public LayerNormLayer clone() {
        return (LayerNormLayer) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerNormLayer other && super.equals(o) && epsilon == other.epsilon;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), epsilon);
    }

    @Override
    public String toString() {
        return "LayerNormLayer(" + layerName + ", nIn=" + nIn + ", epsilon=" + epsilon + ")";
    }

    /** Builder; nIn is usually set from the input type. */
    // DL4J's Builder.build() is generic in its return type; a concrete return type is an unchecked override
    @SuppressWarnings("unchecked")
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private double epsilon = DEFAULT_EPSILON;

        /** Added to the variance before the square root, for numerical safety. */
        public Builder epsilon(double epsilon) {
            if (!(epsilon > 0)) {
                throw new IllegalArgumentException("LayerNormLayer epsilon must be > 0, got " + epsilon);
            }
            this.epsilon = epsilon;
            return this;
        }

        @Override
        public LayerNormLayer build() {
            return new LayerNormLayer(this);
        }
    }
}
