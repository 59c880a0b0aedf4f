package dev.netwright.runtime.compile;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.dl4j.InputConvolutionLayer;
import dev.netwright.runtime.layers.dl4j.NativeLstmLayer;
import dev.netwright.runtime.layers.kinds.RecurrentKind;
import dev.netwright.runtime.layers.dl4j.ReluActivation;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationTanH;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the compiler picks for speed (docs/benchmarks.md, "Engine"): the convolution that reads the network's
 * input becomes an {@link InputConvolutionLayer}, the others DL4J's; ReLU is Netwright's {@link ReluActivation};
 * convolutions keep their pre-activation output for the backward pass (cache mode); LSTMs stay DL4J's
 * unless libnd4j's fused op is asked for (its backward pass leaks native memory in M2.1).
 */
class EngineChoicesTest {

    private static ComputationGraphConfiguration compile(Design design) throws DesignErrorsException {
        return new DesignCompiler().compile(design, TrainingSettings.defaults()).configuration();
    }

    private static Layer layer(ComputationGraphConfiguration conf, String name) {
        return ((LayerVertex) conf.getVertices().get(name)).getLayerConf().getLayer();
    }

    @Test
    void onlyTheConvolutionOnTheInputSkipsItsInputGradient() throws Exception {
        ComputationGraphConfiguration conf = compile(TestDesigns.start().image(8, 8, 1)
                .then("conv1", "Conv2D", "filters", 2, "activation", "relu")
                .then("conv2", "Conv2D", "filters", 2, "activation", "tanh")
                .then("flat", "Flatten").output());
        assertThat(layer(conf, "conv1")).isInstanceOf(InputConvolutionLayer.class);
        assertThat(layer(conf, "conv2")).isExactlyInstanceOf(ConvolutionLayer.class);
        assertThat(((BaseLayer) layer(conf, "conv1")).getActivationFn()).isInstanceOf(ReluActivation.class);
        assertThat(((BaseLayer) layer(conf, "conv2")).getActivationFn()).isInstanceOf(ActivationTanH.class);
        assertThat(conf.getCacheMode()).isEqualTo(CacheMode.DEVICE);
    }

    @Test
    void lstmsAreDl4jsUnlessTheNativeOpIsAskedFor() throws Exception {
        Design design = TestDesigns.start().sequence(4, 3).then("lstm", "LSTM", "units", 3).output();
        assertThat(compile(design).toJson()).contains(LSTM.class.getName()).doesNotContain(NativeLstmLayer.class.getName());
        String before = System.setProperty(RecurrentKind.LSTM_IMPLEMENTATION_PROPERTY, "native");
        try {
            assertThat(compile(design).toJson()).contains(NativeLstmLayer.class.getName());
        } finally {
            if (before == null) {
                System.clearProperty(RecurrentKind.LSTM_IMPLEMENTATION_PROPERTY);
            } else {
                System.setProperty(RecurrentKind.LSTM_IMPLEMENTATION_PROPERTY, before);
            }
        }
    }

    @Test
    void aConvolutionAfterAnotherLayerIsDl4jsEvenWhenItIsTheFirstConvolution() throws Exception {
        ComputationGraphConfiguration conf = compile(TestDesigns.start().image(8, 8, 1)
                .then("bn", "BatchNorm")
                .then("conv", "Conv2D", "filters", 2, "activation", "relu")
                .then("flat", "Flatten").output());
        assertThat(layer(conf, "conv")).isExactlyInstanceOf(ConvolutionLayer.class);
    }
}
