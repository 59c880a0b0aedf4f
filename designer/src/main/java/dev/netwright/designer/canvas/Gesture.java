package dev.netwright.designer.canvas;

import javafx.scene.input.MouseEvent;

/** One mouse gesture on the canvas, from press to release; at most one runs at a time. */
interface Gesture {

    void drag(MouseEvent event);

    void release(MouseEvent event);

    /** Abandons the gesture (Escape) and puts back what it showed; no command is made. */
    void cancel();
}
