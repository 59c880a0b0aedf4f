package dev.netwright.runtime.data;

import dev.netwright.runtime.layers.Shape;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ViewsTest {
    private static final List<String> ABC = List.of("a", "b", "c");

    /** Two 2×3×1 images; example n, row h, column w holds 100n + 10h + w. */
    private static Examples twoByThree() {
        float[] f = new float[12];
        for (int n = 0; n < 2; n++) {
            for (int h = 0; h < 2; h++) {
                for (int w = 0; w < 3; w++) {
                    f[n * 6 + h * 3 + w] = 100 * n + 10 * h + w;
                }
            }
        }
        return new Examples(f, new int[] {2, 0}, 2, 3, 1, ABC);
    }

    @Test
    void rowsViewMakesEachImageRowATimeStep() {
        INDArray x = Views.features(twoByThree(), new int[] {1, 0}, new Shape.Sequence(2, 3));

        assertThat(x.shape()).containsExactly(2, 3, 2); // NCW [n, F, T]
        assertThat(x.dataType()).isEqualTo(DataType.FLOAT);
        for (int n = 0; n < 2; n++) {
            int example = n == 0 ? 1 : 0;
            for (int t = 0; t < 2; t++) {
                for (int f = 0; f < 3; f++) {
                    assertThat(x.getFloat(n, f, t)).as("n=%d f=%d t=%d", n, f, t).isEqualTo(100f * example + 10 * t + f);
                }
            }
        }
    }

    @Test
    void rowsViewPutsChannelsInsideEachColumn() {
        // one 1×2×2 image, channels last: (w0,c0)=1 (w0,c1)=2 (w1,c0)=3 (w1,c1)=4
        Examples rgbish = new Examples(new float[] {1, 2, 3, 4}, new int[] {0}, 1, 2, 2, ABC);

        INDArray x = Views.features(rgbish, new int[] {0}, new Shape.Sequence(1, 4));

        // feature f = w*C + c
        assertThat(new float[] {x.getFloat(0, 0, 0), x.getFloat(0, 1, 0), x.getFloat(0, 2, 0), x.getFloat(0, 3, 0)})
                .containsExactly(1f, 2f, 3f, 4f);
    }

    @Test
    void imageViewIsNchw() {
        // one 2×2×3 image: pixel (h,w) channel c holds 100c + 10h + w
        float[] f = new float[12];
        for (int h = 0; h < 2; h++) {
            for (int w = 0; w < 2; w++) {
                for (int c = 0; c < 3; c++) {
                    f[(h * 2 + w) * 3 + c] = 100 * c + 10 * h + w;
                }
            }
        }
        Examples rgb = new Examples(f, new int[] {1}, 2, 2, 3, ABC);

        INDArray x = Views.features(rgb, new int[] {0}, new Shape.Image(2, 2, 3));

        assertThat(x.shape()).containsExactly(1, 3, 2, 2);
        for (int c = 0; c < 3; c++) {
            for (int h = 0; h < 2; h++) {
                for (int w = 0; w < 2; w++) {
                    assertThat(x.getFloat(0, c, h, w)).isEqualTo(100f * c + 10 * h + w);
                }
            }
        }
    }

    @Test
    void vectorViewKeepsTheStoredOrder() {
        INDArray x = Views.features(twoByThree(), new int[] {0}, new Shape.Vector(6));

        assertThat(x.shape()).containsExactly(1, 6);
        assertThat(x.toFloatVector()).containsExactly(0f, 1f, 2f, 10f, 11f, 12f);
    }

    @Test
    void csvRowsTakeTheShapeOfAnImageOrSequenceInput() {
        // one row of 6 features 0..5, read as a 1×3×2 image (channels last) or as 3 steps × 2 features
        Examples row = new Examples(new float[] {0, 1, 2, 3, 4, 5}, new int[] {0}, 1, 6, 1, ABC);

        INDArray image = Views.features(row, new int[] {0}, new Shape.Image(1, 3, 2));
        INDArray seq = Views.features(row, new int[] {0}, new Shape.Sequence(3, 2));

        assertThat(image.shape()).containsExactly(1, 2, 1, 3);
        assertThat(image.getFloat(0, 1, 0, 2)).isEqualTo(5f); // w=2, c=1
        assertThat(image.getFloat(0, 0, 0, 1)).isEqualTo(2f); // w=1, c=0
        assertThat(seq.shape()).containsExactly(1, 2, 3);
        assertThat(seq.getFloat(0, 1, 2)).isEqualTo(5f); // f=1, t=2
        assertThat(seq.getFloat(0, 0, 1)).isEqualTo(2f); // f=0, t=1
    }

    @Test
    void labelsAreOneHot() {
        INDArray y = Views.labels(twoByThree(), new int[] {0, 1});

        assertThat(y.shape()).containsExactly(2, 3);
        assertThat(y.getRow(0).toFloatVector()).containsExactly(0f, 0f, 1f);
        assertThat(y.getRow(1).toFloatVector()).containsExactly(1f, 0f, 0f);
    }

    @Test
    void dataThatDoesNotFitTheInputIsRefused() {
        assertThatThrownBy(() -> Views.features(twoByThree(), new int[] {0}, new Shape.Image(3, 2, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The design's Input expects 3×2×1 images, but the data has 2×3×1 images");
    }
}
