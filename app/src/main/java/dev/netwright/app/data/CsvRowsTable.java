package dev.netwright.app.data;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.ArrayList;
import java.util.List;

/** The first rows of a CSV file, one column per CSV column, headed as the file (or by index) names them. */
final class CsvRowsTable extends TableView<List<String>> {

    CsvRowsTable() {
        setId("csv-preview");
        setPlaceholder(new Label("The file has no rows to show"));
    }

    void show(DataPreview.Table table) {
        List<TableColumn<List<String>, String>> columns = new ArrayList<>();
        for (int c = 0; c < table.headers().size(); c++) {
            int index = c;
            TableColumn<List<String>, String> column = new TableColumn<>(table.headers().get(c));
            column.setCellValueFactory(row -> new ReadOnlyStringWrapper(
                    index < row.getValue().size() ? row.getValue().get(index) : ""));
            column.setSortable(false);
            columns.add(column);
        }
        getColumns().setAll(columns);
        getItems().setAll(table.rows());
    }
}
