package dev.netwright.designer.canvas;

import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Flow;
import javafx.beans.InvalidationListener;
import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.shape.CubicCurve;

/**
 * A wire drawn as a cubic curve from an output port to an input port; it follows both cards as they move. A wire
 * to a card on the left (above, flowing down) goes round below (beside) the two cards.
 */
final class WireView extends CubicCurve {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private final Edge edge;
    private final NodeCard from;
    private final NodeCard to;
    private final InvalidationListener follow = o -> update();

    WireView(Edge edge, NodeCard from, NodeCard to) {
        this.edge = edge;
        this.from = from;
        this.to = to;
        getStyleClass().add("wire");
        setFill(null); // only the stroke picks the mouse, not the area under the curve
        for (NodeCard card : new NodeCard[]{from, to}) {
            card.layoutXProperty().addListener(follow);
            card.layoutYProperty().addListener(follow);
        }
        update();
    }

    Edge edge() {
        return edge;
    }

    /** Whether the cards this wire follows are still the ones shown for its two nodes. */
    boolean endsAreShown(java.util.Map<String, NodeCard> cards) {
        return cards.get(edge.from()) == from && cards.get(edge.to()) == to;
    }

    void setSelected(boolean on) {
        pseudoClassStateChanged(SELECTED, on);
    }

    /** Stops following the cards, so a removed wire does not keep them (or itself) alive. */
    void dispose() {
        for (NodeCard card : new NodeCard[]{from, to}) {
            card.layoutXProperty().removeListener(follow);
            card.layoutYProperty().removeListener(follow);
        }
    }

    private void update() {
        shape(this, from.outputCentre(), to.inputCentre(edge.toPort()), from.flow(), from.boundsInCanvas(),
                to.boundsInCanvas());
    }

    /** How far a wire that runs backwards may stray beyond its two cards. */
    static final double MARGIN = 40;
    /** The least pull of a forward wire's control points, so a short wire still leaves and enters sideways. */
    private static final double MIN_PULL = 40;

    /**
     * Shapes a curve that leaves {@code a} to the right and enters {@code b} from the left, or, flowing down, leaves
     * downwards and enters from above. A wire that runs backwards (its input lies left of its output, or above it
     * flowing down) goes round below the two cards (beside them flowing down) within {@link #MARGIN} of them, rather
     * than swinging out as far as the two ports are apart and across both cards.
     *
     * @param fromCard the card the wire leaves, in the same coordinates as the points
     * @param toCard   the card it enters (while drawing a wire, an empty rectangle at the cursor)
     */
    static void shape(CubicCurve curve, Point2D a, Point2D b, Flow flow, Rectangle2D fromCard, Rectangle2D toCard) {
        curve.setStartX(a.getX());
        curve.setStartY(a.getY());
        curve.setEndX(b.getX());
        curve.setEndY(b.getY());
        double[] c = controlPoints(a, b, flow, fromCard, toCard);
        curve.setControlX1(c[0]);
        curve.setControlY1(c[1]);
        curve.setControlX2(c[2]);
        curve.setControlY2(c[3]);
    }

    /**
     * The two control points of the curve {@link #shape} draws from {@code a} to {@code b}, as {x1, y1, x2, y2}: also
     * what an exported drawing uses, so a wire there has the canvas's curve.
     */
    static double[] controlPoints(Point2D a, Point2D b, Flow flow, Rectangle2D fromCard, Rectangle2D toCard) {
        // A Bezier curve lies within its control points' hull, so control points within the margin keep it there.
        if (flow == Flow.DOWN) {
            if (b.getY() >= a.getY()) {
                double pull = Math.max(MIN_PULL, (b.getY() - a.getY()) / 2);
                return new double[]{a.getX(), a.getY() + pull, b.getX(), b.getY() - pull};
            }
            double beside = Math.max(fromCard.getMaxX(), toCard.getMaxX()) + MARGIN;
            return new double[]{beside, a.getY() + MARGIN, beside, b.getY() - MARGIN};
        }
        if (b.getX() >= a.getX()) {
            // Control points pull horizontally: the wire leaves and enters its ports sideways.
            double pull = Math.max(MIN_PULL, (b.getX() - a.getX()) / 2);
            return new double[]{a.getX() + pull, a.getY(), b.getX() - pull, b.getY()};
        }
        double below = Math.max(fromCard.getMaxY(), toCard.getMaxY()) + MARGIN;
        return new double[]{a.getX() + MARGIN, below, b.getX() - MARGIN, below};
    }
}
