package dev.netwright.designer.canvas;

import dev.netwright.designer.dnd.DesignerFormats;
import dev.netwright.runtime.layers.LayerKind;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;

import java.util.Optional;

/**
 * Makes the canvas the drop target for palette kinds: it accepts a drag that carries a kind id its
 * catalog knows, and on drop makes the Add command at the drop point (in canvas coordinates). While the
 * document is locked it refuses the drag and the notice says why.
 */
final class CanvasDropTarget {
    private final DesignCanvas canvas;

    CanvasDropTarget(DesignCanvas canvas) {
        this.canvas = canvas;
        canvas.addEventHandler(DragEvent.DRAG_OVER, this::over);
        canvas.addEventHandler(DragEvent.DRAG_DROPPED, this::dropped);
        canvas.addEventHandler(DragEvent.DRAG_EXITED, e -> {
            if (canvas.document().isLocked()) {
                canvas.notice().clear();
            }
        });
    }

    private void over(DragEvent event) {
        if (kind(event.getDragboard()).isPresent()) {
            if (canvas.document().isLocked()) {
                canvas.notice().show(canvas.document().lockReason(), event.getX(), event.getY());
            } else {
                event.acceptTransferModes(TransferMode.COPY);
            }
        }
        event.consume();
    }

    private void dropped(DragEvent event) {
        Optional<LayerKind> kind = kind(event.getDragboard());
        kind.ifPresent(k -> canvas.actions().addAt(k, canvas.viewToCanvas(event.getX(), event.getY())));
        event.setDropCompleted(kind.isPresent());
        event.consume();
    }

    private Optional<LayerKind> kind(Dragboard board) {
        if (!board.hasContent(DesignerFormats.LAYER_KIND)) {
            return Optional.empty();
        }
        return board.getContent(DesignerFormats.LAYER_KIND) instanceof String id
                ? canvas.document().catalog().find(id) : Optional.empty();
    }
}
