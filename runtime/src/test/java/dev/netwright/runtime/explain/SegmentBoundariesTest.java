package dev.netwright.runtime.explain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The boundary mask: a pixel whose right or lower neighbour lies in another segment, one pixel wide at any scale. */
class SegmentBoundariesTest {
    /** Four 2×2 quadrants: 0 top left, 1 top right, 2 bottom left, 3 bottom right. */
    private static final int[] QUADRANTS = {
            0, 0, 1, 1,
            0, 0, 1, 1,
            2, 2, 3, 3,
            2, 2, 3, 3};

    @Test
    void quadrantsMeetAlongTheMiddleColumnAndRow() {
        assertThat(picture(SegmentBoundaries.mask(QUADRANTS, 4, 4, 1), 4)).isEqualTo(
                ".#..\n"
                + "####\n"
                + ".#..\n"
                + ".#..\n");
    }

    @Test
    void enlargedTheLinesStayOnePixelWideOnTheLastPixelBeforeTheEdge() {
        int[] halves = {0, 1, 0, 1}; // 2×2: left and right
        assertThat(picture(SegmentBoundaries.mask(halves, 2, 2, 3), 6)).isEqualTo(
                "..#...\n"
                + "..#...\n"
                + "..#...\n"
                + "..#...\n"
                + "..#...\n"
                + "..#...\n");
    }

    @Test
    void anIrregularSegmentIsOutlinedWhereItTouchesAnother() {
        int[] blob = {
                0, 0, 0,
                0, 1, 0,
                0, 0, 0};
        assertThat(picture(SegmentBoundaries.mask(blob, 3, 3, 1), 3)).isEqualTo(
                ".#.\n"
                + "##.\n"
                + "...\n");
    }

    @Test
    void oneSegmentHasNoBoundary() {
        assertThat(SegmentBoundaries.mask(new int[6], 2, 3, 4)).doesNotContain(true);
    }

    @Test
    void aSegmentationOfAnotherSizeIsRefused() {
        assertThatThrownBy(() -> SegmentBoundaries.mask(new int[5], 2, 3, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the segmentation has 5 pixels, not 2×3");
        assertThatThrownBy(() -> SegmentBoundaries.mask(new int[6], 2, 3, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale must be at least 1");
    }

    private static String picture(boolean[] mask, int width) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < mask.length; i++) {
            s.append(mask[i] ? '#' : '.');
            if (i % width == width - 1) {
                s.append('\n');
            }
        }
        return s.toString();
    }
}
