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
 * A 2-D convolution that reads the network's input: an {@link OneDnnConvolutionLayer} (DL4J's
 * {@link ConvolutionLayer} in parameters and JSON) whose backward pass computes no gradient for its input, which
 * nothing reads; where oneDNN does not apply, it takes the weight gradient from one matrix product over the
 * input's patches. DL4J's oneDNN path always
 * computes the input gradient too; for the seed CNN's first layer (one channel in, 32 out) that made its
 * backward pass 5.6-7.5 ms of a 38 ms step (docs/benchmarks.md, "Engine: the four samples").
 */
public class InputConvolutionLayer extends OneDnnConvolutionLayer {

    /** For Jackson. */
    public InputConvolutionLayer() {
    }

    private InputConvolutionLayer(ConvolutionLayer.Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("InputConvolutionLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new InputConvolutionLayerImpl(conf, networkDataType), initializer(), conf, listeners,
                layerIndex, paramsView, initializeParams);
    }

    /** DL4J's convolution builder, building this layer. */
    public static class Builder extends OneDnnConvolutionLayer.Builder {
        /** A 5 × 5 kernel unless set, as DL4J's builder. */
        public Builder() {
            super();
        }

        public Builder(int... kernelSize) {
            super(kernelSize);
        }

        @Override
        public InputConvolutionLayer build() {
            ConvolutionUtils.validateConvolutionModePadding(convolutionMode, padding);
            ConvolutionUtils.validateCnnKernelStridePadding(kernelSize, stride, padding);
            return new InputConvolutionLayer(this);
        }
    }
}
