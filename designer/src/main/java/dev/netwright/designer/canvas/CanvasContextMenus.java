package dev.netwright.designer.canvas;

import dev.netwright.designer.action.Action;
import dev.netwright.designer.command.Edits;
import dev.netwright.designer.command.FreezeScope;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.check.Diagnostic;
import dev.netwright.runtime.layers.Fix;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.ContextMenuEvent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The canvas's context menus. On a card: the checker's fixes for its node (the same one-click fixes the problems
 * list offers), then Cut, Copy, Duplicate and Delete of the selection, then Freeze Up to Here (the node and its
 * ancestors with parameters, one undo step) and Unfreeze All; a card that was not selected becomes the selection
 * first. On a wire: Delete. On empty canvas: Paste, Select All, Auto-layout, Fit to Window. Edits are
 * disabled while the design is locked. The right button opens them on press ({@link CanvasMouse}: headless and
 * on every platform alike); the keyboard's Menu key or Shift+F10 opens the selection's.
 */
public final class CanvasContextMenus {
    private final DesignCanvas canvas;
    private final CanvasActions actions;
    private final DesignDocument document;
    private final BooleanBinding editable;
    private ContextMenu shown;

    CanvasContextMenus(DesignCanvas canvas, CanvasActions actions) {
        this.canvas = canvas;
        this.actions = actions;
        this.document = canvas.document();
        this.editable = Bindings.not(document.lockedProperty());
        canvas.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, this::requested);
    }

    /** The context menu now showing, or null; for tests. */
    ContextMenu shown() {
        return shown != null && shown.isShowing() ? shown : null;
    }

    /**
     * A platform's own request: from the keyboard it opens the selection's menu; from the mouse the press already
     * opened one (a second would only replace it).
     */
    private void requested(ContextMenuEvent event) {
        if (event.isKeyboardTrigger()) {
            showForSelection();
        }
        event.consume();
    }

    /** Opens a card's menu at a screen point, selecting the card alone unless it is already selected. */
    void showForCard(NodeCard card, double screenX, double screenY) {
        String id = card.nodeId();
        if (!document.selection().contains(id)) {
            document.select(id);
            canvas.selectedWires().clear();
        }
        show(cardMenu(id), screenX, screenY);
    }

    /** Opens a wire's menu, the wire selected alone. */
    void showForWire(WireView wire, double screenX, double screenY) {
        canvas.selectWire(wire.edge(), false);
        show(menu(action("Delete", actions::delete, editable)), screenX, screenY);
    }

    /** Opens the empty canvas's menu at a screen point. */
    void showForCanvas(double screenX, double screenY) {
        show(menu(action("Paste", actions::paste, editable.and(new SimpleBooleanProperty(actions.canPaste()))),
                        action("Select All", actions::selectAll, null),
                        null,
                        action("Auto-layout", actions::autoLayout, editable),
                        action("Fit to Window", actions::fitToView, null)),
                screenX, screenY);
    }

    /** The keyboard's request: the first selected card's menu beside it, or the canvas's in the middle of the view. */
    void showForSelection() {
        canvas.graph().flush();
        NodeCard card = document.design().nodes().stream()
                .filter(n -> document.selection().contains(n.id()))
                .map(n -> canvas.graph().card(n.id())).filter(c -> c != null).findFirst().orElse(null);
        if (card != null) {
            Rectangle2D b = card.boundsInCanvas();
            Point2D view = canvas.canvasToView(b.getMinX() + b.getWidth() / 2, b.getMaxY());
            Point2D screen = canvas.localToScreen(view);
            showForCard(card, screen.getX(), screen.getY());
        } else {
            Point2D screen = canvas.localToScreen(canvas.getWidth() / 2, canvas.getHeight() / 2);
            showForCanvas(screen.getX(), screen.getY());
        }
    }

    private ContextMenu cardMenu(String nodeId) {
        List<MenuItem> items = new ArrayList<>();
        Set<Fix> fixes = new LinkedHashSet<>(); // one item per fix, however many findings share it
        for (Diagnostic diagnostic : document.check().diagnostics()) {
            if (nodeId.equals(diagnostic.nodeId()) && diagnostic.fix() != null) {
                fixes.add(diagnostic.fix());
            }
        }
        for (Fix fix : fixes) {
            items.add(action(capitalised(fix.description()), () -> document.applyFix(fix), editable));
        }
        if (!items.isEmpty()) {
            items.add(null);
        }
        items.add(action("Cut", actions::cut, editable));
        items.add(action("Copy", actions::copy, null));
        items.add(action("Duplicate", actions::duplicate, editable));
        items.add(action("Delete", actions::delete, editable));
        items.add(null);
        List<String> upTo = FreezeScope.upTo(document.design(), document.check(), nodeId);
        boolean anyFrozen = document.design().nodes().stream().anyMatch(n -> !n.trainable());
        items.add(action("Freeze Up to Here", () -> document.execute(Edits.freeze(upTo, nodeId)),
                editable.and(new SimpleBooleanProperty(!upTo.isEmpty()))));
        items.add(action("Unfreeze All", () -> document.execute(Edits.unfreezeAll()),
                editable.and(new SimpleBooleanProperty(anyFrozen))));
        return menu(items.toArray(MenuItem[]::new));
    }

    private static MenuItem action(String label, Runnable handler, ObservableBooleanValue enabled) {
        Action action = Action.of(label, handler);
        return (enabled == null ? action : action.enabledWhen(enabled)).toContextItem();
    }

    /** A menu of the items, a null standing for a separator. */
    private static ContextMenu menu(MenuItem... items) {
        ContextMenu menu = new ContextMenu();
        for (MenuItem item : items) {
            menu.getItems().add(item == null ? new SeparatorMenuItem() : item);
        }
        return menu;
    }

    private void show(ContextMenu menu, double screenX, double screenY) {
        if (shown != null) {
            shown.hide(); // one menu at a time, however it was asked for
        }
        shown = menu;
        menu.setOnHidden(e -> canvas.requestFocus());
        menu.show(canvas, screenX, screenY);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
