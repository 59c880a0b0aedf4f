package dev.netwright.runtime.explain;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Grad-CAM, occlusion, LIME and SHAP point at the square a synthetic model was built to look at. */
class RegionTest {
    private static final int CLASS = 1;

    @Test
    void gradCamHighlightsTheSquareAndNothingElse() throws Exception {
        ClassifierModel model = TinyNetworks.brightSpotModel();
        Attribution cam = new GradCam(null).explain(model, TinyNetworks.brightSpotImage(), CLASS, zeros(), Explainer.Progress.NONE);
        assertThat(cam.method()).isEqualTo("gradcam at conv");
        for (int p = 0; p < 64; p++) {
            if (TinyNetworks.inSpot(p)) {
                assertThat(cam.pixels()[p]).as("pixel %d in the square", p).isGreaterThan(0);
            } else {
                assertThat(cam.pixels()[p]).as("pixel %d outside", p).isZero();
            }
        }
    }

    @Test
    void occlusionHighlightsTheSquare() throws Exception {
        ClassifierModel model = TinyNetworks.brightSpotModel();
        Attribution occlusion = new Occlusion(2, 1).explain(model, TinyNetworks.brightSpotImage(), CLASS, zeros(),
                Explainer.Progress.NONE);
        assertTopPixelsInTheSquare(occlusion);
    }

    @Test
    void limeAndShapOnSinglePixelsHighlightTheSquare() throws Exception {
        ClassifierModel model = TinyNetworks.brightSpotModel();
        Segments pixels = Segments.grid(InputLayout.of(model.exampleShape()), 1);
        assertTopPixelsInTheSquare(new Lime(pixels, 1000, 1e-3, 1).explain(model, TinyNetworks.brightSpotImage(), CLASS,
                zeros(), Explainer.Progress.NONE));
        assertTopPixelsInTheSquare(new KernelShap(pixels, 1000, 1).explain(model, TinyNetworks.brightSpotImage(), CLASS,
                zeros(), Explainer.Progress.NONE));
    }

    @Test
    void deletingGradCamsPixelsFirstLowersTheProbabilityFasterThanRandomOrders() throws Exception {
        ClassifierModel model = TinyNetworks.brightSpotModel();
        INDArray image = TinyNetworks.brightSpotImage();
        Attribution cam = new GradCam("conv").explain(model, image, CLASS, zeros(), Explainer.Progress.NONE);
        Faithfulness curves = Faithfulness.measure(model, image, zeros(), CLASS, cam.pixels());
        assertThat(curves.deletionAuc()).isLessThan(curves.randomDeletionAuc());
        assertThat(curves.insertionAuc()).isGreaterThan(curves.randomInsertionAuc());
        assertThat(curves.deletion()[0]).isEqualTo(model.probabilityOf(image, CLASS)[0]);
        assertThat(curves.deletion()[curves.deletion().length - 1]).isEqualTo(model.probabilityOf(zeros(), CLASS)[0]);
        assertThat(curves.fractions()).startsWith(0.0).endsWith(1.0);
    }

    @Test
    void gradCamRefusesALayerThatIsNoConvolutionNamingTheOnesThatAre() throws Exception {
        ClassifierModel model = TinyNetworks.brightSpotModel();
        assertThatThrownBy(() -> new GradCam("out").explain(model, TinyNetworks.brightSpotImage(), CLASS, zeros(),
                Explainer.Progress.NONE)).isInstanceOf(ExplainException.class)
                .hasMessage("'out' is not a convolution layer of this network; its convolution layers: conv");
    }

    private static void assertTopPixelsInTheSquare(Attribution attribution) {
        double[] map = attribution.pixels();
        int[] top = IntStream.range(0, 64).boxed().sorted((a, b) -> Double.compare(map[b], map[a]))
                .limit(TinyNetworks.SIZE * TinyNetworks.SIZE).mapToInt(Integer::intValue).toArray();
        for (int p : top) {
            assertThat(TinyNetworks.inSpot(p)).as(attribution.method() + ": pixel %d among the top 9", p).isTrue();
        }
    }

    private static INDArray zeros() {
        return Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1, 1, 8, 8);
    }
}
