package dev.netwright.designer.diagnostics;

import dev.netwright.runtime.check.Diagnostic;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polygon;

import java.util.function.Consumer;

/** One diagnostic in the list: a severity icon, the node id, the message, and its fix as a link when there is one. */
final class DiagnosticCell extends ListCell<Diagnostic> {
    private static final String ERROR = "diagnostic-error";
    private static final String WARNING = "diagnostic-warning";

    private final StackPane icon = new StackPane();
    private final Label node = new Label();
    private final Label message = new Label();
    private final Hyperlink fix = new Hyperlink();
    private final HBox graphic;

    DiagnosticCell(Consumer<Diagnostic> open, Consumer<Diagnostic> applyFix, ObservableBooleanValue locked) {
        getStyleClass().add("diagnostic");
        icon.getStyleClass().add("severity-icon");
        icon.setMinSize(14, 14);
        node.getStyleClass().add("diagnostic-node");
        message.getStyleClass().add("diagnostic-message");
        message.setWrapText(true);
        fix.getStyleClass().add("diagnostic-fix");
        fix.managedProperty().bind(fix.visibleProperty());
        fix.disableProperty().bind(locked);
        fix.setOnAction(e -> {
            if (getItem() != null) {
                applyFix.accept(getItem());
            }
        });

        VBox text = new VBox(2, node, message, fix);
        graphic = new HBox(8, icon, text);
        graphic.setAlignment(Pos.TOP_LEFT);
        // Let long messages wrap to the list's width instead of widening the cell.
        setPrefWidth(0);
        message.maxWidthProperty().bind(widthProperty().subtract(48));
        fix.setWrapText(true); // a long fix ("Insert a Flatten layer before dense1") wraps rather than being cut
        fix.maxWidthProperty().bind(widthProperty().subtract(48));

        setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && !isEmpty() && getItem() != null) {
                open.accept(getItem());
            }
        });
    }

    @Override
    protected void updateItem(Diagnostic item, boolean empty) {
        super.updateItem(item, empty);
        getStyleClass().removeAll(ERROR, WARNING);
        if (empty || item == null) {
            setGraphic(null);
            setText(null);
            setTooltip(null);
            return;
        }
        getStyleClass().add(item.isError() ? ERROR : WARNING);
        // Shapes rather than glyphs: they draw the same with or without an icon font.
        icon.getChildren().setAll(item.isError() ? new Circle(6)
                : new Polygon(7.0, 0.0, 14.0, 12.0, 0.0, 12.0));
        icon.setAccessibleText(item.isError() ? "Error" : "Warning");
        node.setText(item.nodeId() == null ? "Design" : item.nodeId());
        message.setText(item.message());
        fix.setVisible(item.fix() != null);
        fix.setText(item.fix() == null ? "" : capitalise(item.fix().description()));
        setTooltip(new Tooltip((item.isError() ? "Error: " : "Warning: ") + item.message()));
        setText(null);
        setGraphic(graphic);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
