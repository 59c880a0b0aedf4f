package dev.netwright.app.data;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.List;

/** One row per class: its name and how many examples the training, validation and (where there is one) test splits hold. */
final class ClassCountTable extends TableView<DataSummary.ClassCount> {
    private final TableColumn<DataSummary.ClassCount, Integer> test = new TableColumn<>("Test");

    ClassCountTable() {
        setId("class-counts");
        TableColumn<DataSummary.ClassCount, String> name = new TableColumn<>("Class");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        name.setPrefWidth(120);
        TableColumn<DataSummary.ClassCount, Integer> train = new TableColumn<>("Train");
        train.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().train()));
        train.setStyle("-fx-alignment: CENTER-RIGHT;");
        TableColumn<DataSummary.ClassCount, Integer> validation = new TableColumn<>("Validation");
        validation.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().validation()));
        validation.setStyle("-fx-alignment: CENTER-RIGHT;");
        test.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().test()));
        test.setStyle("-fx-alignment: CENTER-RIGHT;");
        getColumns().setAll(List.of(name, train, validation, test));
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY);
        setPlaceholder(new Label("No data read"));
        setPrefWidth(360); // the Validation header in full beside Train and Test
    }

    void show(DataSummary summary) {
        test.setVisible(summary != null && summary.hasTest());
        getItems().setAll(summary == null ? List.of() : summary.classes());
    }
}
