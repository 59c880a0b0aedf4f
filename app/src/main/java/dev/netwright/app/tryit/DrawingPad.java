package dev.netwright.app.tryit;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;

/**
 * A 28×28 pad to draw an input on with the mouse: light ink on black, as Fashion-MNIST's pictures are, with a soft
 * brush. {@link #setOnDrawn} is told when a stroke ends.
 */
public final class DrawingPad extends Canvas {
    public static final int SIDE = 28;
    private static final int CELL = 8;

    private final double[] ink = new double[SIDE * SIDE];
    private Runnable onDrawn = () -> { };

    public DrawingPad() {
        super(SIDE * CELL, SIDE * CELL);
        setId("tryit-pad");
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::paint);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::paint);
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> onDrawn.run());
        redraw();
    }

    /** Called when a stroke ends. */
    public void setOnDrawn(Runnable listener) {
        onDrawn = listener;
    }

    /** Wipes the pad. */
    public void clear() {
        java.util.Arrays.fill(ink, 0);
        redraw();
    }

    /** True when nothing is drawn. */
    public boolean isEmpty() {
        for (double v : ink) {
            if (v > 0) {
                return false;
            }
        }
        return true;
    }

    /** Adds ink around a point of the pad, in the pad's pixels (0 to 28): a full centre, a fainter ring. */
    public void stroke(double x, double y) {
        for (int cy = (int) y - 2; cy <= (int) y + 2; cy++) {
            for (int cx = (int) x - 2; cx <= (int) x + 2; cx++) {
                if (cx >= 0 && cy >= 0 && cx < SIDE && cy < SIDE) {
                    double d = Math.hypot(cx + 0.5 - x, cy + 0.5 - y);
                    double add = d < 1.0 ? 1 : d < 2.0 ? 0.45 : 0;
                    ink[cy * SIDE + cx] = Math.min(1, ink[cy * SIDE + cx] + add);
                }
            }
        }
        redraw();
    }

    /** The drawing as 28×28 ARGB pixels (gray). */
    public int[] argb() {
        int[] out = new int[ink.length];
        for (int i = 0; i < ink.length; i++) {
            int g = (int) Math.round(ink[i] * 255);
            out[i] = 0xff000000 | g << 16 | g << 8 | g;
        }
        return out;
    }

    private void paint(MouseEvent e) {
        stroke(e.getX() / CELL, e.getY() / CELL);
    }

    private void redraw() {
        GraphicsContext g = getGraphicsContext2D();
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                g.setFill(Color.gray(ink[y * SIDE + x]));
                g.fillRect(x * CELL, y * CELL, CELL, CELL);
            }
        }
    }
}
