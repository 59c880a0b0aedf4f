package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.Map;

import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.assertJsonRoundTrip;
import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.assertModelSerializerRoundTrip;
import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.gradientsMatch;
import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.graphBuilder;
import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.init;
import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.oneHot;
import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.useDoublePrecision;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The convolution that reads the network's input: its weight and bias gradients pass DL4J's gradient check
 * (double precision, where DL4J's own convolution code runs the forward pass) and equal those of DL4J's
 * {@code ConvolutionLayer} in float with the oneDNN helper and cache mode, as the worker trains.
 */
class InputConvolutionLayerTest {

    private static final int MB = 3;
    private static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";

    @BeforeAll
    static void setUp() {
        useDoublePrecision();
    }

    @AfterAll
    static void restore() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private static ComputationGraphConfiguration.GraphBuilder cnn(ComputationGraphConfiguration.GraphBuilder b,
            ConvolutionLayer.Builder first, IActivation activation, ConvolutionMode mode, int stride, boolean bias) {
        return cnn(b, first, activation, mode, stride, bias, 2);
    }

    private static ComputationGraphConfiguration.GraphBuilder cnn(ComputationGraphConfiguration.GraphBuilder b,
            ConvolutionLayer.Builder first, IActivation activation, ConvolutionMode mode, int stride, boolean bias,
            int channels) {
        return b.addInputs("in")
                .setInputTypes(InputType.convolutional(7, 7, channels))
                .addLayer("conv", first.kernelSize(3, 3).stride(stride, stride).nOut(3).activation(activation)
                        .convolutionMode(mode).hasBias(bias).build(), "in")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(1, 1).build(), "conv")
                .addLayer("dense", new DenseLayer.Builder().nOut(4).activation(new ActivationTanH()).build(), "pool")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(3)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build(), "dense")
                .setOutputs("out");
    }

    @ParameterizedTest(name = "{0}, {1}, stride {2}, bias {3}")
    @CsvSource({"relu, Truncate, 1, true", "relu, Same, 2, true", "identity, Same, 1, false", "tanh, Truncate, 2, true"})
    void gradientsPassDl4jsGradientCheck(String activation, ConvolutionMode mode, int stride, boolean bias) {
        IActivation fn = switch (activation) {
            case "relu" -> new ReluActivation();
            case "identity" -> new ActivationIdentity();
            default -> new ActivationTanH();
        };
        ComputationGraph graph = init(cnn(graphBuilder(), new InputConvolutionLayer.Builder(), fn, mode, stride, bias).build());
        assertThat(graph.getLayer("conv")).isInstanceOf(InputConvolutionLayerImpl.class);
        INDArray input = Nd4j.rand(DataType.DOUBLE, MB, 2, 7, 7).subi(0.5);
        assertThat(gradientsMatch("InputConvolutionLayer " + activation + " " + mode + " stride " + stride,
                graph, input, oneHot(MB, 3, 7))).isTrue();
    }

    @Test
    void moreInputChannelsThanItTakesGoThroughDl4jsBackwardPassAndStillCheck() {
        int channels = (int) InputConvolutionLayerImpl.MAX_INPUT_CHANNELS + 1;
        ComputationGraph graph = init(cnn(graphBuilder(), new InputConvolutionLayer.Builder(), new ActivationTanH(),
                ConvolutionMode.Truncate, 1, true, channels).build());
        INDArray input = Nd4j.rand(DataType.DOUBLE, MB, channels, 7, 7).subi(0.5);
        // DL4J's own backward pass returns the real input gradient, this layer's own pass zeros
        assertThat(inputGradient(graph, input).sumNumber().doubleValue()).isNotZero();
        assertThat(gradientsMatch("InputConvolutionLayer with " + channels + " channels (DL4J's backward pass)",
                graph, input, oneHot(MB, 3, 7))).isTrue();
    }

    @Test
    void ownBackwardPassReturnsZerosForTheInput() {
        ComputationGraph graph = init(cnn(graphBuilder(), new InputConvolutionLayer.Builder(), new ActivationTanH(),
                ConvolutionMode.Truncate, 1, true).build());
        INDArray inputGradient = inputGradient(graph, Nd4j.rand(DataType.DOUBLE, MB, 2, 7, 7));
        assertThat(inputGradient.shape()).containsExactly(MB, 2, 7, 7);
        assertThat(inputGradient.sumNumber().doubleValue()).isZero();
    }

    @Test
    void floatGradientsEqualDl4jConvolutionWithOneDnnAndCacheMode() {
        String before = System.setProperty(HELPERS_DISABLE, "false"); // as the worker runs (NativeTuning)
        ComputationGraph ours;
        ComputationGraph dl4j;
        try {
            ours = floatGraph(new InputConvolutionLayer.Builder(), CacheMode.DEVICE);
            dl4j = floatGraph(new ConvolutionLayer.Builder(), CacheMode.NONE);
        } finally {
            if (before == null) {
                System.clearProperty(HELPERS_DISABLE);
            } else {
                System.setProperty(HELPERS_DISABLE, before);
            }
        }
        assertThat(ours.getLayer("conv").getHelper()).as("oneDNN helper loaded").isNotNull();
        dl4j.setParams(ours.params().dup());
        INDArray input = Nd4j.rand(DataType.FLOAT, 8, 2, 7, 7);
        INDArray labels = oneHot(8, 3, 11).castTo(DataType.FLOAT);
        Map<String, INDArray> expected = gradients(dl4j, input, labels);
        Map<String, INDArray> actual = gradients(ours, input, labels);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((name, value) -> assertThat(actual.get(name).equalsWithEps(value, 1e-5))
                .as("gradient %s: %s vs DL4J's %s", name, actual.get(name), value).isTrue());
        assertThat(ours.score()).isCloseTo(dl4j.score(), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void configurationAndModelRoundTrip() throws Exception {
        ComputationGraphConfiguration conf = cnn(graphBuilder(), new InputConvolutionLayer.Builder(), new ReluActivation(),
                ConvolutionMode.Truncate, 1, true).build();
        assertJsonRoundTrip(conf);
        assertThat(conf.toJson()).contains(InputConvolutionLayer.class.getName()).contains(ReluActivation.class.getName());
        assertModelSerializerRoundTrip(init(conf), Nd4j.rand(DataType.DOUBLE, MB, 2, 7, 7));
    }

    @Test
    void isNotEqualToDl4jsConvolutionWithTheSameSettings() {
        ConvolutionLayer ours = new InputConvolutionLayer.Builder(3, 3).nOut(2).build();
        ConvolutionLayer theirs = new ConvolutionLayer.Builder(3, 3).nOut(2).build();
        assertThat(ours).isNotEqualTo(theirs);
        assertThat(ours).isEqualTo(new InputConvolutionLayer.Builder(3, 3).nOut(2).build());
    }

    private static ComputationGraph floatGraph(ConvolutionLayer.Builder first, CacheMode cacheMode) {
        return init(cnn(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).seed(3).updater(new NoOp())
                .weightInit(WeightInit.XAVIER).cacheMode(cacheMode).graphBuilder(), first, new ReluActivation(),
                ConvolutionMode.Truncate, 1, true).build());
    }

    /** The convolution layer's backward pass on its own, for an output gradient of ones. */
    private static INDArray inputGradient(ComputationGraph graph, INDArray input) {
        graph.setInputs(input);
        graph.setLabels(oneHot(MB, 3, 5));
        graph.computeGradientAndScore(); // sets up the gradient views
        org.deeplearning4j.nn.api.Layer conv = graph.getLayer("conv");
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        conv.setInput(input, noWorkspaces);
        INDArray output = conv.activate(true, noWorkspaces);
        return conv.backpropGradient(Nd4j.onesLike(output), noWorkspaces).getSecond();
    }

    private static Map<String, INDArray> gradients(ComputationGraph graph, INDArray input, INDArray labels) {
        graph.setInputs(input);
        graph.setLabels(labels);
        graph.computeGradientAndScore();
        Gradient gradient = graph.gradient();
        Map<String, INDArray> copy = new java.util.TreeMap<>();
        gradient.gradientForVariable().forEach((name, value) -> copy.put(name, value.dup()));
        return copy;
    }
}
