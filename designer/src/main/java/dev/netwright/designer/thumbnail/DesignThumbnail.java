package dev.netwright.designer.thumbnail;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.designer.layout.AutoLayout;
import dev.netwright.designer.style.CategoryColors;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Position;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;
import javafx.application.Platform;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A design's graph in miniature, for the start page: one rounded box per node in its category's colour (as the
 * palette and the canvas's cards show it) and the wires as curves, scaled to fit with a margin. Designs whose nodes
 * have no positions yet (all at one spot, as the samples ship) are laid out with {@link AutoLayout} first.
 */
public final class DesignThumbnail {
    /** The canvas's background, so a thumbnail looks like the design it opens. */
    public static final Color BACKGROUND = Color.web("#f3f4f6");
    /** The canvas's wire colour. */
    static final Color WIRE = Color.web("#7b8494");
    /** A kind the catalog does not know has no category; it is drawn in the canvas's border grey. */
    static final Color UNKNOWN_KIND = Color.web("#9ca3af");
    /** The size of a card on the canvas (NodeCard), in canvas units: boxes keep its proportions. */
    static final double CARD_WIDTH = AutoLayout.CARD.width();
    static final double CARD_HEIGHT = AutoLayout.CARD.height();
    /** Never drawn larger than the canvas draws it: one node is a card-sized box, not a wall of colour. */
    private static final double MAX_SCALE = 1;
    private static final double MARGIN = 8;

    private DesignThumbnail() {
    }

    /**
     * The thumbnail as a canvas of the given size, with the standard layer catalog. A canvas not yet in a scene can
     * be drawn on any thread, so a start page can make these in the background.
     */
    public static Canvas canvas(Design design, double width, double height) {
        return canvas(design, StandardKinds.catalog(), width, height);
    }

    /** The thumbnail as a canvas of the given size; the catalog gives each node's category and so its colour. */
    public static Canvas canvas(Design design, LayerCatalog catalog, double width, double height) {
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(catalog, "catalog");
        if (!(width > 0 && height > 0)) {
            throw new IllegalArgumentException("a thumbnail needs a positive size, not " + width + " × " + height);
        }
        Canvas canvas = new Canvas(width, height);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, width, height);
        if (!design.nodes().isEmpty()) {
            draw(g, design, catalog, positions(design), width, height);
        }
        return canvas;
    }

    /** The thumbnail as an image; call it on the JavaFX application thread (it takes a snapshot). */
    public static WritableImage image(Design design, int width, int height) {
        return image(design, StandardKinds.catalog(), width, height);
    }

    /** The thumbnail as an image; call it on the JavaFX application thread (it takes a snapshot). */
    public static WritableImage image(Design design, LayerCatalog catalog, int width, int height) {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("a thumbnail image is a snapshot and must be taken on the JavaFX "
                    + "application thread; off it, draw DesignThumbnail.canvas(...) and snapshot that later");
        }
        SnapshotParameters parameters = new SnapshotParameters();
        parameters.setFill(BACKGROUND);
        return canvas(design, catalog, width, height).snapshot(parameters, new WritableImage(width, height));
    }

    /** Where each node is, in canvas units: its own position, or ELK's when the design has not been laid out. */
    static Map<String, Position> positions(Design design) {
        Map<String, Position> positions = new HashMap<>();
        AutoLayout.placedIfUnplaced(design).nodes().forEach(n -> positions.put(n.id(), n.position()));
        return positions;
    }

    private static void draw(GraphicsContext g, Design design, LayerCatalog catalog, Map<String, Position> at,
                             double width, double height) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Position p : at.values()) {
            minX = Math.min(minX, p.x());
            minY = Math.min(minY, p.y());
            maxX = Math.max(maxX, p.x() + CARD_WIDTH);
            maxY = Math.max(maxY, p.y() + CARD_HEIGHT);
        }
        double margin = Math.min(MARGIN, Math.min(width, height) / 4);
        double scale = Math.min(MAX_SCALE, Math.min((width - 2 * margin) / (maxX - minX),
                (height - 2 * margin) / (maxY - minY)));
        // Centred: a wide design leaves bands above and below, a tall one at the sides.
        double offsetX = (width - (maxX - minX) * scale) / 2 - minX * scale;
        double offsetY = (height - (maxY - minY) * scale) / 2 - minY * scale;

        g.setStroke(WIRE);
        g.setLineWidth(Math.max(0.75, 2 * scale));
        for (Edge edge : design.edges()) {
            Position from = at.get(edge.from());
            Position to = at.get(edge.to());
            if (from == null || to == null) {
                continue; // a wire to a missing node is the checker's finding, not something to draw
            }
            double ax = offsetX + (from.x() + CARD_WIDTH) * scale;
            double ay = offsetY + (from.y() + CARD_HEIGHT / 2) * scale;
            double bx = offsetX + to.x() * scale;
            double by = offsetY + (to.y() + CARD_HEIGHT / 2) * scale;
            // Shaped as the canvas shapes wires (WireView): leaving to the right, entering from the left.
            double pull = Math.max(40 * scale, Math.abs(bx - ax) / 2);
            g.beginPath();
            g.moveTo(ax, ay);
            g.bezierCurveTo(ax + pull, ay, bx - pull, by, bx, by);
            g.stroke();
        }

        double arc = Math.max(2, 12 * scale);
        for (Node node : design.nodes()) {
            Position p = at.get(node.id());
            g.setFill(colour(catalog, node));
            g.fillRoundRect(offsetX + p.x() * scale, offsetY + p.y() * scale, CARD_WIDTH * scale, CARD_HEIGHT * scale,
                    arc, arc);
        }
    }

    static Color colour(LayerCatalog catalog, Node node) {
        return catalog.find(node.kind()).map(LayerKind::category).map(CategoryColors::of).orElse(UNKNOWN_KIND);
    }
}
