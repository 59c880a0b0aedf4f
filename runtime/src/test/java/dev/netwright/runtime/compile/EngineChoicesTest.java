package dev.netwright.runtime.compile;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.dl4j.InputConvolutionLayer;
import dev.netwright.runtime.layers.dl4j.NativeLstmLayer;
import dev.netwright.runtime.layers.dl4j.OneDnnConvolutionLayer;
import dev.netwright.runtime.layers.dl4j.OneDnnSubsamplingLayer;
import dev.netwright.runtime.layers.kinds.RecurrentKind;
import dev.netwright.runtime.layers.dl4j.ReluActivation;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationTanH;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the compiler picks for speed (docs/benchmarks.md, "Engine"): the convolution that reads the network's
 * input becomes an {@link InputConvolutionLayer}, the others {@link OneDnnConvolutionLayer}s, 2-D pooling
 * {@link OneDnnSubsamplingLayer}; ReLU is Netwright's {@link ReluActivation};
 * convolutions keep their pre-activation output for the backward pass (cache mode); tanh LSTMs run on oneDNN's
 * primitives through {@link NativeLstmLayer}.
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
        assertThat(layer(conf, "conv2")).isExactlyInstanceOf(OneDnnConvolutionLayer.class);
        assertThat(((BaseLayer) layer(conf, "conv1")).getActivationFn()).isInstanceOf(ReluActivation.class);
        assertThat(((BaseLayer) layer(conf, "conv2")).getActivationFn()).isInstanceOf(ActivationTanH.class);
        assertThat(conf.getCacheMode()).isEqualTo(CacheMode.DEVICE);
    }

    @Test
    void poolingIsOneDnnsTwoDimensionalOneOnly() throws Exception {
        ComputationGraphConfiguration images = compile(TestDesigns.start().image(8, 8, 1)
                .then("pool", "MaxPool2D").then("flat", "Flatten").output());
        assertThat(layer(images, "pool")).isExactlyInstanceOf(OneDnnSubsamplingLayer.class);
        ComputationGraphConfiguration sequences = compile(TestDesigns.start().sequence(8, 3)
                .then("pool", "MaxPool1D").then("gap", "GlobalPooling").output());
        assertThat(layer(sequences, "pool")).isNotInstanceOf(OneDnnSubsamplingLayer.class);
    }

    /** An LSTM with tanh runs on oneDNN's primitives (NativeLstmLayer); other activations stay DL4J's. */
    @Test
    void tanhLstmsCompileToTheNativeLayerOthersToDl4js() throws Exception {
        assertThat(NativeLstmLayer.runsOnOneDnn(new ActivationTanH())).as("oneDNN loads here").isTrue();
        Design tanh = TestDesigns.start().sequence(4, 3).then("lstm", "LSTM", "units", 3).output();
        Design sigmoid = TestDesigns.start().sequence(4, 3)
                .then("lstm", "LSTM", "units", 3, "activation", "sigmoid").output();
        assertThat(compile(tanh).toJson()).contains(NativeLstmLayer.class.getName())
                .doesNotContain(LSTM.class.getName() + "\"");
        assertThat(compile(sigmoid).toJson()).contains(LSTM.class.getName())
                .doesNotContain(NativeLstmLayer.class.getName());
        withLstmProperty("dl4j", () -> assertThat(compile(tanh).toJson())
                .doesNotContain(NativeLstmLayer.class.getName()));
        withLstmProperty("native", () -> assertThat(compile(sigmoid).toJson())
                .contains(NativeLstmLayer.class.getName()));
    }

    private interface CompileCheck {
        void run() throws Exception;
    }

    private static void withLstmProperty(String value, CompileCheck check) throws Exception {
        String before = System.setProperty(RecurrentKind.LSTM_IMPLEMENTATION_PROPERTY, value);
        try {
            check.run();
        } finally {
            if (before == null) {
                System.clearProperty(RecurrentKind.LSTM_IMPLEMENTATION_PROPERTY);
            } else {
                System.setProperty(RecurrentKind.LSTM_IMPLEMENTATION_PROPERTY, before);
            }
        }
    }

    @Test
    void aConvolutionAfterAnotherLayerComputesItsInputGradientEvenWhenItIsTheFirstConvolution() throws Exception {
        ComputationGraphConfiguration conf = compile(TestDesigns.start().image(8, 8, 1)
                .then("bn", "BatchNorm")
                .then("conv", "Conv2D", "filters", 2, "activation", "relu")
                .then("flat", "Flatten").output());
        assertThat(layer(conf, "conv")).isExactlyInstanceOf(OneDnnConvolutionLayer.class);
    }
}
