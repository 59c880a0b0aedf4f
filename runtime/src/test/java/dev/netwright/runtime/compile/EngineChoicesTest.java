package dev.netwright.runtime.compile;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.dl4j.InputConvolutionLayer;
import dev.netwright.runtime.layers.dl4j.NativeLstmLayer;
import dev.netwright.runtime.layers.dl4j.OneDnnConvolutionLayer;
import dev.netwright.runtime.layers.dl4j.OneDnnSubsamplingLayer;
import dev.netwright.runtime.layers.LstmEngine;
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
 * primitives through {@link NativeLstmLayer} unless the run chose another {@link LstmEngine}.
 */
class EngineChoicesTest {

    private static final Design TANH_LSTM = TestDesigns.start().sequence(4, 3).then("lstm", "LSTM", "units", 3).output();
    private static final Design SIGMOID_LSTM = TestDesigns.start().sequence(4, 3)
            .then("lstm", "LSTM", "units", 3, "activation", "sigmoid").output();

    private static ComputationGraphConfiguration compile(Design design) throws DesignErrorsException {
        return new DesignCompiler().compile(design, TrainingSettings.defaults()).configuration();
    }

    private static ComputationGraphConfiguration compile(Design design, LstmEngine engine) throws DesignErrorsException {
        return new DesignCompiler().compile(design, TrainingSettings.defaults(), engine).configuration();
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

    /** An LSTM with tanh runs on oneDNN's primitives (NativeLstmLayer) by default; other activations stay DL4J's. */
    @Test
    void tanhLstmsCompileToTheNativeLayerOthersToDl4js() throws Exception {
        assertThat(NativeLstmLayer.runsOnOneDnn(new ActivationTanH())).as("oneDNN loads here").isTrue();
        assertThat(compile(TANH_LSTM).toJson()).contains(NativeLstmLayer.class.getName())
                .doesNotContain(LSTM.class.getName() + "\"");
        assertThat(compile(SIGMOID_LSTM).toJson()).contains(LSTM.class.getName())
                .doesNotContain(NativeLstmLayer.class.getName());
        assertThat(compile(TANH_LSTM, LstmEngine.ONEDNN).toJson()).isEqualTo(compile(TANH_LSTM).toJson());
    }

    @Test
    void theDl4jEnginePutsEveryLstmOnDl4jsOwn() throws Exception {
        assertThat(compile(TANH_LSTM, LstmEngine.DL4J).toJson()).contains(LSTM.class.getName() + "\"")
                .doesNotContain(NativeLstmLayer.class.getName());
    }

    @Test
    void theNativeEnginePutsOtherActivationsOnTheNativeLayerToo() throws Exception {
        assertThat(compile(SIGMOID_LSTM, LstmEngine.NATIVE).toJson()).contains(NativeLstmLayer.class.getName());
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
