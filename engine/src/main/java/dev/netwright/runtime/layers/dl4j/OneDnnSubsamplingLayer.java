package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * 2-D pooling computed by oneDNN's primitives where they apply ({@link OneDnnSubsamplingLayerImpl}): DL4J's
 * {@link SubsamplingLayer} in every other respect (JSON, its own code as the fallback). The backward pass of max
 * pooling uses the winners recorded by the forward pass; DL4J M2.1's (libnd4j's {@code maxpool2d_bp}) pools
 * again: 2.9 against 0.7 ms for the seed CNN's first pooling (docs/decisions/0007-onednn-cnn.md).
 */
public class OneDnnSubsamplingLayer extends SubsamplingLayer {

    /** For Jackson. */
    public OneDnnSubsamplingLayer() {
    }

    protected OneDnnSubsamplingLayer(Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new OneDnnSubsamplingLayerImpl(conf, networkDataType), initializer(), conf, listeners,
                layerIndex, paramsView, initializeParams);
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && super.equals(other);
    }

    /** DL4J's Lombok {@code equals} asks the other side; without this a plain pooling layer would equal this one. */
    @Override
    protected boolean canEqual(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + getClass().getSimpleName().hashCode();
    }

    /** DL4J's pooling builder, building this layer. */
    public static class Builder extends SubsamplingLayer.Builder {
        public Builder(org.deeplearning4j.nn.conf.layers.PoolingType poolingType) {
            super(poolingType);
        }

        @Override
        public OneDnnSubsamplingLayer build() {
            super.build(); // DL4J's checks of the p-norm, window, strides and padding; its layer is not used
            return new OneDnnSubsamplingLayer(this);
        }
    }
}
