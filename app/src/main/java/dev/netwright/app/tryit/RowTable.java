package dev.netwright.app.tryit;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * A CSV design's input in the Try it panel: a table of the row's features (name from the CSV header, value to edit)
 * and a Predict button; Enter in a value predicts too. Binds to the model's {@link FeatureRow}.
 */
final class RowTable extends VBox {
    private final GridPane grid = new GridPane();

    RowTable(TryItModel model) {
        super(6);
        setId("tryit-row");
        grid.setHgap(8);
        grid.setVgap(3);
        Button predict = new Button("Predict");
        predict.setId("tryit-predict-row");
        predict.setOnAction(e -> model.useRow());
        Label hint = new Label("Values as in the CSV, before normalisation.");
        hint.setStyle("-fx-text-fill: #666;");
        HBox actions = new HBox(8, predict, hint);
        actions.setAlignment(Pos.CENTER_LEFT);
        getChildren().setAll(grid, actions);
        FeatureRow row = model.row();
        row.features().addListener((ListChangeListener<FeatureRow.Feature>) c -> fill(row, model));
        fill(row, model);
    }

    private void fill(FeatureRow row, TryItModel model) {
        grid.getChildren().clear();
        Label feature = new Label("Feature");
        Label value = new Label("Value");
        feature.setStyle("-fx-font-weight: bold;");
        value.setStyle("-fx-font-weight: bold;");
        grid.addRow(0, feature, value);
        for (int i = 0; i < row.features().size(); i++) {
            FeatureRow.Feature f = row.features().get(i);
            TextField field = new TextField();
            field.setId("tryit-feature-" + i);
            field.setPrefColumnCount(8);
            field.textProperty().bindBidirectional(f.value());
            field.setOnAction(e -> model.useRow());
            grid.addRow(i + 1, new Label(f.name()), field);
        }
    }
}
