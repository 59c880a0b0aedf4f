package dev.netwright.designer.canvas;

import dev.netwright.designer.command.Edits;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Position;
import javafx.scene.input.MouseEvent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Press on a card: selects it (Shift or Ctrl toggles it), and a drag moves the whole selection. The cards
 * follow the mouse; the design changes once, on release, so a multi-node move is one undo step. On a locked
 * document the press still selects, but the cards stay put and a notice says why.
 */
final class MoveGesture implements Gesture {
    /** View pixels a press may wander before it counts as a drag rather than a click. */
    private static final double SLOP = 3;
    private final DesignCanvas canvas;
    private final String pressedId;
    private final double pressX;
    private final double pressY;
    private final boolean narrowOnClick;
    private final Map<String, Position> start = new LinkedHashMap<>();
    private boolean moving;
    private long dx;
    private long dy;

    MoveGesture(DesignCanvas canvas, NodeCard card, MouseEvent press) {
        this.canvas = canvas;
        this.pressedId = card.nodeId();
        this.pressX = press.getX();
        this.pressY = press.getY();
        DesignDocument document = canvas.document();
        Set<String> selection = document.selection();
        boolean toggle = press.isShiftDown() || press.isShortcutDown();
        boolean wasSelected = selection.contains(pressedId);
        if (toggle) {
            if (wasSelected) {
                selection.remove(pressedId);
            } else {
                selection.add(pressedId);
            }
        } else if (!wasSelected) {
            document.select(pressedId);
        }
        // A plain click on one of several selected cards selects just it, but only if it was not a drag.
        narrowOnClick = !toggle && wasSelected && selection.size() > 1;
        if (selection.contains(pressedId)) {
            Design design = document.design();
            for (String id : selection) {
                start.put(id, design.requireNode(id).position());
            }
        }
    }

    @Override
    public void drag(MouseEvent event) {
        if (start.isEmpty()) {
            return;
        }
        if (!moving && Math.hypot(event.getX() - pressX, event.getY() - pressY) < SLOP) {
            return;
        }
        moving = true;
        if (canvas.refuseEdit(event.getX(), event.getY())) {
            start.clear(); // nothing to move, nothing to put back
            return;
        }
        double scale = canvas.viewportState().get().scale();
        // Whole canvas units: positions in the file stay round, and every card moves by exactly the same step.
        dx = Math.round((event.getX() - pressX) / scale);
        dy = Math.round((event.getY() - pressY) / scale);
        start.forEach((id, at) -> {
            NodeCard card = canvas.graph().card(id);
            if (card != null) {
                card.relocate(at.x() + dx, at.y() + dy);
            }
        });
    }

    @Override
    public void release(MouseEvent event) {
        if (moving && (dx != 0 || dy != 0)) {
            Map<String, Position> moved = new LinkedHashMap<>();
            start.forEach((id, at) -> moved.put(id, at.translate(dx, dy)));
            canvas.document().execute(Edits.moveNodes(moved));
        } else if (!moving && narrowOnClick) {
            canvas.document().select(pressedId);
        }
    }

    @Override
    public void cancel() {
        start.forEach((id, at) -> {
            NodeCard card = canvas.graph().card(id);
            if (card != null) {
                card.relocate(at.x(), at.y());
            }
        });
    }
}
