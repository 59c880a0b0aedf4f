package dev.netwright.app.runs;

import dev.netwright.app.training.RunRecord;
import dev.netwright.runtime.train.RunRequest;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Runs panel: every run of the design side by side, one row each, with the settings it was trained with and
 * its results, sorted by any column (click its header). The runs chosen here are the ones the Training panel's
 * chart overlays and the Evaluation panel shows ({@link #setOnChoose}).
 */
public final class RunsPanel extends BorderPane {
    /** The format of a setting's number: as the form shows it. */
    private static final String PLAIN = "plain";
    private final ObservableList<RunComparison> rows = FXCollections.observableArrayList();
    private final TableView<RunComparison> table = new TableView<>();
    private Consumer<List<RunRecord>> onChoose = chosen -> { };
    private Consumer<RunRecord> onContinueFrom = run -> { };
    private Consumer<RunRecord> onStartFrom = run -> { };
    private final MenuItem continueFrom = new MenuItem("Continue from This Run");
    private final MenuItem startFrom = new MenuItem("Use as Starting Point");

    public RunsPanel() {
        SortedList<RunComparison> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setId("runs-comparison");
        table.setPlaceholder(new Label("No runs yet: press Train. Each run of this design gets a row here."));
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getColumns().setAll(List.of(
                text("Run", RunComparison::name, 150),
                text("State", RunComparison::state, 80),
                text("Epochs", RunComparison::epochs, 70),
                text("Optimizer", r -> setting(r, q -> q.settings().optimizer().displayName()), 90),
                number("Learning rate", r -> setting(r, q -> q.settings().learningRate()), PLAIN),
                number("Batch", r -> setting(r, q -> (double) q.batchSize()), "%.0f"),
                number("L2", r -> setting(r, q -> q.settings().l2()), PLAIN),
                number("Seed", r -> setting(r, q -> (double) q.settings().seed()), "%.0f"),
                text("Examples", r -> setting(r, q -> q.maxTrainExamples() > 0 ? Integer.toString(q.maxTrainExamples()) : "all"), 80),
                number("Layers", r -> setting(r, q -> (double) q.design().nodes().size()), "%.0f"),
                text("Data", r -> setting(r, RunRequest::data), 140),
                number("Best val. acc.", r -> value(r.bestValidation()), "%.4f"),
                number("Last val. acc.", r -> value(r.lastValidation()), "%.4f"),
                number("Last val. loss", r -> value(r.lastValidationLoss()), "%.4f"),
                number("Saved model acc.", r -> value(r.savedModel()), "%.4f"),
                number("Samples/s", r -> value(r.samplesPerSecond()), "%,.0f")));
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunComparison>) change ->
                onChoose.accept(table.getSelectionModel().getSelectedItems().stream()
                        .filter(java.util.Objects::nonNull).map(RunComparison::run).toList()));
        continueFrom.setId("continue-from-run");
        startFrom.setId("start-from-run");
        continueFrom.setOnAction(e -> chosenWithModel().ifPresent(onContinueFrom));
        startFrom.setOnAction(e -> chosenWithModel().ifPresent(onStartFrom));
        ContextMenu menu = new ContextMenu(continueFrom, startFrom);
        menu.setOnShowing(e -> {
            boolean usable = chosenWithModel().isPresent();
            continueFrom.setDisable(!usable);
            startFrom.setDisable(!usable);
        });
        table.setContextMenu(menu);
        Label title = new Label("Every run of this design: click a header to sort; choose one to see its evaluation, "
                + "two to compare their curves");
        title.setPadding(new Insets(4, 8, 4, 8));
        setTop(title);
        setCenter(table);
        setId("runs-panel");
    }

    /** Shows these runs (the runs list's, newest first) in the order the user sorted by, if any. */
    public void show(List<RunRecord> runs) {
        rows.setAll(runs.stream().map(RunComparison::of).toList());
    }

    /**
     * The one run chosen, when it ended with a saved model (finished, or stopped after an epoch): what Continue from
     * This Run and Use as Starting Point work on.
     */
    public java.util.Optional<RunRecord> chosenWithModel() {
        List<RunComparison> chosen = table.getSelectionModel().getSelectedItems().stream()
                .filter(java.util.Objects::nonNull).toList();
        if (chosen.size() != 1) {
            return java.util.Optional.empty();
        }
        RunComparison row = chosen.get(0);
        boolean saved = "finished".equals(row.state()) || "stopped".equals(row.state()) && row.epochsDone() > 0;
        return saved ? java.util.Optional.of(row.run()) : java.util.Optional.empty();
    }

    /** Called with the chosen run for Continue from This Run: the open design takes that run's weights. */
    public void setOnContinueFrom(Consumer<RunRecord> action) {
        onContinueFrom = action == null ? run -> { } : action;
    }

    /** Called with the chosen run for Use as Starting Point: a new design, the run's own, with its weights. */
    public void setOnStartFrom(Consumer<RunRecord> action) {
        onStartFrom = action == null ? run -> { } : action;
    }

    /** The table's menu items, Continue from This Run and Use as Starting Point. */
    public List<MenuItem> runMenuItems() {
        return List.of(continueFrom, startFrom);
    }

    /** Called with the runs chosen in the table (none, one or more). */
    public void setOnChoose(Consumer<List<RunRecord>> listener) {
        onChoose = listener == null ? chosen -> { } : listener;
    }

    public TableView<RunComparison> table() {
        return table;
    }

    private static <T> T setting(RunComparison row, Function<RunRequest, T> value) {
        return row.request() == null ? null : value.apply(row.request());
    }

    /** A number as typed in the form: 0.001, not 1.0E-3. */
    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static Double value(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }

    private static TableColumn<RunComparison, String> text(String title, Function<RunComparison, String> value, double width) {
        TableColumn<RunComparison, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    /** A column of numbers: sorted as numbers, shown with {@code format}, empty where a run has none. */
    private static TableColumn<RunComparison, Double> number(String title, Function<RunComparison, Double> value, String format) {
        TableColumn<RunComparison, Double> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.equals(PLAIN) ? plain(item) : String.format(Locale.ROOT, format, item));
            }
        });
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        column.setPrefWidth(Math.max(80, title.length() * 8.0));
        return column;
    }
}
