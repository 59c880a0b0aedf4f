package dev.netwright.designer.canvas;

import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Flow;
import javafx.beans.InvalidationListener;
import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.scene.shape.CubicCurve;

/** A wire drawn as a cubic curve from an output port to an input port; it follows both cards as they move. */
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
        shape(this, from.outputCentre(), to.inputCentre(edge.toPort()), from.flow());
    }

    /**
     * Shapes a curve that leaves {@code a} to the right and enters {@code b} from the left, or, flowing down, leaves
     * downwards and enters from above.
     */
    static void shape(CubicCurve curve, Point2D a, Point2D b, Flow flow) {
        curve.setStartX(a.getX());
        curve.setStartY(a.getY());
        if (flow == Flow.DOWN) {
            double pull = Math.max(30, Math.abs(b.getY() - a.getY()) / 2);
            curve.setControlX1(a.getX());
            curve.setControlY1(a.getY() + pull);
            curve.setControlX2(b.getX());
            curve.setControlY2(b.getY() - pull);
        } else {
            // Control points pull horizontally: a wire that runs backwards still leaves and enters its ports sideways.
            double pull = Math.max(40, Math.abs(b.getX() - a.getX()) / 2);
            curve.setControlX1(a.getX() + pull);
            curve.setControlY1(a.getY());
            curve.setControlX2(b.getX() - pull);
            curve.setControlY2(b.getY());
        }
        curve.setEndX(b.getX());
        curve.setEndY(b.getY());
    }
}
