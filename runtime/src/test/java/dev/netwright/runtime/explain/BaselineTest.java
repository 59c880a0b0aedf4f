package dev.netwright.runtime.explain;

import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

/** The baselines integrated gradients can start from, and its completeness from each of them. */
class BaselineTest {

    @Test
    void blurringKeepsAConstantImageAndSpreadsASpotKeepingItsTotal() {
        InputLayout layout = new InputLayout(20, 20, 2, false);
        double[] flat = new double[2 * 400];
        Arrays.fill(flat, 0, 400, 0.7);
        flat[400 + 10 * 20 + 10] = 1; // a spot in the middle of the second channel
        double[] blurred = Baseline.blurred(flat, layout);
        for (int i = 0; i < 400; i++) {
            assertThat(blurred[i]).isCloseTo(0.7, offset(1e-12));
        }
        assertThat(blurred[400 + 10 * 20 + 10]).as("the spot spread out").isBetween(0.01, 0.1);
        assertThat(blurred[400 + 10 * 20 + 11]).as("to its neighbours").isGreaterThan(0.01);
        assertThat(Arrays.stream(blurred, 400, 800).sum()).as("far from the edges, nothing is lost")
                .isCloseTo(1.0, offset(1e-9));
    }

    @Test
    void baselinesAreNamedByTheirIdsAndAnUnknownOneIsRefusedNamingThem() throws Exception {
        assertThat(Baseline.byId("Mean")).isEqualTo(Baseline.MEAN);
        assertThat(Baseline.byId("blur")).isEqualTo(Baseline.BLUR);
        assertThatThrownBy(() -> Baseline.byId("grey")).isInstanceOf(ExplainException.class)
                .hasMessage("Unknown baseline 'grey': black, mean or blur");
    }

    /** Black (zero), a mean image (a constant here: any fixed input), and the input blurred: each within 1 % at 200 steps. */
    @Test
    void integratedGradientsAreCompleteFromEachBaselineWithinOnePercentAt200Steps() throws Exception {
        ClassifierModel model = TinyNetworks.randomCnn(5, 0, SubsamplingLayer.PoolingType.AVG);
        InputLayout layout = InputLayout.of(model.exampleShape());
        INDArray x = TinyNetworks.randomInput(model, 1).mul(3);
        INDArray black = Nd4j.zeros(x.dataType(), x.shape());
        INDArray mean = Nd4j.zeros(x.dataType(), x.shape()).addi(0.4);
        INDArray blur = Nd4j.create(Baseline.blurred(ClassifierModel.flat(x), layout), model.batchShape(1), 'c');
        for (INDArray baseline : new INDArray[] {black, mean, blur}) {
            for (int target = 0; target < 3; target++) {
                double change = model.probabilityOf(x, target)[0] - model.probabilityOf(baseline, target)[0];
                Attribution ig = new IntegratedGradients(200).explain(model, x, target, baseline,
                        Explainer.Progress.NONE);
                assertThat(Math.abs(change)).as("a change worth measuring").isGreaterThan(1e-3);
                assertThat(Math.abs(ig.total() - change)).as("class %d: sum %f, change %f", target, ig.total(), change)
                        .isLessThanOrEqualTo(0.01 * Math.abs(change));
            }
        }
    }
}
