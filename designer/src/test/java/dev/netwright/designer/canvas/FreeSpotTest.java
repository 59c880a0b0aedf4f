package dev.netwright.designer.canvas;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FreeSpotTest {
    private static final Rectangle2D PREFERRED = new Rectangle2D(100, 100, 196, 80);

    @Test
    void anEmptyCanvasTakesThePreferredPlace() {
        assertThat(FreeSpot.near(PREFERRED, List.of())).isEqualTo(PREFERRED);
    }

    @Test
    void aTakenPlaceMovesTheCardToTheNearestFreeOneWithoutOverlap() {
        List<Rectangle2D> taken = List.of(new Rectangle2D(120, 110, 196, 80), new Rectangle2D(90, 190, 196, 80));

        Rectangle2D spot = FreeSpot.near(PREFERRED, taken);

        assertThat(taken).noneMatch(spot::intersects);
        assertThat(spot.getMinX() - PREFERRED.getMinX()).isLessThanOrEqualTo(PREFERRED.getWidth() + FreeSpot.GAP);
        assertThat(spot.getMinY() - PREFERRED.getMinY()).isLessThanOrEqualTo(2 * (PREFERRED.getHeight() + FreeSpot.GAP));
    }
}
