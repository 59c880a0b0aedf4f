package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.Map;
import java.util.TreeMap;

import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.assertJsonRoundTrip;
import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.oneHot;
import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.useDoublePrecision;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OneDnnConvolutionLayer} and {@link OneDnnSubsamplingLayer} against DL4J's own convolution and pooling
 * (its im2col code, which DL4J's gradient checks cover) in float: same parameters, same data, the same output,
 * score and gradient of every parameter, including the convolution below, which only the input gradients
 * reach; over two batch sizes, so that the primitives are made again.
 */
class OneDnnCnnLayersTest {
    private static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    private static String helpersBefore;

    @BeforeAll
    static void floatAndDl4jsOwnCode() {
        assertThat(OneDnn.available()).as("oneDNN loads on this machine").isTrue();
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        // The reference is DL4J's own code, not its oneDNN helper
        helpersBefore = System.setProperty(HELPERS_DISABLE, "true");
    }

    @AfterAll
    static void restore() {
        if (helpersBefore == null) {
            System.clearProperty(HELPERS_DISABLE);
        } else {
            System.setProperty(HELPERS_DISABLE, helpersBefore);
        }
        useDoublePrecision();
    }

    /**
     * input [mb, 3, 11, 10] -> DL4J convolution 3x3 (4 channels) -> the convolution under test -> the pooling
     * under test -> softmax output.
     */
    private static ComputationGraphConfiguration conf(boolean oneDnn, int[] kernel, int[] stride, int[] padding,
            int[] dilation, ConvolutionMode mode, boolean bias, Activation activation, PoolingType pooling,
            int poolSize, int poolStride, ConvolutionMode poolMode, boolean avgIncludePad) {
        ConvolutionLayer.Builder conv = oneDnn ? new OneDnnConvolutionLayer.Builder(kernel) : new ConvolutionLayer.Builder(kernel);
        conv.stride(stride).padding(padding).dilation(dilation).convolutionMode(mode).hasBias(bias).nOut(5)
                .activation(activation);
        SubsamplingLayer.Builder pool = oneDnn ? new OneDnnSubsamplingLayer.Builder(pooling)
                : new SubsamplingLayer.Builder(pooling);
        pool.kernelSize(poolSize, poolSize).stride(poolStride, poolStride).convolutionMode(poolMode)
                .avgPoolIncludePadInDivisor(avgIncludePad);
        return new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).seed(42).weightInit(WeightInit.XAVIER)
                .biasInit(0.1).graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(11, 10, 3))
                .addLayer("below", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.TANH).build(), "in")
                .addLayer("conv", conv.build(), "below")
                .addLayer("pool", pool.build(), "conv")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX)
                        .build(), "pool")
                .setOutputs("out")
                .build();
    }

    @ParameterizedTest(name = "conv {0}x{1} stride {2} pad {3} dil {4} {5} bias={6} {7}; {8} {9}/{10} {11}")
    @CsvSource({
            "3, 3, 1, 0, 1, Truncate, true, RELU, MAX, 2, 2, Truncate, true",
            "3, 3, 2, 0, 1, Same, false, TANH, AVG, 2, 2, Same, true",
            "2, 3, 2, 1, 1, Truncate, true, IDENTITY, AVG, 3, 1, Truncate, false",
            "3, 2, 1, 0, 2, Truncate, true, SIGMOID, MAX, 3, 2, Same, true",
            "1, 1, 1, 0, 1, Strict, true, RELU, AVG, 2, 1, Same, false",
            // Truncate drops the last column of the convolution and of the pooling
            "3, 3, 2, 0, 1, Truncate, true, RELU, MAX, 2, 2, Truncate, true"})
    void sameOutputScoreAndGradientsAsDl4jsOwnLayers(int kh, int kw, int stride, int pad, int dilation,
            ConvolutionMode mode, boolean bias, Activation activation, PoolingType pooling, int poolSize,
            int poolStride, ConvolutionMode poolMode, boolean avgIncludePad) {
        int[] kernel = {kh, kw};
        int[] strides = {stride, stride};
        int[] padding = {pad, pad};
        int[] dilations = {dilation, dilation};
        ComputationGraph ours = new ComputationGraph(conf(true, kernel, strides, padding, dilations, mode, bias,
                activation, pooling, poolSize, poolStride, poolMode, avgIncludePad));
        ours.init();
        ComputationGraph theirs = new ComputationGraph(conf(false, kernel, strides, padding, dilations, mode, bias,
                activation, pooling, poolSize, poolStride, poolMode, avgIncludePad));
        theirs.init();
        theirs.setParams(ours.params().dup());
        assertThat(ours.getLayer("conv")).isInstanceOf(OneDnnConvolutionLayerImpl.class);
        assertThat(ours.getLayer("pool")).isInstanceOf(OneDnnSubsamplingLayerImpl.class);
        for (int mb : new int[] {2, 2, 5}) {
            INDArray in = Nd4j.randn(DataType.FLOAT, mb, 3, 11, 10);
            INDArray labels = oneHot(mb, 3, 7).castTo(DataType.FLOAT);
            Map<String, INDArray> expected = gradients(theirs, in, labels);
            Map<String, INDArray> actual = gradients(ours, in, labels);
            assertThat(((OneDnnConvolutionLayerImpl) ours.getLayer("conv")).lastPassOnOneDnn()).isTrue();
            assertThat(((OneDnnSubsamplingLayerImpl) ours.getLayer("pool")).lastPassOnOneDnn()).isTrue();
            assertThat(ours.score()).isCloseTo(theirs.score(), org.assertj.core.data.Offset.offset(1e-5));
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            for (Map.Entry<String, INDArray> e : expected.entrySet()) {
                INDArray a = actual.get(e.getKey());
                double scale = Math.max(1e-3, e.getValue().amaxNumber().doubleValue());
                assertThat(a.equalsWithEps(e.getValue(), 1e-4 * scale))
                        .as("batch %d, gradient of %s: oneDNN %s, DL4J %s", mb, e.getKey(), a, e.getValue())
                        .isTrue();
            }
            INDArray expectedOut = theirs.outputSingle(in);
            assertThat(ours.outputSingle(in).equalsWithEps(expectedOut, 1e-5)).isTrue();
        }
    }

    private static Map<String, INDArray> gradients(ComputationGraph graph, INDArray in, INDArray labels) {
        graph.setInputs(in);
        graph.setLabels(labels);
        graph.computeGradientAndScore();
        Map<String, INDArray> copies = new TreeMap<>();
        graph.gradient().gradientForVariable().forEach((key, value) -> copies.put(key, value.dup()));
        return copies;
    }

    @Test
    void configsRoundTripThroughJsonAndStayTheirOwnClass() {
        ComputationGraphConfiguration conf = conf(true, new int[] {3, 3}, new int[] {1, 1}, new int[] {0, 0},
                new int[] {1, 1}, ConvolutionMode.Truncate, true, Activation.RELU, PoolingType.MAX, 2, 2,
                ConvolutionMode.Truncate, true);
        assertJsonRoundTrip(conf);
        String json = conf.toJson();
        assertThat(json).contains(OneDnnConvolutionLayer.class.getName()).contains(OneDnnSubsamplingLayer.class.getName());
        ComputationGraphConfiguration plain = conf(false, new int[] {3, 3}, new int[] {1, 1}, new int[] {0, 0},
                new int[] {1, 1}, ConvolutionMode.Truncate, true, Activation.RELU, PoolingType.MAX, 2, 2,
                ConvolutionMode.Truncate, true);
        assertThat(conf).isNotEqualTo(plain);
    }

    @Test
    void pNormPoolingFallsBackToDl4jsCode() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .seed(1).graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(6, 6, 2))
                .addLayer("pool", new OneDnnSubsamplingLayer.Builder(PoolingType.PNORM).pnorm(2).kernelSize(2, 2)
                        .stride(2, 2).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MSE).nOut(2).activation(Activation.IDENTITY)
                        .build(), "pool")
                .setOutputs("out").build());
        graph.init();
        INDArray in = Nd4j.rand(DataType.FLOAT, 2, 2, 6, 6);
        INDArray out = graph.feedForward(in, false).get("pool");
        assertThat(((OneDnnSubsamplingLayerImpl) graph.getLayer("pool")).lastPassOnOneDnn()).isFalse();
        // p-norm 2 of the first 2x2 window
        double expected = in.get(NDArrayIndex.point(0), NDArrayIndex.point(0), NDArrayIndex.interval(0, 2),
                NDArrayIndex.interval(0, 2)).norm2Number().doubleValue();
        assertThat(out.getDouble(0, 0, 0, 0)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4));
    }
}
