package dev.netwright.app.summary;

import dev.netwright.runtime.check.ModelSummary;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;

import java.util.function.Function;

/**
 * The Summary panel: the design's layers as a table (layer, kind, output shape, parameters, trainable) in graph order,
 * like Keras's {@code model.summary()}, with the totals under it. A node whose shape is unknown shows "?" and its
 * problem; clicking a row (or Enter on it) selects its node on the canvas and centres it. It shows its
 * {@link ModelSummaryModel}.
 */
public final class ModelSummaryPanel extends BorderPane {
    private final ModelSummaryModel model;
    private final TableView<ModelSummary.Row> table = new TableView<>();
    private final Label totals = new Label();

    public ModelSummaryPanel(ModelSummaryModel model) {
        this.model = model;
        setId("summary-panel");
        table.setId("summary-table");
        totals.setId("summary-totals");
        totals.textProperty().bind(model.totalsProperty());
        totals.setPadding(new Insets(4, 8, 4, 8));
        table.setItems(model.rows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPlaceholder(new Label("The design has no layers yet: drag one from the palette."));
        table.getColumns().setAll(java.util.List.of(
                column("Layer", 0.24, row -> row.name().equals(row.nodeId()) ? row.name() : row.name() + " (" + row.nodeId() + ")"),
                column("Kind", 0.18, ModelSummary.Row::kindName),
                shapeColumn(),
                numberColumn(),
                column("Trainable", 0.1, ModelSummary.Row::trainableLabel)));
        table.setRowFactory(view -> {
            TableRow<ModelSummary.Row> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && !row.isEmpty()) {
                    model.open(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                model.open(table.getSelectionModel().getSelectedItem());
            }
        });
        setCenter(table);
        setBottom(totals);
    }

    public ModelSummaryModel model() {
        return model;
    }

    public TableView<ModelSummary.Row> table() {
        return table;
    }

    public Label totals() {
        return totals;
    }

    private TableColumn<ModelSummary.Row, String> column(String title, double share,
                                                         Function<ModelSummary.Row, String> text) {
        TableColumn<ModelSummary.Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        column.setSortable(false); // graph order is the order that reads
        column.setPrefWidth(share * 1000); // the constrained policy shares the width in these proportions
        return column;
    }

    /** The output shape, or "?" followed by the node's problem, red, with the problem in a tooltip too. */
    private TableColumn<ModelSummary.Row, String> shapeColumn() {
        TableColumn<ModelSummary.Row, String> column = column("Output shape", 0.34, row -> row.output().isPresent()
                ? row.outputLabel() : row.outputLabel() + row.problem().map(p -> "  " + p).orElse(""));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                ModelSummary.Row row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : item);
                boolean unknown = row != null && row.output().isEmpty();
                setStyle(unknown ? "-fx-text-fill: #b91c1c;" : "");
                setTooltip(row != null && row.problem().isPresent() ? new Tooltip(row.problem().get()) : null);
            }
        });
        return column;
    }

    /** The parameter count, right-aligned; "?" where the shape, and so the count, is unknown. */
    private TableColumn<ModelSummary.Row, String> numberColumn() {
        TableColumn<ModelSummary.Row, String> column = column("Parameters", 0.14, ModelSummary.Row::paramsLabel);
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        return column;
    }
}
