package dev.netwright.runtime.explain;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks for the explainers' tests: random ones in double precision, and one built to look at one region. */
final class TinyNetworks {
    /** The region the synthetic model looks at: rows 2-4, columns 4-6 of an 8×8 image. */
    static final int TOP = 2;
    static final int LEFT = 4;
    static final int SIZE = 3;

    private TinyNetworks() {
    }

    /** A random CNN in double precision: conv 3×3 (tanh), max pool, dense (tanh), softmax over 3 classes; 2×6×6 inputs. */
    static ClassifierModel randomCnn(long seed, double dropout) throws ExplainException {
        return randomCnn(seed, dropout, SubsamplingLayer.PoolingType.MAX);
    }

    /** The same with another pooling: average pooling makes the network smooth (no kinks where max pooling switches). */
    static ClassifierModel randomCnn(long seed, double dropout, SubsamplingLayer.PoolingType pooling)
            throws ExplainException {
        ComputationGraphConfiguration configuration = new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.TANH).build(), "in")
                .addLayer("pool", new SubsamplingLayer.Builder(pooling).kernelSize(2, 2)
                        .stride(2, 2).build(), "conv")
                .addLayer("dense", new DenseLayer.Builder().nOut(5).activation(Activation.TANH).dropOut(dropout).build(),
                        "pool")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out").setInputTypes(InputType.convolutional(6, 6, 2)).build();
        ComputationGraph graph = new ComputationGraph(configuration);
        graph.init();
        return ClassifierModel.of(graph, new long[] {2, 6, 6});
    }

    /**
     * A model that looks only at bright pixels, 8×8 gray: a 1×1 convolution with one filter firing where a pixel is
     * over 0.5 and one where it is under, and class 1's score the sum of the first filter's map. Shown an image that is
     * dim (0.2) but for a bright square at {@link #TOP}, {@link #LEFT}, it looks at that square only.
     */
    static ClassifierModel brightSpotModel() throws ExplainException {
        ComputationGraphConfiguration configuration = new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.DOUBLE).graphBuilder()
                .addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(1, 1).nOut(2).activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "conv")
                .setOutputs("out").setInputTypes(InputType.convolutional(8, 8, 1)).build();
        ComputationGraph graph = new ComputationGraph(configuration);
        graph.init();
        graph.getLayer("conv").setParam("W", Nd4j.create(new double[] {1, -1}, new long[] {2, 1, 1, 1}, 'c'));
        graph.getLayer("conv").setParam("b", Nd4j.create(new double[] {-0.5, 0.5}, new long[] {1, 2}, 'c'));
        INDArray w = Nd4j.zeros(DataType.DOUBLE, 128, 2);
        for (int i = 0; i < 64; i++) {
            w.putScalar(i, 1, 0.5); // channel 0 (bright) of the flattened [c, h, w] map, to class 1
        }
        graph.getLayer("out").setParam("W", w);
        graph.getLayer("out").setParam("b", Nd4j.zeros(DataType.DOUBLE, 1, 2));
        return ClassifierModel.of(graph, new long[] {1, 8, 8});
    }

    /** A dim 8×8 image (0.15 to 0.25) with the bright square (0.9 to 1.0) the bright-spot model looks at. */
    static INDArray brightSpotImage() {
        java.util.Random random = new java.util.Random(3);
        double[] pixels = new double[64];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                boolean inside = y >= TOP && y < TOP + SIZE && x >= LEFT && x < LEFT + SIZE;
                pixels[y * 8 + x] = (inside ? 0.9 : 0.15) + 0.1 * random.nextDouble();
            }
        }
        return Nd4j.create(pixels, new long[] {1, 1, 8, 8}, 'c');
    }

    static boolean inSpot(int pixel) {
        int y = pixel / 8;
        int x = pixel % 8;
        return y >= TOP && y < TOP + SIZE && x >= LEFT && x < LEFT + SIZE;
    }

    /** A random input of {@code model}'s shape, values -1 to 1. */
    static INDArray randomInput(ClassifierModel model, long seed) {
        java.util.Random random = new java.util.Random(seed);
        long[] shape = model.batchShape(1);
        int n = 1;
        for (long s : shape) {
            n *= (int) s;
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = 2 * random.nextDouble() - 1;
        }
        return Nd4j.create(values, shape, 'c');
    }
}
