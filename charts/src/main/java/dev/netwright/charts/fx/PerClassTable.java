package dev.netwright.charts.fx;

import dev.netwright.runtime.train.TrainingEvent;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Per-class precision, recall, F1 and support of an evaluation, as a sortable table. */
public final class PerClassTable {
    /** One class's figures. */
    public record Row(String className, double precision, double recall, double f1, int support) {
    }

    private final TableView<Row> table = new TableView<>();

    public PerClassTable() {
        table.getColumns().add(column("class", r -> r.className()));
        table.getColumns().add(column("precision", r -> format(r.precision())));
        table.getColumns().add(column("recall", r -> format(r.recall())));
        table.getColumns().add(column("F1", r -> format(r.f1())));
        table.getColumns().add(column("support", r -> Integer.toString(r.support())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new javafx.scene.control.Label("No evaluation yet"));
    }

    public TableView<Row> view() {
        return table;
    }

    /** Shows an evaluation's rows; none for null. */
    public void show(TrainingEvent.Evaluation evaluation) {
        table.setItems(FXCollections.observableList(evaluation == null ? new ArrayList<>() : rows(evaluation)));
    }

    /** The rows of an evaluation; support is the number of validation samples of the class. */
    public static List<Row> rows(TrainingEvent.Evaluation e) {
        List<Row> rows = new ArrayList<>();
        for (int c = 0; c < e.classNames().size(); c++) {
            int support = 0;
            for (int v : e.confusion()[c]) {
                support += v;
            }
            rows.add(new Row(e.classNames().get(c), e.precision()[c], e.recall()[c], e.f1()[c], support));
        }
        return rows;
    }

    private static TableColumn<Row, String> column(String title, Function<Row, String> value) {
        TableColumn<Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
