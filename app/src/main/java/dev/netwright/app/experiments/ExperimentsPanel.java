package dev.netwright.app.experiments;

import dev.netwright.charts.fx.ParallelCoordinatesChart;
import dev.netwright.runtime.sweep.Experiment;
import dev.netwright.runtime.sweep.Trial;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Experiments panel: a new sweep's dimensions and budget, the design's experiments, the chosen one's trials in a
 * sortable table (one column per dimension) and in parallel coordinates, the best in red. Double-clicking a trial
 * shows it as a run ({@link #setOnShowTrial}). Binds to an {@link ExperimentsModel}; holds no state of its own.
 */
public final class ExperimentsPanel extends BorderPane {
    /** The problem line's colours: a hint (nothing typed yet) and an error. */
    static final String HINT = "#5f6368";
    static final String ERROR = "#b03a2e";
    private final ExperimentsModel model;
    private final TableView<Trial> table = new TableView<>();
    private final ParallelCoordinatesChart chart = new ParallelCoordinatesChart();
    private Consumer<Path> onShowTrial = dir -> { };

    public ExperimentsPanel(ExperimentsModel model) {
        this.model = model;
        setId("experiments-panel");
        setTop(form());
        SplitPane results = new SplitPane(trialsPane(), chart.viewer());
        results.setOrientation(Orientation.HORIZONTAL);
        results.setDividerPositions(0.55);
        setCenter(results);
        Label message = new Label();
        message.setId("experiments-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.setPadding(new Insets(4, 8, 4, 8));
        setBottom(message);
        SortedList<Trial> sorted = new SortedList<>(model.trials());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        model.chosenProperty().addListener((o, was, now) -> {
            if (was == null || now == null || !was.dir().equals(now.dir())) {
                rebuildColumns();
            }
        });
        model.trials().addListener((ListChangeListener<Trial>) c -> chart.show(model.picture()));
        rebuildColumns();
        chart.show(model.picture());
    }

    /** Called with a trial's run folder when it is double-clicked (to show it in the runs list and charts). */
    public void setOnShowTrial(Consumer<Path> listener) {
        onShowTrial = Objects.requireNonNull(listener);
    }

    public ExperimentsModel model() {
        return model;
    }

    /** The trials table (for tests). */
    TableView<Trial> table() {
        return table;
    }

    ParallelCoordinatesChart chart() {
        return chart;
    }

    private VBox form() {
        TextArea params = new TextArea();
        params.setId("sweep-params");
        params.setPrefRowCount(3);
        params.setPrefColumnCount(28);
        params.setPromptText("Dimensions, one per line: lr=1e-4..1e-2:log · batch=32,64 · dense1.units=32,64,128");
        params.textProperty().bindBidirectional(model.paramsProperty());
        params.setTooltip(new Tooltip("One dimension per line: a training setting (lr, batch, optimizer, l2, epochs…) "
                + "or NODE.PROPERTY; values as a list (32,64) or a range (1e-4..1e-2, :log for a log scale)."));

        ChoiceBox<Experiment.Strategy> strategy = new ChoiceBox<>();
        strategy.getItems().setAll(Experiment.Strategy.values());
        strategy.setId("sweep-strategy");
        strategy.valueProperty().bindBidirectional(model.strategyProperty());
        strategy.setConverter(new StringConverter<>() {
            @Override
            public String toString(Experiment.Strategy s) {
                return s == null ? "" : switch (s) {
                    case GRID -> "Grid (every combination)";
                    case RANDOM -> "Random draws";
                    case HALVING -> "Successive halving";
                };
            }

            @Override
            public Experiment.Strategy fromString(String text) {
                throw new UnsupportedOperationException();
            }
        });

        GridPane budget = new GridPane();
        budget.setHgap(6);
        budget.setVgap(4);
        budget.setId("sweep-settings");
        budget.addRow(0, settingLabel("Strategy"), strategy);
        budget.addRow(1, settingLabel("Trials"), field("sweep-trials", model.trialsProperty(), 5),
                settingLabel("Epochs"), field("sweep-epochs", model.epochsProperty(), 4));
        budget.addRow(2, settingLabel("Training examples (0: all)"), field("sweep-max-train", model.maxTrainProperty(), 6),
                settingLabel("At once"), field("sweep-parallel", model.parallelProperty(), 3));
        TextField cluster = field("sweep-cluster", model.clusterProperty(), 16);
        cluster.setPromptText("empty: this machine");
        cluster.setTooltip(new Tooltip("Where the trials train: empty for this machine, or an Apache Spark master URL, "
                + "spark://HOST:PORT (a standalone master, port 7077 by default) or local[N] (Spark here, N at once). "
                + "Needs Netwright's cluster module (docs/guide.md, \"Sweeps on a cluster\")."));
        budget.addRow(3, settingLabel("Cluster"), cluster);
        GridPane.setColumnSpan(strategy, 3);
        GridPane.setColumnSpan(cluster, 3);

        Button start = new Button("Start Sweep");
        start.setId("start-sweep");
        start.setDefaultButton(false);
        start.disableProperty().bind(model.runningProperty().or(model.problemProperty().isNotEmpty()));
        start.setOnAction(e -> model.start());
        Button stop = new Button("Stop");
        stop.setId("stop-sweep");
        stop.disableProperty().bind(model.runningProperty().not());
        stop.setOnAction(e -> model.stop());
        Button resume = new Button("Resume");
        resume.setId("resume-sweep");
        resume.disableProperty().bind(model.runningProperty().or(Bindings.createBooleanBinding(
                () -> model.chosenProperty().get() == null || model.chosenProperty().get().experiment().isOver(),
                model.chosenProperty())));
        resume.setTooltip(new Tooltip("Go on with the chosen experiment: finished trials are kept, the others train."));
        resume.setOnAction(e -> model.resume());
        VBox buttons = new VBox(6, start, stop, resume);

        HBox row = new HBox(12, params, budget, buttons);
        HBox.setHgrow(params, Priority.SOMETIMES);
        Label problem = new Label();
        problem.setId("sweep-problem");
        problem.setWrapText(true);
        // with nothing typed yet it is a hint, not an error: grey until the user has written a dimension
        var nothingTyped = javafx.beans.binding.Bindings.createBooleanBinding(
                () -> model.paramsProperty().get().isBlank(), model.paramsProperty());
        problem.styleProperty().bind(javafx.beans.binding.Bindings.when(nothingTyped)
                .then("-fx-text-fill: " + HINT + ";").otherwise("-fx-text-fill: " + ERROR + ";"));
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        VBox top = new VBox(4, row, problem);
        top.setPadding(new Insets(6, 8, 6, 8));
        return top;
    }

    /** A setting's name: never cut to "Training examples (0: al…" when the text area beside it wants the room. */
    private static Label settingLabel(String text) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value, int columns) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(columns);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private VBox trialsPane() {
        ComboBox<ExperimentsModel.Entry> chooser = new ComboBox<>(model.experiments());
        chooser.setId("experiment-chooser");
        chooser.valueProperty().bindBidirectional(model.chosenProperty());
        chooser.setMaxWidth(Double.MAX_VALUE);
        chooser.setPromptText("No experiment yet: start a sweep above, or run netwright sweep");
        table.setId("trials-table");
        table.setPlaceholder(new Label("The chosen experiment's trials appear here: click a header to sort, "
                + "double-click a trial to see its run."));
        table.setRowFactory(t -> {
            TableRow<Trial> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    model.runDir(row.getItem()).ifPresent(onShowTrial);
                }
            });
            row.itemProperty().addListener((o, was, now) -> row.setTooltip(
                    now == null || now.message() == null ? null : new Tooltip(now.message())));
            return row;
        });
        Label heading = new Label("Experiment");
        HBox choose = new HBox(6, heading, chooser);
        HBox.setHgrow(chooser, Priority.ALWAYS);
        Label place = new Label();
        place.setId("experiment-place");
        place.setWrapText(true);
        place.textProperty().bind(model.chosenPlaceProperty());
        place.visibleProperty().bind(model.chosenPlaceProperty().isNotEmpty());
        place.managedProperty().bind(place.visibleProperty());
        VBox pane = new VBox(4, choose, place, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        pane.setPadding(new Insets(0, 4, 0, 8));
        pane.setMinWidth(200);
        return pane;
    }

    /** One column per dimension of the chosen experiment, between the trial's name and state and its results. */
    private void rebuildColumns() {
        List<TableColumn<Trial, ?>> columns = new ArrayList<>();
        columns.add(text("Trial", Trial::id, 80));
        columns.add(text("State", t -> t.state().inWords(), 90));
        for (String name : model.dimensions()) {
            columns.add(setting(name));
        }
        columns.add(number("Epochs", t -> (double) t.epochs(), "%.0f"));
        columns.add(number("Best val. acc.", Trial::bestValidationAccuracy, "%.4f"));
        columns.add(number("Val. loss", Trial::validationLoss, "%.4f"));
        columns.add(number("Time (s)", Trial::seconds, "%.1f"));
        table.getColumns().setAll(columns);
    }

    private static TableColumn<Trial, String> text(String title, Function<Trial, String> value, double width) {
        TableColumn<Trial, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    /** A dimension's column: numbers sort as numbers, names as text. */
    private static TableColumn<Trial, Object> setting(String name) {
        TableColumn<Trial, Object> column = new TableColumn<>(name);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().settings().get(name)));
        column.setComparator((a, b) -> {
            if (a instanceof Number x && b instanceof Number y) {
                return Double.compare(x.doubleValue(), y.doubleValue());
            }
            return String.valueOf(a).compareTo(String.valueOf(b));
        });
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item instanceof Double d ? plain(d) : String.valueOf(item));
            }
        });
        column.setPrefWidth(Math.max(80, name.length() * 8.0));
        return column;
    }

    /** A column of numbers: sorted as numbers (a trial without one last), shown with {@code format}. */
    private static TableColumn<Trial, Double> number(String title, Function<Trial, Double> value, String format) {
        TableColumn<Trial, Double> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setComparator((a, b) -> Double.compare(a.isNaN() ? Double.NEGATIVE_INFINITY : a,
                b.isNaN() ? Double.NEGATIVE_INFINITY : b));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null || item.isNaN() ? null : String.format(Locale.ROOT, format, item));
            }
        });
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        column.setPrefWidth(Math.max(70, title.length() * 8.0));
        return column;
    }

    /** Three significant digits without trailing zeros: 0.001, 0.000316, 64. */
    private static String plain(double value) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", value)).stripTrailingZeros().toPlainString();
    }
}
