package dev.netwright.designer.canvas;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The canvas's keys. Shortcut is Ctrl (Cmd on a Mac). Delete/Backspace delete; Shortcut+Z undoes,
 * Shortcut+Shift+Z and Shortcut+Y redo; Shortcut+X/C/V/D cut, copy, paste, duplicate; Shortcut+A selects
 * all; F fits the design to the view; L lays it out; the Menu key or Shift+F10 opens the selection's context menu;
 * arrows nudge the selection 10 units (with Shift, 1);
 * Escape abandons a drag, else clears the selection; holding Space makes a primary drag pan.
 */
final class CanvasKeys {
    private static final double NUDGE = 10;
    private final DesignCanvas canvas;
    private final CanvasMouse mouse;
    private final Map<KeyCombination, Runnable> bindings = new LinkedHashMap<>();

    CanvasKeys(DesignCanvas canvas, CanvasActions actions, CanvasMouse mouse) {
        this.canvas = canvas;
        this.mouse = mouse;
        bind(shortcut(KeyCode.Z), actions::undo);
        bind(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), actions::redo);
        bind(shortcut(KeyCode.Y), actions::redo);
        bind(shortcut(KeyCode.X), actions::cut);
        bind(shortcut(KeyCode.C), actions::copy);
        bind(shortcut(KeyCode.V), actions::paste);
        bind(shortcut(KeyCode.D), actions::duplicate);
        bind(shortcut(KeyCode.A), actions::selectAll);
        bind(new KeyCodeCombination(KeyCode.DELETE), actions::delete);
        bind(new KeyCodeCombination(KeyCode.BACK_SPACE), actions::delete);
        bind(new KeyCodeCombination(KeyCode.F), actions::fitToView);
        bind(new KeyCodeCombination(KeyCode.L), actions::autoLayout);
        bind(new KeyCodeCombination(KeyCode.CONTEXT_MENU), canvas.contextMenus()::showForSelection);
        bind(new KeyCodeCombination(KeyCode.F10, KeyCombination.SHIFT_DOWN), canvas.contextMenus()::showForSelection);
        nudge(KeyCode.LEFT, -1, 0, actions);
        nudge(KeyCode.RIGHT, 1, 0, actions);
        nudge(KeyCode.UP, 0, -1, actions);
        nudge(KeyCode.DOWN, 0, 1, actions);
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::pressed);
        canvas.addEventHandler(KeyEvent.KEY_RELEASED, this::released);
    }

    private static KeyCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }

    private void bind(KeyCombination keys, Runnable action) {
        bindings.put(keys, action);
    }

    private void nudge(KeyCode code, int x, int y, CanvasActions actions) {
        bind(new KeyCodeCombination(code), () -> actions.nudge(x * NUDGE, y * NUDGE));
        bind(new KeyCodeCombination(code, KeyCombination.SHIFT_DOWN), () -> actions.nudge(x, y));
    }

    private void pressed(KeyEvent event) {
        if (event.getCode() == KeyCode.SPACE) {
            canvas.setSpaceDown(true);
            event.consume();
            return;
        }
        if (event.getCode() == KeyCode.ESCAPE) {
            if (!mouse.cancel()) {
                canvas.document().selection().clear();
                canvas.selectedWires().clear();
            }
            event.consume();
            return;
        }
        for (Map.Entry<KeyCombination, Runnable> binding : bindings.entrySet()) {
            if (binding.getKey().match(event)) {
                mouse.cancel(); // an edit in the middle of a drag would leave the drag pointing at a stale design
                binding.getValue().run();
                event.consume();
                return;
            }
        }
    }

    private void released(KeyEvent event) {
        if (event.getCode() == KeyCode.SPACE) {
            canvas.setSpaceDown(false);
            event.consume();
        }
    }
}
