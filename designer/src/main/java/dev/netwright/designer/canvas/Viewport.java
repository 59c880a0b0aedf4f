package dev.netwright.designer.canvas;

import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;

/**
 * Where the canvas looks: a view point is a canvas point times {@code scale} plus the translation.
 * Pure arithmetic, so zooming towards the cursor and fitting are tested without a toolkit.
 */
public record Viewport(double scale, double translateX, double translateY) {
    public static final double MIN_SCALE = 0.1;
    public static final double MAX_SCALE = 4;
    public static final Viewport IDENTITY = new Viewport(1, 0, 0);

    public Point2D toCanvas(double viewX, double viewY) {
        return new Point2D((viewX - translateX) / scale, (viewY - translateY) / scale);
    }

    public Point2D toView(double canvasX, double canvasY) {
        return new Point2D(canvasX * scale + translateX, canvasY * scale + translateY);
    }

    /** The canvas area a view of the given size shows. */
    public Rectangle2D visibleArea(double viewWidth, double viewHeight) {
        Point2D topLeft = toCanvas(0, 0);
        return new Rectangle2D(topLeft.getX(), topLeft.getY(), viewWidth / scale, viewHeight / scale);
    }

    /** Zoomed to {@code newScale} (clamped) so that the canvas point under the view point stays where it is. */
    public Viewport zoomedAbout(double newScale, double viewX, double viewY) {
        double s = clamp(newScale);
        Point2D fixed = toCanvas(viewX, viewY);
        return new Viewport(s, viewX - fixed.getX() * s, viewY - fixed.getY() * s);
    }

    public Viewport panned(double dx, double dy) {
        return new Viewport(scale, translateX + dx, translateY + dy);
    }

    /** The same zoom, moved so that a canvas point is in the middle of the view. */
    public Viewport centredOn(double canvasX, double canvasY, double viewWidth, double viewHeight) {
        return new Viewport(scale, viewWidth / 2 - canvasX * scale, viewHeight / 2 - canvasY * scale);
    }

    /**
     * The viewport that shows {@code content} whole and centred with a margin (in view pixels), never
     * zoomed in past {@code maxScale}: fitting a small design should not blow its cards up.
     */
    public static Viewport fitting(Rectangle2D content, double viewWidth, double viewHeight, double margin,
                                   double maxScale) {
        double w = Math.max(1, viewWidth - 2 * margin);
        double h = Math.max(1, viewHeight - 2 * margin);
        double s = clamp(Math.min(maxScale, Math.min(w / Math.max(1, content.getWidth()),
                h / Math.max(1, content.getHeight()))));
        return new Viewport(s, 0, 0).centredOn(content.getMinX() + content.getWidth() / 2,
                content.getMinY() + content.getHeight() / 2, viewWidth, viewHeight);
    }

    /**
     * Like {@link #fitting}, but never smaller than {@code minScale}, where a card's text is still readable: content
     * too large for the view at that zoom is shown from its start (its top-left corner, where the inputs are), centred
     * on the axis where it does fit.
     */
    public static Viewport readable(Rectangle2D content, double viewWidth, double viewHeight, double margin,
                                    double minScale, double maxScale) {
        Viewport fitted = fitting(content, viewWidth, viewHeight, margin, maxScale);
        if (fitted.scale() >= minScale) {
            return fitted;
        }
        double s = clamp(minScale);
        double tx = content.getWidth() * s <= viewWidth - 2 * margin
                ? viewWidth / 2 - (content.getMinX() + content.getWidth() / 2) * s
                : margin - content.getMinX() * s;
        double ty = content.getHeight() * s <= viewHeight - 2 * margin
                ? viewHeight / 2 - (content.getMinY() + content.getHeight() / 2) * s
                : margin - content.getMinY() * s;
        return new Viewport(s, tx, ty);
    }

    static double clamp(double scale) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale));
    }
}
