package dev.netwright.designer.canvas;

import dev.netwright.runtime.design.Flow;

import java.util.function.Consumer;

/**
 * The canvas's commands that the app's menus and toolbar offer: label, menu accelerator, toolbar text and
 * tooltip, when each applies and what it does to a canvas. {@link CanvasCommands} makes them actions on whichever
 * canvas is open. (The canvas's own keys, {@link CanvasKeys}, are more than these accelerators: Delete, F, L,
 * Shortcut+C, Shortcut+A work while it has focus.)
 */
public enum CanvasCommand {
    UNDO("Undo", "Shortcut+Z", Applies.WHEN_UNDOABLE, c -> c.actions().undo(), "Undo", "Undo (Ctrl+Z)"),
    REDO("Redo", "Shortcut+Shift+Z", Applies.WHEN_REDOABLE, c -> c.actions().redo(), "Redo", "Redo (Ctrl+Shift+Z)"),
    CUT("Cut", "Shortcut+X", Applies.WHEN_EDITABLE, c -> c.actions().cut()),
    COPY("Copy", null, Applies.WHEN_OPEN, c -> c.actions().copy()),
    PASTE("Paste", "Shortcut+V", Applies.WHEN_EDITABLE, c -> c.actions().paste()),
    DELETE("Delete", null, Applies.WHEN_EDITABLE, c -> c.actions().delete()),
    SELECT_ALL("Select All", null, Applies.WHEN_OPEN, c -> c.actions().selectAll()),
    FIT_TO_VIEW("Fit to Window", null, Applies.WHEN_OPEN, c -> c.actions().fitToView(),
            "Fit", "Fit the design in view (F)"),
    AUTO_LAYOUT("Auto-layout", null, Applies.WHEN_EDITABLE, c -> c.actions().autoLayout(),
            "Layout", "Lay the graph out again (L)"),
    LAY_OUT_LEFT_TO_RIGHT("Lay Out Left to Right", null, Applies.WHEN_EDITABLE, c -> c.actions().layOut(Flow.RIGHT)),
    LAY_OUT_TOP_TO_BOTTOM("Lay Out Top to Bottom", null, Applies.WHEN_EDITABLE, c -> c.actions().layOut(Flow.DOWN)),
    ZOOM_IN("Zoom In", "Shortcut+Plus", Applies.WHEN_OPEN, c -> c.zoomProperty().set(c.zoomProperty().get() * CanvasCommand.ZOOM_STEP)),
    ZOOM_OUT("Zoom Out", "Shortcut+Minus", Applies.WHEN_OPEN, c -> c.zoomProperty().set(c.zoomProperty().get() / CanvasCommand.ZOOM_STEP)),
    ACTUAL_SIZE("Actual Size", "Shortcut+0", Applies.WHEN_OPEN, c -> c.zoomProperty().set(1.0));

    /** The factor one Zoom In or Zoom Out changes the zoom by. */
    public static final double ZOOM_STEP = 1.25;

    /** When a command applies. */
    public enum Applies {
        /** a design is open */
        WHEN_OPEN,
        /** a design is open and not locked by a run */
        WHEN_EDITABLE,
        /** editable and there is an edit to undo */
        WHEN_UNDOABLE,
        /** editable and there is an undone edit to redo */
        WHEN_REDOABLE
    }

    private final String label;
    private final String accelerator;
    private final Applies applies;
    private final Consumer<DesignCanvas> handler;
    private final String buttonText;
    private final String tooltip;

    CanvasCommand(String label, String accelerator, Applies applies, Consumer<DesignCanvas> handler) {
        this(label, accelerator, applies, handler, null, null);
    }

    CanvasCommand(String label, String accelerator, Applies applies, Consumer<DesignCanvas> handler,
                  String buttonText, String tooltip) {
        this.label = label;
        this.accelerator = accelerator;
        this.applies = applies;
        this.handler = handler;
        this.buttonText = buttonText;
        this.tooltip = tooltip;
    }

    public String label() {
        return label;
    }

    /** The menu accelerator in {@code KeyCombination} notation; null for none. */
    public String accelerator() {
        return accelerator;
    }

    public Applies applies() {
        return applies;
    }

    /** The toolbar button's text; null for a command the toolbar does not show. */
    public String buttonText() {
        return buttonText;
    }

    /** The toolbar button's tooltip; null for a command the toolbar does not show. */
    public String tooltip() {
        return tooltip;
    }

    /** Does the command on {@code canvas} (the canvas itself refuses edits to a locked design, saying why). */
    public void runOn(DesignCanvas canvas) {
        handler.accept(canvas);
    }
}
