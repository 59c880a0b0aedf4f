package dev.netwright.designer.palette;

import dev.netwright.designer.style.CategoryColors;
import dev.netwright.designer.dnd.DesignerFormats;
import dev.netwright.runtime.layers.LayerKind;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.shape.Rectangle;

import java.util.function.Consumer;

/** One kind in the palette: a drag source that carries the kind id, and a button that adds it on double-click. */
final class PaletteEntry extends Label {
    private final LayerKind kind;

    PaletteEntry(LayerKind kind, Consumer<LayerKind> activate) {
        super(kind.displayName());
        this.kind = kind;
        setId("palette-" + kind.id());
        getStyleClass().addAll("palette-entry", CategoryColors.styleClass(kind.category()));
        Rectangle swatch = new Rectangle(10, 10, CategoryColors.of(kind.category()));
        swatch.setArcWidth(4);
        swatch.setArcHeight(4);
        setGraphic(swatch);
        setMaxWidth(Double.MAX_VALUE);
        setFocusTraversable(true);
        setTooltip(new Tooltip(kind.description() + "\nDrag onto the canvas, or double-click to add it after the selected layer."));

        setOnDragDetected(e -> {
            Dragboard board = startDragAndDrop(TransferMode.COPY);
            // Only the id travels; the canvas (the drop target) decides what the drop makes.
            ClipboardContent content = new ClipboardContent();
            content.put(DesignerFormats.LAYER_KIND, kind.id());
            board.setContent(content);
            board.setDragView(snapshot(null, null));
            e.consume();
        });
        // Consumed, so that the enclosing ScrollPane, which takes the focus on a click, leaves it on this entry.
        setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                activate.accept(kind);
            }
            e.consume();
        });
        setOnMousePressed(e -> {
            requestFocus();
            e.consume();
        });
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && !e.isShortcutDown() && !e.isAltDown()) { // Ctrl+Enter is the app's Train
                activate.accept(kind);
                e.consume();
            }
        });
    }

    LayerKind kind() {
        return kind;
    }
}
