package dev.netwright.designer.canvas;

import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.input.MouseEvent;
import javafx.scene.shape.Rectangle;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Press on empty space with the primary button and drag: a rectangle selects every card it touches
 * (Shift or Ctrl adds to the selection). A click without a drag clears the selection.
 */
final class RubberBandGesture implements Gesture {
    private static final double SLOP = 3;
    private final DesignCanvas canvas;
    private final Rectangle band = new Rectangle();
    private final Set<String> base = new LinkedHashSet<>();
    private final boolean adding;
    private final double startX;
    private final double startY;
    private boolean dragged;

    RubberBandGesture(DesignCanvas canvas, MouseEvent press) {
        this.canvas = canvas;
        this.startX = press.getX();
        this.startY = press.getY();
        this.adding = press.isShiftDown() || press.isShortcutDown();
        if (adding) {
            base.addAll(canvas.document().selection());
        }
        band.getStyleClass().add("rubber-band");
        band.setId("rubber-band");
        band.setManaged(false);
    }

    @Override
    public void drag(MouseEvent event) {
        if (!dragged && Math.hypot(event.getX() - startX, event.getY() - startY) < SLOP) {
            return;
        }
        if (!dragged) {
            dragged = true;
            canvas.overlay().getChildren().add(band);
        }
        double x = Math.min(startX, event.getX());
        double y = Math.min(startY, event.getY());
        double w = Math.abs(event.getX() - startX);
        double h = Math.abs(event.getY() - startY);
        band.setX(x);
        band.setY(y);
        band.setWidth(w);
        band.setHeight(h);
        Viewport viewport = canvas.viewportState().get();
        Point2D a = viewport.toCanvas(x, y);
        Point2D b = viewport.toCanvas(x + w, y + h);
        Rectangle2D area = new Rectangle2D(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY());
        Set<String> chosen = new LinkedHashSet<>(base);
        for (NodeCard card : canvas.graph().cards()) {
            if (area.intersects(card.boundsInCanvas())) {
                chosen.add(card.nodeId());
            }
        }
        if (!chosen.equals(canvas.document().selection())) {
            canvas.document().select(chosen);
        }
    }

    @Override
    public void release(MouseEvent event) {
        canvas.overlay().getChildren().remove(band);
        if (!dragged && !adding) {
            canvas.document().selection().clear();
            canvas.selectedWires().clear();
        }
    }

    @Override
    public void cancel() {
        canvas.overlay().getChildren().remove(band);
        canvas.document().select(base);
    }
}
