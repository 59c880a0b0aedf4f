package dev.netwright.app.cli;

import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.explain.InputLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The explain command's PNG: the segments' boundaries as one-pixel yellow lines over the map, or none. */
class HeatMapPngTest {
    private static final InputLayout LAYOUT = new InputLayout(28, 28, 1, false);
    /** The map's left edge and top in the PNG (HeatMapPng's margin and title), and its enlargement: 280 / 28. */
    private static final int LEFT = 8;
    private static final int TOP = 18;
    private static final int CELL = 10;

    @TempDir
    Path dir;

    @Test
    void twoHalvesMeetInOneYellowColumnDownTheWholeMap() throws Exception {
        int[] halves = new int[28 * 28];
        for (int p = 0; p < halves.length; p++) {
            halves[p] = p % 28 < 14 ? 0 : 1;
        }
        BufferedImage png = write(halves);

        int line = LEFT + 14 * CELL - 1;
        for (int y = TOP; y < TOP + 28 * CELL; y++) {
            assertThat(png.getRGB(line, y)).as("y %d", y).isEqualTo(HeatMapPng.BOUNDARY.getRGB());
        }
        assertThat(yellowPixels(png)).isEqualTo(28 * CELL);
    }

    @Test
    void withoutSegmentsNothingIsYellow() throws Exception {
        assertThat(yellowPixels(write(null))).isZero();
    }

    private BufferedImage write(int[] segmentOf) throws Exception {
        float[] gray = new float[28 * 28];
        double[] map = new double[28 * 28];
        for (int p = 0; p < map.length; p++) {
            gray[p] = p % 28 * 9;
            map[p] = p % 28 < 14 ? 1 : -0.5;
        }
        Path file = dir.resolve("heat.png");
        HeatMapPng.write(file, new Examples(gray, new int[1], 28, 28, 1, List.of("?")), 0, LAYOUT, map, segmentOf,
                "lime");
        return ImageIO.read(file.toFile());
    }

    private static int yellowPixels(BufferedImage png) {
        int count = 0;
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                count += png.getRGB(x, y) == HeatMapPng.BOUNDARY.getRGB() ? 1 : 0;
            }
        }
        return count;
    }
}
