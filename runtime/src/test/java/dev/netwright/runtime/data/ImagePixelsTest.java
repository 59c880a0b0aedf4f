package dev.netwright.runtime.data;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ImagePixelsTest {

    @Test
    void downscalingBlendsNeighboursInsteadOfPickingOne() {
        // 64×64 checkerboard of single pixels: a nearest-neighbour pick would give pure black or white
        BufferedImage board = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                board.setRGB(x, y, (x + y) % 2 == 0 ? 0xffffff : 0);
            }
        }
        float[] out = new float[4 * 4];

        ImagePixels.write(board, 4, 4, 1, out, 0);

        for (float v : out) {
            assertThat(v).isCloseTo(127.5f, within(3f));
        }
    }

    @Test
    void writesAtTheOffsetAndLeavesTheRestAlone() {
        BufferedImage white = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 4; i++) {
            white.setRGB(i % 2, i / 2, 0xffffff);
        }
        float[] out = new float[6];

        ImagePixels.write(white, 1, 1, 3, out, 3);

        assertThat(out).containsExactly(0f, 0f, 0f, 255f, 255f, 255f);
    }
}
