package dev.netwright.runtime.explain;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Felzenszwalb–Huttenlocher segments, chosen by name as the command line and the Try it panel choose them. */
class FelzenszwalbSegmentsTest {

    private static Segments fh(InputLayout layout, double[] x) throws ExplainException {
        return SegmentMethod.byId("fh").segmentation(null).of(layout, x);
    }

    /** 48×40 gray: a flat L-shaped region on a flat background, normalised around 0 as a model's input is. */
    private static boolean inL(int y, int x) {
        return y >= 8 && y < 40 && x >= 6 && x < 18 || y >= 28 && y < 40 && x >= 6 && x < 34;
    }

    @Test
    void twoFlatRegionsGiveExactlyThoseTwoRegions() throws Exception {
        InputLayout layout = new InputLayout(48, 40, 1, false);
        double[] x = new double[layout.pixels()];
        for (int p = 0; p < x.length; p++) {
            x[p] = inL(p / 40, p % 40) ? 1.8 : -0.4;
        }
        Segments segments = fh(layout, x);
        assertThat(segments.count()).isEqualTo(2);
        int lSegment = segments.ofPixel()[10 * 40 + 10];
        for (int p = 0; p < x.length; p++) {
            assertThat(segments.ofPixel()[p] == lSegment).as("pixel (%d, %d)", p / 40, p % 40)
                    .isEqualTo(inL(p / 40, p % 40));
        }
    }

    @Test
    void aTexturedColourImageIsCoveredEveryPixelOnceByAFewRegions() throws Exception {
        InputLayout layout = new InputLayout(64, 64, 3, false);
        Random random = new Random(7);
        double[] x = new double[layout.values()];
        for (int i = 0; i < x.length; i++) {
            int p = i % layout.pixels();
            x[i] = (p / 64 < 32 ? 0.2 : -0.6) + (p % 64 < 20 ? 0.9 : 0) + 0.3 * random.nextGaussian();
        }
        Segments segments = fh(layout, x);
        assertThat(segments.ofPixel()).hasSize(64 * 64);
        int[] size = new int[segments.count()];
        for (int s : segments.ofPixel()) {
            assertThat(s).isBetween(0, segments.count() - 1);
            size[s]++;
        }
        int smallest = java.util.Arrays.stream(size).min().orElseThrow();
        assertThat(smallest).as("every segment numbered holds pixels (no gaps), none under a 98th of the picture")
                .isGreaterThanOrEqualTo(64 * 64 / 98);
        assertThat(segments.count()).isBetween(4, 98);
    }

    @Test
    void aFlatImageIsOneSegment() throws Exception {
        InputLayout layout = new InputLayout(30, 30, 1, false);
        double[] x = new double[layout.pixels()];
        java.util.Arrays.fill(x, 0.5);
        assertThat(fh(layout, x).count()).isEqualTo(1);
    }

    @Test
    void limeOnFelzenszwalbSegmentsWeighsTheBrightSquareTheModelLooksAtMost() throws Exception {
        ClassifierModel model = TinyNetworks.brightSpotModel();
        var input = TinyNetworks.brightSpotImage();
        var baseline = org.nd4j.linalg.factory.Nd4j.zeros(input.dataType(), input.shape());
        Segmentation chosen = SegmentMethod.FELZENSZWALB.segmentation(null);
        Segments segments = chosen.of(InputLayout.of(model.exampleShape()), ClassifierModel.flat(input));
        Attribution lime = new Lime(chosen, 200, 1e-3, 1).explain(model, input, 1, baseline, Explainer.Progress.NONE);
        assertThat(lime.segments()).containsExactly(segments.ofPixel());
        int spot = segments.ofPixel()[TinyNetworks.TOP * 8 + TinyNetworks.LEFT];
        for (int p = 0; p < 64; p++) {
            assertThat(segments.ofPixel()[p] == spot).as("pixel %d in the bright square's segment", p)
                    .isEqualTo(TinyNetworks.inSpot(p));
        }
        double[] weights = lime.segmentWeights();
        for (int s = 0; s < weights.length; s++) {
            if (s != spot) {
                assertThat(weights[spot]).as("the square's weight against segment %d's", s).isGreaterThan(weights[s]);
            }
        }
    }

    @Test
    void superpixelsOfARowOrAnUnknownNameOrACellSizeAreRefusedByName() {
        InputLayout row = new InputLayout(1, 6, 1, false);
        assertThatThrownBy(() -> fh(row, new double[6])).isInstanceOf(ExplainException.class)
                .hasMessageContaining("Superpixels (slic, fh) are for images")
                .hasMessageContaining("a row of 6 values");
        assertThatThrownBy(() -> SegmentMethod.SLIC.segmentation(null).of(new InputLayout(28, 1, 28, true),
                new double[784])).isInstanceOf(ExplainException.class).hasMessageContaining("a sequence of 28 steps");
        assertThatThrownBy(() -> SegmentMethod.byId("watershed")).isInstanceOf(ExplainException.class)
                .hasMessage("Unknown segments 'watershed': auto, grid, slic or fh");
        assertThatThrownBy(() -> SegmentMethod.FELZENSZWALB.segmentation(4)).isInstanceOf(ExplainException.class)
                .hasMessageContaining("A cell size is for grid segments");
        assertThatThrownBy(() -> SegmentMethod.GRID.segmentation(0)).isInstanceOf(ExplainException.class)
                .hasMessageContaining("at least 1 pixel");
    }
}
