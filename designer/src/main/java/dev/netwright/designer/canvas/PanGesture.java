package dev.netwright.designer.canvas;

import javafx.scene.Cursor;
import javafx.scene.input.MouseEvent;

/** Drags the view: middle button anywhere, or the primary button while Space is held. */
final class PanGesture implements Gesture {
    private final DesignCanvas canvas;
    private double lastX;
    private double lastY;

    PanGesture(DesignCanvas canvas, MouseEvent press) {
        this.canvas = canvas;
        lastX = press.getX();
        lastY = press.getY();
        canvas.setCursor(Cursor.CLOSED_HAND);
    }

    @Override
    public void drag(MouseEvent event) {
        ViewportState viewport = canvas.viewportState();
        viewport.set(viewport.get().panned(event.getX() - lastX, event.getY() - lastY));
        lastX = event.getX();
        lastY = event.getY();
    }

    @Override
    public void release(MouseEvent event) {
        canvas.restoreCursor();
    }

    @Override
    public void cancel() {
        canvas.restoreCursor();
    }
}
