package dev.netwright.designer.canvas;

import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.scene.shape.Circle;

/** A port on a node card: inputs on the left edge, the output on the right; knows its node and port name. */
final class PortView extends Circle {
    static final double RADIUS = 6;
    private static final PseudoClass ACCEPTING = PseudoClass.getPseudoClass("accepting");
    private static final PseudoClass REFUSED = PseudoClass.getPseudoClass("refused");
    private static final PseudoClass TARGET = PseudoClass.getPseudoClass("target");

    enum Side { IN, OUT }

    private final NodeCard card;
    private final String port;
    private final Side side;

    PortView(NodeCard card, String port, Side side) {
        super(RADIUS);
        this.card = card;
        this.port = port;
        this.side = side;
        getStyleClass().addAll("port", side == Side.IN ? "port-in" : "port-out");
        setId("port-" + card.nodeId() + "-" + (side == Side.IN ? port : "out"));
        setManaged(false);
    }

    NodeCard card() {
        return card;
    }

    String port() {
        return port;
    }

    Side side() {
        return side;
    }

    /** The port's centre in canvas coordinates (the card's parent's space). */
    Point2D centreInCanvas() {
        return new Point2D(card.getLayoutX() + getLayoutX(), card.getLayoutY() + getLayoutY());
    }

    /** While a wire is dragged: this port would take it. */
    void setAccepting(boolean on) {
        pseudoClassStateChanged(ACCEPTING, on);
    }

    /** While a wire is dragged: the cursor is over this port and it refuses the wire. */
    void setRefused(boolean on) {
        pseudoClassStateChanged(REFUSED, on);
    }

    /** While a wire is dragged: the cursor is over this port and the wire would snap to it. */
    void setTarget(boolean on) {
        pseudoClassStateChanged(TARGET, on);
    }
}
