package dev.netwright.designer.canvas;

import javafx.animation.PauseTransition;
import javafx.scene.control.Label;
import javafx.util.Duration;

/** A short message on the canvas near the cursor: why a wire is refused, why an added layer was left unwired. */
final class CanvasNotice extends Label {
    private static final double OFFSET = 16;
    private final PauseTransition hide = new PauseTransition(Duration.seconds(4));

    CanvasNotice() {
        setId("canvas-notice");
        getStyleClass().add("canvas-notice");
        setManaged(false);
        setMouseTransparent(true);
        setVisible(false);
        setWrapText(true);
        setMaxWidth(360);
        hide.setOnFinished(e -> setVisible(false));
    }

    /** Shows the text near a view point until {@link #clear()} or the next message. */
    void show(String text, double viewX, double viewY) {
        hide.stop();
        setText(text);
        setVisible(true);
        applyCss();
        autosize();
        double maxX = getParent() == null ? Double.MAX_VALUE : getParent().getLayoutBounds().getWidth() - getWidth();
        double maxY = getParent() == null ? Double.MAX_VALUE : getParent().getLayoutBounds().getHeight() - getHeight();
        relocate(Math.max(0, Math.min(viewX + OFFSET, maxX)), Math.max(0, Math.min(viewY + OFFSET, maxY)));
    }

    /** Shows the text for a few seconds: the user let go, and should still be able to read why. */
    void showBriefly(String text, double viewX, double viewY) {
        show(text, viewX, viewY);
        hide.playFromStart();
    }

    void clear() {
        hide.stop();
        setVisible(false);
    }
}
