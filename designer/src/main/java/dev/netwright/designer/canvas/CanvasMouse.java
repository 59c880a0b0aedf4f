package dev.netwright.designer.canvas;

import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;

/**
 * Routes the canvas's mouse events to one gesture at a time, chosen on press by the button, the keys
 * held and what is under the cursor; the wheel pans, Ctrl+wheel (and pinch) zooms towards the cursor; the right
 * button opens the context menu of what it is on.
 */
final class CanvasMouse {
    /** Wheel delta of one notch on most mice; one notch zooms by {@link #ZOOM_STEP}. */
    private static final double NOTCH = 40;
    private static final double ZOOM_STEP = 1.1;
    private final DesignCanvas canvas;
    private Gesture active;
    private MouseButton activeButton;

    CanvasMouse(DesignCanvas canvas) {
        this.canvas = canvas;
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        canvas.addEventHandler(ZoomEvent.ZOOM, this::zoomed);
    }

    private void pressed(MouseEvent event) {
        canvas.requestFocus();
        if (active != null) {
            return; // a second button during a gesture is ignored
        }
        Object hit = target(event);
        MouseButton button = event.getButton();
        if (button == MouseButton.MIDDLE || button == MouseButton.PRIMARY && canvas.isSpaceDown()) {
            start(new PanGesture(canvas, event), button);
        } else if (button == MouseButton.PRIMARY) {
            if (hit instanceof PortView port && port.side() == PortView.Side.OUT) {
                // Locked: no draft wire; the press selects the card, as a press on its body does.
                start(canvas.refuseEdit(event.getX(), event.getY()) ? new MoveGesture(canvas, port.card(), event)
                        : new WireGesture(canvas, port), button);
            } else if (hit instanceof PortView port) {
                start(new MoveGesture(canvas, port.card(), event), button);
            } else if (hit instanceof NodeCard card) {
                start(new MoveGesture(canvas, card, event), button);
            } else if (hit instanceof WireView wire) {
                canvas.selectWire(wire.edge(), event.isShiftDown() || event.isShortcutDown());
            } else {
                start(new RubberBandGesture(canvas, event), button);
            }
        } else if (button == MouseButton.SECONDARY) {
            if (hit instanceof PortView port) {
                canvas.contextMenus().showForCard(port.card(), event.getScreenX(), event.getScreenY());
            } else if (hit instanceof NodeCard card) {
                canvas.contextMenus().showForCard(card, event.getScreenX(), event.getScreenY());
            } else if (hit instanceof WireView wire) {
                canvas.contextMenus().showForWire(wire, event.getScreenX(), event.getScreenY());
            } else {
                canvas.contextMenus().showForCanvas(event.getScreenX(), event.getScreenY());
            }
        }
        event.consume();
    }

    private void start(Gesture gesture, MouseButton button) {
        active = gesture;
        activeButton = button;
    }

    private void dragged(MouseEvent event) {
        if (active != null) {
            active.drag(event);
            event.consume();
        }
    }

    private void released(MouseEvent event) {
        if (active != null && event.getButton() == activeButton) {
            Gesture done = active;
            active = null;
            done.release(event);
            event.consume();
        }
    }

    /** Abandons the running gesture, if any; true when there was one. */
    boolean cancel() {
        if (active == null) {
            return false;
        }
        Gesture done = active;
        active = null;
        done.cancel();
        return true;
    }

    private void scrolled(ScrollEvent event) {
        ViewportState viewport = canvas.viewportState();
        Viewport now = viewport.get();
        if (event.isShortcutDown() || event.isControlDown()) {
            double factor = Math.pow(ZOOM_STEP, event.getDeltaY() / NOTCH);
            viewport.set(now.zoomedAbout(now.scale() * factor, event.getX(), event.getY()));
        } else {
            viewport.set(now.panned(event.getDeltaX(), event.getDeltaY()));
        }
        event.consume();
    }

    private void zoomed(ZoomEvent event) {
        Viewport now = canvas.viewportState().get();
        canvas.viewportState().set(now.zoomedAbout(now.scale() * event.getZoomFactor(), event.getX(), event.getY()));
        event.consume();
    }

    /** The port, card or wire under the cursor, or null for empty canvas. */
    private Object target(MouseEvent event) {
        javafx.scene.Node node = event.getPickResult().getIntersectedNode();
        while (node != null && node != canvas) {
            if (node instanceof PortView || node instanceof NodeCard || node instanceof WireView) {
                return node;
            }
            node = node.getParent();
        }
        return null;
    }
}
