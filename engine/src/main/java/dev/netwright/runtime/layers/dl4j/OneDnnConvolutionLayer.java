package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * A 2-D convolution computed by oneDNN's primitives where they apply ({@link OneDnnConvolutionLayerImpl}):
 * DL4J's {@link ConvolutionLayer} in every other respect (parameters, JSON, its own code as the fallback).
 * DL4J M2.1's oneDNN helper reaches the same library through libnd4j, in plain layouts and without keeping
 * anything between calls; the seed CNN's second convolution took 5.8 + 8.5 ms there against 2.6 + 5.6 ms here
 * (docs/decisions/0007-onednn-cnn.md).
 */
public class OneDnnConvolutionLayer extends ConvolutionLayer {

    /** For Jackson. */
    public OneDnnConvolutionLayer() {
    }

    protected OneDnnConvolutionLayer(ConvolutionLayer.Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet(getClass().getSimpleName(), getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new OneDnnConvolutionLayerImpl(conf, networkDataType), initializer(), conf, listeners,
                layerIndex, paramsView, initializeParams);
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && super.equals(other);
    }

    /**
     * DL4J's Lombok {@code equals} asks the other side; without this a plain convolution would equal this one (and
     * an {@link InputConvolutionLayer} a plain one of these).
     */
    @Override
    protected boolean canEqual(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + getClass().getSimpleName().hashCode();
    }

    /** DL4J's convolution builder, building this layer. */
    public static class Builder extends ConvolutionLayer.Builder {
        /** A 5 × 5 kernel unless set, as DL4J's builder. */
        public Builder() {
            super();
        }

        public Builder(int... kernelSize) {
            super(kernelSize);
        }

        @Override
        public OneDnnConvolutionLayer build() {
            ConvolutionUtils.validateConvolutionModePadding(convolutionMode, padding);
            ConvolutionUtils.validateCnnKernelStridePadding(kernelSize, stride, padding);
            return new OneDnnConvolutionLayer(this);
        }
    }
}
