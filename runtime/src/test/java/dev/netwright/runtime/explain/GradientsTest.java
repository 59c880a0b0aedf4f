package dev.netwright.runtime.explain;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The gradient of a class probability with respect to the input, against central finite differences in doubles. */
class GradientsTest {

    @Test
    void theGradientAgreesWithFiniteDifferencesForEveryInputValue() throws Exception {
        ClassifierModel model = TinyNetworks.randomCnn(7, 0);
        INDArray x = TinyNetworks.randomInput(model, 11);
        for (int target = 0; target < 3; target++) {
            double[] gradient = ClassifierModel.flat(model.gradients(x, target).gradients());
            double[] numeric = finiteDifferences(model, x, target);
            double largest = 0;
            for (double g : numeric) {
                largest = Math.max(largest, Math.abs(g));
            }
            assertThat(largest).as("a gradient that is not all zero").isGreaterThan(1e-3);
            for (int i = 0; i < gradient.length; i++) {
                assertThat(gradient[i]).as("value %d, class %d", i, target).isCloseTo(numeric[i], within(1e-7));
            }
        }
    }

    @Test
    void netwrightsFirstConvolutionWhichSkipsTheInputGradientInTrainingGivesItHere() throws Exception {
        var configuration = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(3)
                .dataType(org.nd4j.linalg.api.buffer.DataType.DOUBLE).graphBuilder().addInputs("in")
                .addLayer("conv1", new dev.netwright.runtime.layers.dl4j.InputConvolutionLayer.Builder(3, 3).nOut(3)
                        .activation(org.nd4j.linalg.activations.Activation.TANH).build(), "in")
                .addLayer("out", new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build(), "conv1")
                .setOutputs("out").setInputTypes(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(5, 5, 1))
                .build();
        var graph = new org.deeplearning4j.nn.graph.ComputationGraph(configuration);
        graph.init();
        ClassifierModel model = ClassifierModel.of(graph, new long[] {1, 5, 5});
        INDArray x = TinyNetworks.randomInput(model, 13);
        double[] gradient = ClassifierModel.flat(model.gradients(x, 0).gradients());
        double[] numeric = finiteDifferences(model, x, 0);
        assertThat(java.util.Arrays.stream(numeric).map(Math::abs).max().orElseThrow()).isGreaterThan(1e-3);
        for (int i = 0; i < gradient.length; i++) {
            assertThat(gradient[i]).as("value %d", i).isCloseTo(numeric[i], within(1e-7));
        }
    }

    @Test
    void dropoutIsOffSoThatTheGradientIsTheInferenceModelsAndTheSameEachTime() throws Exception {
        ClassifierModel model = TinyNetworks.randomCnn(7, 0.5);
        INDArray x = TinyNetworks.randomInput(model, 12);
        double[] first = ClassifierModel.flat(model.gradients(x, 1).gradients());
        double[] numeric = finiteDifferences(model, x, 1);
        for (int i = 0; i < first.length; i++) {
            assertThat(first[i]).isCloseTo(numeric[i], within(1e-7));
        }
        assertThat(ClassifierModel.flat(model.gradients(x, 1).gradients())).containsExactly(first);
    }

    @Test
    void aBatchGivesEachInputItsOwnGradientAndProbability() throws Exception {
        ClassifierModel model = TinyNetworks.randomCnn(3, 0);
        INDArray a = TinyNetworks.randomInput(model, 1);
        INDArray b = TinyNetworks.randomInput(model, 2);
        ClassifierModel.InputGradients both = model.gradients(Nd4j.concat(0, a, b), 2);
        assertThat(ClassifierModel.flat(both.gradients().get(org.nd4j.linalg.indexing.NDArrayIndex.point(1))))
                .containsExactly(ClassifierModel.flat(model.gradients(b, 2).gradients()));
        assertThat(both.probabilities()[0]).isCloseTo(model.probabilityOf(a, 2)[0], within(1e-12));
    }

    @Test
    void theScoreGradientIsTheLogitsGradientNotTheLogProbabilitys() throws Exception {
        ClassifierModel model = TinyNetworks.randomCnn(5, 0);
        INDArray x = TinyNetworks.randomInput(model, 4);
        INDArray w = model.graph().getLayer("out").getParam("W"); // [5 dense units, 3 classes]: z = hW + b
        double[] p = model.probabilities(x).toDoubleVector();
        for (int target = 0; target < 3; target++) {
            double[] score = ClassifierModel.flat(model.scoreGradients(x, target, "dense").gradients());
            double[] logP = ClassifierModel.flat(model.layerGradients(x, target, "dense").gradients());
            for (int unit = 0; unit < 5; unit++) {
                double expectedLogP = w.getDouble(unit, target); // ∂log p_c/∂h = W_c − Σ_j p_j W_j
                for (int j = 0; j < 3; j++) {
                    expectedLogP -= p[j] * w.getDouble(unit, j);
                }
                assertThat(score[unit]).as("∂z_%d/∂h_%d", target, unit).isCloseTo(w.getDouble(unit, target), within(1e-12));
                assertThat(logP[unit]).as("∂log p_%d/∂h_%d", target, unit).isCloseTo(expectedLogP, within(1e-12));
            }
        }
    }

    private static double[] finiteDifferences(ClassifierModel model, INDArray x, int target) {
        double[] values = ClassifierModel.flat(x);
        double[] out = new double[values.length];
        double h = 1e-6;
        for (int i = 0; i < values.length; i++) {
            double[] plus = values.clone();
            double[] minus = values.clone();
            plus[i] += h;
            minus[i] -= h;
            double up = model.probabilityOf(Nd4j.create(plus, x.shape(), 'c'), target)[0];
            double down = model.probabilityOf(Nd4j.create(minus, x.shape(), 'c'), target)[0];
            out[i] = (up - down) / (2 * h);
        }
        return out;
    }
}
