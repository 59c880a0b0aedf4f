package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.graphBuilder;
import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.init;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Documents DL4J M2.1's SameDiffLayer returning twice the true gradient (see SAMEDIFF_2X.md). */
class SameDiffDoubleGradientReproTest {

    private static final Logger LOG = LoggerFactory.getLogger(SameDiffDoubleGradientReproTest.class);
    private static final int N = 3;

    /** The simplest possible SameDiff layer: out = in · W. */
    public static class MatMulLayer extends SameDiffLayer {
        @Override
        public SDVariable defineLayer(SameDiff sd, SDVariable in, Map<String, SDVariable> params, SDVariable mask) {
            return in.mmul(params.get("W"));
        }

        @Override
        public void defineParameters(SDLayerParams params) {
            params.addWeightParam("W", N, N);
        }

        @Override
        public void initializeParameters(Map<String, INDArray> params) {
            params.get("W").assign(Nd4j.rand(DataType.DOUBLE, N, N));
        }

        @Override
        public InputType getOutputType(int layerIndex, InputType inputType) {
            return InputType.feedForward(N);
        }
    }

    @BeforeAll
    static void setUp() {
        LayerTestSupport.useDoublePrecision();
    }

    @Test
    void sameDiffLayerGradientIsTwiceTheNumericalOne() throws Exception {
        ComputationGraphConfiguration conf = graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.feedForward(N))
                .addLayer("sd", new MatMulLayer(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MSE).nOut(2)
                        .activation(Activation.IDENTITY).build(), "sd")
                .setOutputs("out")
                .build();
        ComputationGraph graph = init(conf);
        INDArray in = Nd4j.rand(DataType.DOUBLE, 2, N);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 2, 2);
        graph.setInputs(in);
        graph.setLabels(labels);
        graph.computeGradientAndScore();
        double analytic = graph.gradient().getGradientFor("sd_W").getDouble(0, 0);
        double analyticOut = graph.gradient().getGradientFor("out_W").getDouble(0, 0);

        double numerical = numericalGradient(graph, in, labels, "sd");
        double numericalOut = numericalGradient(graph, in, labels, "out");
        java.lang.reflect.Field f =
                org.deeplearning4j.nn.layers.samediff.SameDiffLayer.class.getDeclaredField("sameDiff");
        f.setAccessible(true);
        SameDiff sd = (SameDiff) f.get(graph.getLayer("sd"));
        LOG.info("SameDiff layer W[0,0]: analytic {} numerical {} ratio {}; output layer W[0,0]: analytic {} "
                + "numerical {}", analytic, numerical, analytic / numerical, analyticOut, numericalOut);
        LOG.info("Gradient function of the SameDiff layer:\n{}", sd.getFunction("grad").summary());
        assertThat(analyticOut).isCloseTo(numericalOut, within(1e-6));
        assertThat(analytic / numerical).isCloseTo(2.0, within(1e-4));
    }

    /** Central difference of the score with respect to W[0,0] of the named layer. */
    private static double numericalGradient(ComputationGraph graph, INDArray in, INDArray labels, String layer) {
        INDArray w = graph.getLayer(layer).getParam("W");
        org.nd4j.linalg.dataset.MultiDataSet data = new org.nd4j.linalg.dataset.MultiDataSet(in, labels);
        double h = 1e-6;
        double original = w.getDouble(0, 0);
        w.putScalar(0, 0, original + h);
        double plus = graph.score(data);
        w.putScalar(0, 0, original - h);
        double minus = graph.score(data);
        w.putScalar(0, 0, original);
        // DL4J gradients are sums over the minibatch (the updater divides later); the score is a mean
        return (plus - minus) / (2 * h) * in.size(0);
    }
}
