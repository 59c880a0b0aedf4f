package dev.netwright.designer.canvas;

import dev.netwright.designer.action.KeyAlternatives;
import dev.netwright.runtime.design.Flow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import java.util.function.Consumer;

/**
 * The canvas's commands that the app's menus and toolbar offer: label, menu accelerator, toolbar text and
 * tooltip, when each applies and what it does to a canvas. {@link CanvasCommands} makes them actions on whichever
 * canvas is open. Keys the canvas handles itself ({@link CanvasKeys}: Delete, F, L, Shortcut+C, Shortcut+A…) are
 * accelerators here too, so the menus show them and they work wherever the focus is: a scene runs an accelerator
 * only for a key press nobody consumed, and the focused canvas consumes its keys, so a key does its command once.
 * A text field consumes the keys it types or edits with, so typing "f" there does not fit the view.
 */
public enum CanvasCommand {
    UNDO("Undo", keys("Shortcut+Z"), Applies.WHEN_UNDOABLE, c -> c.actions().undo(), "Undo", "Undo (Ctrl+Z)"),
    REDO("Redo", keys("Shortcut+Shift+Z"), Applies.WHEN_REDOABLE, c -> c.actions().redo(), "Redo", "Redo (Ctrl+Shift+Z)"),
    CUT("Cut", keys("Shortcut+X"), Applies.WHEN_EDITABLE, c -> c.actions().cut()),
    COPY("Copy", keys("Shortcut+C"), Applies.WHEN_OPEN, c -> c.actions().copy()),
    PASTE("Paste", keys("Shortcut+V"), Applies.WHEN_EDITABLE, c -> c.actions().paste()),
    DELETE("Delete", keys("Delete"), Applies.WHEN_EDITABLE, c -> c.actions().delete()),
    SELECT_ALL("Select All", keys("Shortcut+A"), Applies.WHEN_OPEN, c -> c.actions().selectAll()),
    FIT_TO_VIEW("Fit to Window", keys("F"), Applies.WHEN_OPEN, c -> c.actions().fitToView(),
            "Fit", "Fit the design in view (F)"),
    AUTO_LAYOUT("Auto-layout", keys("L"), Applies.WHEN_EDITABLE, c -> c.actions().autoLayout(),
            "Layout", "Lay the graph out again (L)"),
    LAY_OUT_LEFT_TO_RIGHT("Lay Out Left to Right", null, Applies.WHEN_EDITABLE, c -> c.actions().layOut(Flow.RIGHT)),
    LAY_OUT_TOP_TO_BOTTOM("Lay Out Top to Bottom", null, Applies.WHEN_EDITABLE, c -> c.actions().layOut(Flow.DOWN)),
    // Shown as Ctrl++, but a US keyboard sends Ctrl+Shift+= for it (and Ctrl+= is the same key), the keypad ADD.
    ZOOM_IN("Zoom In", KeyAlternatives.of(keys("Shortcut+Plus"),
            new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY),
            shortcut(KeyCode.ADD)),
            Applies.WHEN_OPEN, c -> c.zoomProperty().set(c.zoomProperty().get() * CanvasCommand.ZOOM_STEP)),
    ZOOM_OUT("Zoom Out", KeyAlternatives.of(keys("Shortcut+Minus"), shortcut(KeyCode.SUBTRACT)),
            Applies.WHEN_OPEN, c -> c.zoomProperty().set(c.zoomProperty().get() / CanvasCommand.ZOOM_STEP)),
    ACTUAL_SIZE("Actual Size", KeyAlternatives.of(keys("Shortcut+0"), shortcut(KeyCode.NUMPAD0)),
            Applies.WHEN_OPEN, c -> c.zoomProperty().set(1.0));

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
    private final KeyCombination accelerator;
    private final Applies applies;
    private final Consumer<DesignCanvas> handler;
    private final String buttonText;
    private final String tooltip;

    CanvasCommand(String label, KeyCombination accelerator, Applies applies, Consumer<DesignCanvas> handler) {
        this(label, accelerator, applies, handler, null, null);
    }

    CanvasCommand(String label, KeyCombination accelerator, Applies applies, Consumer<DesignCanvas> handler,
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

    /** The menu accelerator; null for none. */
    public KeyCombination accelerator() {
        return accelerator;
    }

    private static KeyCombination keys(String notation) {
        return KeyCombination.keyCombination(notation);
    }

    private static KeyCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
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
