package dev.netwright.app.compress;

import dev.netwright.app.training.RunRecord;
import dev.netwright.charts.fx.TradeOffChart;
import dev.netwright.charts.metrics.TradeOff;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The Compress panel: pick a run, prune it, quantise it to int8 or distil it into a student design, and see the
 * trade-off: a table of the run and every model compressed from it (parameters, non-zeros, file size, accuracy,
 * latency) and a chart of accuracy against size or latency with the Pareto front. Binds to a {@link CompressModel}; holds no state of its own.
 */
public final class CompressPanel extends BorderPane {
    private final CompressModel model;
    private final TradeOffChart chart = new TradeOffChart();
    private final TableView<Variant> table = new TableView<>();
    private final ToggleGroup costs = new ToggleGroup();
    private final ToggleButton bySize = new ToggleButton("Size");
    private final ToggleButton byLatency = new ToggleButton("Latency");
    private Function<Window, File> studentChooser = CompressPanel::chooseStudent;

    public CompressPanel(CompressModel model) {
        this.model = model;
        setId("compress-panel");
        setLeft(settings());
        SplitPane results = new SplitPane(chartPane(), table());
        results.setOrientation(Orientation.HORIZONTAL);
        results.setDividerPositions(0.5);
        setCenter(results);
        model.variants().addListener((ListChangeListener<Variant>) c -> redraw());
        costs.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one of the two is always chosen
            } else {
                redraw();
            }
        });
        redraw();
    }

    private BorderPane settings() {
        ComboBox<RunRecord> run = new ComboBox<>(model.runs());
        run.setId("compress-run");
        run.valueProperty().bindBidirectional(model.sourceProperty());
        run.setMaxWidth(Double.MAX_VALUE);
        run.setCellFactory(list -> new RunCell());
        run.setButtonCell(new RunCell());
        run.setPromptText("No run with a saved model yet");

        ToggleGroup methods = new ToggleGroup();
        RadioButton prune = new RadioButton("Prune");
        RadioButton quantise = new RadioButton("Quantise to int8");
        RadioButton distil = new RadioButton("Distil into a student design");
        prune.setId("compress-prune");
        quantise.setId("compress-quantise");
        distil.setId("compress-distil");
        Map<RadioButton, CompressSettings.Method> chosen = Map.of(prune, CompressSettings.Method.PRUNE, quantise,
                CompressSettings.Method.QUANTISE, distil, CompressSettings.Method.DISTIL);
        chosen.forEach((button, method) -> {
            button.setToggleGroup(methods);
            button.setSelected(model.methodProperty().get() == method);
        });
        methods.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true);
            } else {
                model.methodProperty().set(chosen.get((RadioButton) now));
            }
        });

        GridPane pruning = new GridPane();
        pruning.setHgap(8);
        pruning.setVgap(6);
        pruning.setPadding(new Insets(0, 0, 0, 22));
        TextField sparsity = field("compress-sparsity", model.sparsityProperty(),
                "The share of weights set to zero: 0.9 or 90%. With Structured: the share of filters and units removed.");
        CheckBox global = check("compress-global", "Global (one threshold over all layers)", model.globalProperty(),
                "Prune the smallest weights of the whole network rather than the same share of each layer.");
        CheckBox gradual = check("compress-gradual", "Gradual (prune while fine-tuning)", model.gradualProperty(),
                "Raise the sparsity step by step over the fine-tuning epochs instead of pruning at once.");
        CheckBox structured = check("compress-structured", "Structured (remove filters and units)",
                model.structuredProperty(), "Remove whole convolution filters and dense units: a smaller design.");
        TextField epochs = field("compress-epochs", model.finetuneEpochsProperty(),
                "Epochs of fine-tuning on the run's data with the pruned weights kept at zero (0: none).");
        global.disableProperty().bind(model.structuredProperty());
        gradual.disableProperty().bind(model.structuredProperty());
        pruning.addRow(0, new Label("Sparsity"), sparsity);
        pruning.add(global, 0, 1, 2, 1);
        pruning.add(gradual, 0, 2, 2, 1);
        pruning.add(structured, 0, 3, 2, 1);
        pruning.addRow(4, new Label("Fine-tune epochs"), epochs);
        pruning.disableProperty().bind(prune.selectedProperty().not());

        GridPane quantising = new GridPane();
        quantising.setHgap(8);
        quantising.setPadding(new Insets(0, 0, 0, 22));
        quantising.addRow(0, new Label("Calibration examples"), field("compress-calibration",
                model.calibrationProperty(), "Training examples whose activations set the int8 ranges."));
        quantising.disableProperty().bind(quantise.selectedProperty().not());

        GridPane distilling = new GridPane();
        distilling.setHgap(8);
        distilling.setVgap(6);
        distilling.setPadding(new Insets(0, 0, 0, 22));
        Label studentName = new Label();
        studentName.setId("compress-student");
        studentName.textProperty().bind(Bindings.createStringBinding(() -> model.studentProperty().get() == null
                ? "none chosen" : model.studentProperty().get().getFileName().toString(), model.studentProperty()));
        Button chooseStudent = new Button("Choose…");
        chooseStudent.setId("compress-choose-student");
        chooseStudent.setOnAction(e -> {
            java.io.File file = studentChooser.apply(getScene() == null ? null : getScene().getWindow());
            if (file != null) {
                model.studentProperty().set(file.toPath());
            }
        });
        distilling.addRow(0, new Label("Student design"), new HBox(6, studentName, chooseStudent));
        distilling.addRow(1, new Label("Alpha (labels' share)"), field("compress-alpha", model.alphaProperty(),
                "The labels' share of the loss, 0 to 1; the rest is the teacher's softened outputs."));
        distilling.addRow(2, new Label("Temperature"), field("compress-temperature", model.temperatureProperty(),
                "How much the teacher's and the student's outputs are softened, above 0 (4 is usual)."));
        distilling.addRow(3, new Label("Student epochs"), field("compress-distil-epochs",
                model.distilEpochsProperty(), "The student's epochs; 0 for as many as the run had."));
        distilling.disableProperty().bind(distil.selectedProperty().not());

        Label problem = new Label();
        problem.setId("compress-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add("problem-text");
        problem.setStyle("-fx-text-fill: #b00020;");
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        Button go = new Button("Compress");
        go.setId("compress-start");
        go.setDefaultButton(false);
        go.disableProperty().bind(model.problemProperty().isNotEmpty().or(model.runningProperty()));
        go.setOnAction(e -> model.compress());
        Button cancel = new Button("Cancel");
        cancel.setId("compress-cancel");
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());
        Label message = new Label();
        message.setId("compress-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());

        VBox box = new VBox(8, new Label("Run to compress"), run, prune, pruning, quantise, quantising, distil,
                distilling);
        box.setPadding(new Insets(8));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        // what to press and what it said stay in view however far the settings are scrolled
        VBox actions = new VBox(6, problem, new HBox(8, go, cancel), message);
        actions.setPadding(new Insets(6, 8, 8, 8));
        BorderPane column = new BorderPane(scroll);
        column.setBottom(actions);
        column.setPrefWidth(360);
        return column;
    }

    private BorderPane chartPane() {
        bySize.setToggleGroup(costs);
        byLatency.setToggleGroup(costs);
        bySize.setSelected(true);
        bySize.setId("compress-by-size");
        byLatency.setId("compress-by-latency");
        HBox axis = new HBox(6, new Label("Accuracy against"), bySize, byLatency);
        axis.setPadding(new Insets(4, 8, 4, 8));
        BorderPane pane = new BorderPane(chart.viewer());
        pane.setTop(axis);
        return pane;
    }

    private TableView<Variant> table() {
        table.setId("compress-variants");
        table.setItems(model.variants());
        Label none = new Label("Nothing compressed from this run yet: choose a method and press Compress. "
                + "Each result is a new run beside it, listed here and in the Runs panel.");
        none.setWrapText(true);
        none.setPadding(new Insets(12));
        table.setPlaceholder(none);
        table.getColumns().setAll(List.of(
                column("Method", Variant::method, 200),
                column("Accuracy", v -> String.format(Locale.ROOT, "%.4f", v.accuracy()), 70),
                column("File", v -> String.format(Locale.ROOT, "%,.1f KB", v.fileBytes() / 1024.0), 75),
                column("Parameters", v -> count(v, v.parameters()), 80),
                column("Non-zeros", v -> count(v, v.nonZeros()), 80),
                column("Latency", v -> Double.isNaN(v.latencyMs()) ? "—"
                        : String.format(Locale.ROOT, "%.2f ms", v.latencyMs()), 70),
                column("Measured in", Variant::runtime, 105),
                column("Run", Variant::name, 260)));
        return table;
    }

    /** A count, or "—" where its report did not record it (an original measured before counts were kept). */
    private static String count(Variant v, long count) {
        return v.figures().countsKnown() ? String.format(Locale.ROOT, "%,d", count) : "—";
    }

    private static TableColumn<Variant, String> column(String title, Function<Variant, String> value, double width) {
        TableColumn<Variant, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        return column;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value, String tip) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(6);
        field.textProperty().bindBidirectional(value);
        field.setTooltip(new Tooltip(tip));
        return field;
    }

    private static CheckBox check(String id, String text, javafx.beans.property.BooleanProperty value, String tip) {
        CheckBox box = new CheckBox(text);
        box.setId(id);
        box.selectedProperty().bindBidirectional(value);
        box.setTooltip(new Tooltip(tip));
        return box;
    }

    private void redraw() {
        chart.show(model.variants().stream().map(Variant::point).toList(), cost());
    }

    /** The native file chooser for a student design. */
    private static File chooseStudent(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Distil into: choose the student design (with the run's classes)");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Netwright designs", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return chooser.showOpenDialog(owner);
    }

    /** Answers "Choose…" for the student with {@code chooser} instead of the native file chooser (tests). */
    void setStudentChooser(Function<Window, File> chooser) {
        studentChooser = java.util.Objects.requireNonNull(chooser, "chooser");
    }

    /** What the chart's cost axis measures now. */
    public TradeOff.Cost cost() {
        return byLatency.isSelected() ? TradeOff.Cost.LATENCY : TradeOff.Cost.SIZE;
    }

    public TradeOffChart chart() {
        return chart;
    }

    public CompressModel model() {
        return model;
    }

    /** A run in the chooser: its name and result. */
    private static final class RunCell extends ListCell<RunRecord> {
        @Override
        protected void updateItem(RunRecord run, boolean empty) {
            super.updateItem(run, empty);
            setText(empty || run == null ? null : run.name() + "  " + run.result());
        }
    }
}
