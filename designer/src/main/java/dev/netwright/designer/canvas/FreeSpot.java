package dev.netwright.designer.canvas;

import javafx.geometry.Rectangle2D;

import java.util.Collection;

/** Finds a place for a new card that overlaps no other card, near where the user is looking. */
final class FreeSpot {
    static final double GAP = 20;

    private FreeSpot() {
    }

    /**
     * The first free place for a {@code width} × {@code height} card, trying {@code preferred} first and
     * then rows below it, then columns to the right: the card lands close to the point the user had in mind.
     */
    static Rectangle2D near(Rectangle2D preferred, Collection<Rectangle2D> taken) {
        double stepX = preferred.getWidth() + GAP;
        double stepY = preferred.getHeight() + GAP;
        for (int ring = 0; ring < 50; ring++) {
            for (int col = 0; col <= ring; col++) {
                for (int row = 0; row <= ring; row++) {
                    if (Math.max(col, row) != ring) {
                        continue; // only the new ring; the inner ones were tried already
                    }
                    Rectangle2D candidate = new Rectangle2D(preferred.getMinX() + col * stepX,
                            preferred.getMinY() + row * stepY, preferred.getWidth(), preferred.getHeight());
                    if (isFree(candidate, taken)) {
                        return candidate;
                    }
                }
            }
        }
        return preferred; // a canvas this crowded: overlapping beats refusing
    }

    static boolean isFree(Rectangle2D candidate, Collection<Rectangle2D> taken) {
        Rectangle2D padded = new Rectangle2D(candidate.getMinX() - GAP / 2, candidate.getMinY() - GAP / 2,
                candidate.getWidth() + GAP, candidate.getHeight() + GAP);
        return taken.stream().noneMatch(padded::intersects);
    }
}
