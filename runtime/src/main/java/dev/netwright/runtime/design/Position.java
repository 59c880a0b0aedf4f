package dev.netwright.runtime.design;

/** Where a node sits on the canvas, in canvas units (a layout hint; it never changes what the model does). */
public record Position(double x, double y) {
    public static final Position ORIGIN = new Position(0, 0);

    public Position translate(double dx, double dy) {
        return new Position(x + dx, y + dy);
    }
}
