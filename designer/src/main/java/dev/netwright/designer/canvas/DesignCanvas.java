package dev.netwright.designer.canvas;

import dev.netwright.designer.command.WireRules;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.design.Edge;
import javafx.beans.property.DoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Cursor;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;

import java.util.Objects;

/**
 * The canvas on which a design is drawn and edited: node cards, wires, and the gestures and keys below.
 * <ul>
 *   <li>Click a card to select it; Shift+click (or Ctrl+click) toggles it; drag on empty space draws a
 *       selection rectangle (with Shift it adds); a click on empty space clears the selection.</li>
 *   <li>Drag a card to move the selection (one undo step). Drag from an output port (right) to an input
 *       port (left) or onto a card to wire: accepting ports light up, a refused one says why.</li>
 *   <li>Pan: drag with the middle button, or with the primary button while holding Space, or turn the
 *       wheel. The primary button on empty space draws a selection rectangle rather than panning, as in
 *       most diagram editors. Zoom: Ctrl+wheel or pinch, towards the cursor. F fits, L lays out.</li>
 *   <li>Drop a kind from the palette to add it at the drop point. Keys: see {@link CanvasKeys}.</li>
 *   <li>While the document is locked (a training run uses it) selecting, panning and zooming still work;
 *       an attempted edit changes nothing and a notice says why.</li>
 * </ul>
 */
public final class DesignCanvas extends Region {
    /** Fitting never zooms in past 100 %: a small design is shown at its real size, not blown up. */
    private static final double FIT_MAX_SCALE = 1;
    private static final double FIT_MARGIN = 40;
    /** The smallest zoom a design is opened or laid out at: a card's 12 px text is then 9 px, still readable. */
    static final double READABLE_SCALE = 0.75;
    private final DesignDocument document;
    private final WireRules rules;
    private final GraphView graph;
    private final Pane overlay = new Pane();
    private final CanvasNotice notice = new CanvasNotice();
    private final ViewportState viewport;
    private final CanvasActions actions;
    private final CanvasMouse mouse;
    private final CanvasContextMenus contextMenus;
    private final ObservableSet<Edge> selectedWires = FXCollections.observableSet();
    private boolean spaceDown;

    public DesignCanvas(DesignDocument document) {
        this.document = Objects.requireNonNull(document, "document");
        this.rules = new WireRules(document.catalog());
        getStyleClass().add("design-canvas");
        getStylesheets().add(Objects.requireNonNull(DesignCanvas.class.getResource("canvas.css")).toExternalForm());
        setFocusTraversable(true);
        graph = new GraphView(document);
        graph.setManaged(false);
        overlay.setManaged(false);
        overlay.setMouseTransparent(true);
        overlay.getStyleClass().add("canvas-overlay");
        overlay.getChildren().add(notice);
        getChildren().addAll(graph, overlay);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        viewport = new ViewportState(this, graph);
        viewport.setOnRescale(graph::zoomChanged);
        actions = new CanvasActions(this);
        contextMenus = new CanvasContextMenus(this, actions);
        mouse = new CanvasMouse(this);
        new CanvasKeys(this, actions, mouse);
        new CanvasDropTarget(this);
        selectedWires.addListener((SetChangeListener<Edge>) change -> {
            WireView wire = graph.wire(change.wasAdded() ? change.getElementAdded() : change.getElementRemoved());
            if (wire != null) {
                wire.setSelected(change.wasAdded());
            }
        });
        document.designProperty().addListener((obs, old, design) -> selectedWires.retainAll(design.edges()));
        document.lockedProperty().addListener((obs, was, now) -> {
            if (now) {
                mouse.cancel(); // a drag under way when the lock comes would end in a refused edit anyway
            }
        });
    }

    public DesignDocument document() {
        return document;
    }

    public CanvasActions actions() {
        return actions;
    }

    /** The zoom factor (1 = 100 %); setting it zooms about the middle of the view. */
    public DoubleProperty zoomProperty() {
        return viewport.zoom();
    }

    public Viewport viewport() {
        return viewport.get();
    }

    /** Scrolls, at the same zoom, so that a node is in the middle of the view (the diagnostics list calls this). */
    public void centreOn(String nodeId) {
        graph.flush();
        NodeCard card = graph.card(nodeId);
        if (card == null) {
            throw new IllegalArgumentException("no node '" + nodeId + "' on the canvas");
        }
        Rectangle2D b = card.boundsInCanvas();
        viewport.set(viewport.get().centredOn(b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() / 2,
                getWidth(), getHeight()));
    }

    /** Zooms and scrolls so the whole design is in view, at most at 100 %. */
    public void fitToView() {
        graph.flush();
        Rectangle2D content = graph.contentBounds();
        if (content != null) {
            viewport.set(Viewport.fitting(content, getWidth(), getHeight(), FIT_MARGIN, FIT_MAX_SCALE));
        }
    }

    /**
     * Shows the design as large as fits, but not below {@link #READABLE_SCALE}: a large design is shown from its
     * inputs, readable, rather than whole with 3 px text (how a design is opened and left after Auto-layout).
     */
    public void showReadable() {
        graph.flush();
        Rectangle2D content = graph.contentBounds();
        if (content != null) {
            viewport.set(Viewport.readable(content, getWidth(), getHeight(), FIT_MARGIN, READABLE_SCALE,
                    FIT_MAX_SCALE));
        }
    }

    /** Scrolls just enough (centring it) to show a canvas area that is out of view. */
    void reveal(Rectangle2D area) {
        Rectangle2D visible = viewport.get().visibleArea(getWidth(), getHeight());
        if (!visible.contains(area)) {
            viewport.set(viewport.get().centredOn(area.getMinX() + area.getWidth() / 2,
                    area.getMinY() + area.getHeight() / 2, getWidth(), getHeight()));
        }
    }

    public Point2D viewToCanvas(double viewX, double viewY) {
        return viewport.get().toCanvas(viewX, viewY);
    }

    public Point2D canvasToView(double canvasX, double canvasY) {
        return viewport.get().toView(canvasX, canvasY);
    }

    /**
     * True when the document is locked, after showing why near a view point: the caller then makes no edit and
     * shows no preview of one.
     */
    boolean refuseEdit(double viewX, double viewY) {
        if (!document.isLocked()) {
            return false;
        }
        notice.showBriefly(document.lockReason(), viewX, viewY);
        return true;
    }

    /** As {@link #refuseEdit(double, double)}, the notice near the middle of the view (keys and menus have no cursor). */
    boolean refuseEdit() {
        return refuseEdit(getWidth() / 3, getHeight() / 3);
    }

    void selectWire(Edge edge, boolean toggle) {
        if (!toggle) {
            document.selection().clear();
            selectedWires.clear();
            selectedWires.add(edge);
        } else if (!selectedWires.remove(edge)) {
            selectedWires.add(edge);
        }
    }

    ObservableSet<Edge> selectedWires() {
        return selectedWires;
    }

    GraphView graph() {
        return graph;
    }

    ViewportState viewportState() {
        return viewport;
    }

    /** The context menus of cards, wires and the empty canvas. */
    public CanvasContextMenus contextMenus() {
        return contextMenus;
    }

    WireRules rules() {
        return rules;
    }

    CanvasNotice notice() {
        return notice;
    }

    Pane overlay() {
        return overlay;
    }

    boolean isSpaceDown() {
        return spaceDown;
    }

    void setSpaceDown(boolean down) {
        spaceDown = down;
        restoreCursor();
    }

    void restoreCursor() {
        setCursor(spaceDown ? Cursor.OPEN_HAND : Cursor.DEFAULT);
    }

    @Override
    protected void layoutChildren() {
        overlay.resize(getWidth(), getHeight());
    }

    @Override
    protected double computePrefWidth(double height) {
        return 800;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 600;
    }
}
