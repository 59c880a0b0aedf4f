package dev.netwright.app.training;

import dev.netwright.charts.fx.MetricsChart;
import dev.netwright.charts.fx.RateChart;
import dev.netwright.charts.metrics.RunMetrics;
import dev.netwright.runtime.train.TrainingEvent;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.List;

/**
 * The Training panel: settings, Train/Pause/Resume/Stop, progress with epoch, samples/s and ETA, the live
 * loss/accuracy chart with its learning-rate and throughput strip, and the runs of this design (select one to
 * overlay it on the current curves, or two to compare them).
 */
public final class TrainingPanel extends SplitPane {
    /** The runs list's least height: its title, the table's header and three runs. */
    static final double RUNS_MIN_HEIGHT = 24 + 26 + 3 * 25;
    private final TrainingModel model;
    private final TrainingForm form = new TrainingForm();
    private final MetricsChart metricsChart = new MetricsChart();
    private final RateChart rateChart = new RateChart();
    private final Button train = new Button("Train");
    private final Button pause = new Button("Pause");
    private final Button resume = new Button("Resume");
    private final Button stop = new Button("Stop");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label();
    private final Label message = new Label();
    private final Label problem = new Label();
    private final ClusterSetting clusterSetting = new ClusterSetting();
    private final javafx.scene.control.TextField cluster = new javafx.scene.control.TextField();
    private final Label clusterProblem = new Label();
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final TableView<RunRecord> runsTable = new TableView<>(runs);
    private RunMetrics shownComparison;
    /**
     * How often the charts are redrawn while a run goes: rasterising them is the window's main cost, and on a
     * small machine the run shares its cores with the window (docs/benchmarks.md, "Main window").
     */
    public static final javafx.util.Duration CHART_INTERVAL = javafx.util.Duration.millis(250);
    private javafx.util.Duration chartInterval = CHART_INTERVAL;
    private final javafx.animation.PauseTransition trailingDraw = new javafx.animation.PauseTransition(CHART_INTERVAL);
    private long lastChartDraw;
    /** Training examples of the data, where known before a run (the Data panel's), for the planned learning rate. */
    private long knownTrainExamples;
    private TrainingEvent.RunStarted planFor;

    public TrainingPanel(TrainingModel model) {
        this.model = model;
        setId("training-panel");
        train.setId("train");
        pause.setId("pause");
        resume.setId("resume");
        stop.setId("stop");
        progress.setId("progress");
        progressText.setId("progress-text");
        message.setId("run-message");
        problem.setId("run-problem");
        problem.setWrapText(true);
        problem.setStyle("-fx-text-fill: #b00020; -fx-font-weight: bold;");
        showProblem(null);
        runsTable.setId("runs");
        train.setDefaultButton(false);
        train.setTooltip(new Tooltip("Train the design with these settings (Ctrl+Enter)"));
        train.disableProperty().bind(unless(RunState::canStart).or(clusterSetting.problemProperty().isNotEmpty()));
        cluster.setId("cluster");
        cluster.setPromptText("empty: this machine");
        cluster.setPrefColumnCount(16);
        cluster.setTooltip(new Tooltip("Where the run trains: empty for this machine, or an Apache Spark master URL, "
                + "spark://HOST:PORT or local[N], to train the saved design there data-parallel. Needs Netwright's "
                + "cluster module (docs/guide.md, \"Training on a cluster\")."));
        cluster.textProperty().bindBidirectional(clusterSetting.clusterProperty());
        cluster.editableProperty().bind(model.stateProperty().isEqualTo(RunState.IDLE));
        clusterProblem.setId("cluster-problem");
        clusterProblem.setWrapText(true);
        clusterProblem.setStyle("-fx-text-fill: #b00020;");
        clusterProblem.textProperty().bind(clusterSetting.problemProperty());
        clusterProblem.visibleProperty().bind(clusterSetting.problemProperty().isNotEmpty());
        clusterProblem.managedProperty().bind(clusterProblem.visibleProperty());
        pause.disableProperty().bind(unless(RunState::canPause).or(model.pausableProperty().not()));
        resume.disableProperty().bind(unless(RunState::canResume));
        stop.disableProperty().bind(unless(RunState::canStop));
        pause.setOnAction(e -> model.pause());
        resume.setOnAction(e -> model.resume());
        stop.setOnAction(e -> model.stop());
        form.editableProperty().bind(model.stateProperty().isEqualTo(RunState.IDLE));
        message.textProperty().bind(model.messageProperty());
        message.setWrapText(true);
        progress.setMaxWidth(Double.MAX_VALUE);
        for (Label wrapped : List.of(message, problem, clusterProblem)) {
            // they wrap within the width the form gives the panel, instead of widening it by their whole text
            wrapped.setMinWidth(0);
            wrapped.setPrefWidth(0);
            wrapped.setMaxWidth(Double.MAX_VALUE);
            // all their lines, always: on a short panel the settings' scroller gives up the room (under Xvfb the
            // cluster problem was cut to one line, "… use ...", the settings' form squeezed beside it)
            wrapped.setMinHeight(Region.USE_PREF_SIZE);
            Tooltip whole = new Tooltip();
            whole.textProperty().bind(wrapped.textProperty());
            whole.setWrapText(true);
            whole.setMaxWidth(600);
            wrapped.setTooltip(whole);
        }
        // While a run is under way its message changes several times a second and wraps to one line or two: it keeps
        // room for two then, so that the buttons above it do not jump under the pointer as it changes (when idle, the
        // settings above have the room).
        message.minHeightProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(model.stateProperty().get().isActive() ? linesHigh(message, 2) : 0,
                        message.prefHeight(message.getWidth())),
                message.textProperty(), message.widthProperty(), message.fontProperty(), model.stateProperty()));

        HBox buttons = new HBox(6, train, pause, resume, stop);
        Label clusterLabel = new Label("Cluster");
        clusterLabel.setLabelFor(cluster);
        HBox clusterRow = new HBox(6, clusterLabel, cluster);
        clusterRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        clusterRow.setPadding(new Insets(0, 8, 0, 8));
        HBox.setHgrow(cluster, Priority.ALWAYS);
        VBox progressBox = new VBox(4, clusterProblem, progress, progressText, message, problem);
        progressBox.setPadding(new Insets(0, 8, 0, 8));
        buildRunsTable();
        // On a short screen the form scrolls rather than squeeze the designer above or the runs below; Train and
        // the progress stay in sight under it.
        ScrollPane formScroller = new ScrollPane(form.view());
        formScroller.setFitToWidth(true);
        formScroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        formScroller.getStyleClass().add("edge-to-edge");
        formScroller.setMinHeight(52);
        VBox.setVgrow(formScroller, Priority.ALWAYS);
        VBox settings = new VBox(6, formScroller, clusterRow, buttons, progressBox);
        buttons.setPadding(new Insets(0, 8, 0, 8));
        Label runsTitle = new Label("Runs of this design — select one to overlay it, two to compare them");
        runsTitle.setPadding(new Insets(4, 8, 2, 8));
        VBox runsBox = new VBox(runsTitle, runsTable);
        VBox.setVgrow(runsTable, Priority.ALWAYS);
        runsBox.setMinHeight(RUNS_MIN_HEIGHT); // the title, the header and three runs (it showed one and a half)
        SplitPane left = new SplitPane(settings, runsBox);
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.72);
        SplitPane.setResizableWithParent(settings, false);
        placeDividerUnderSettings(left, settings);
        left.setMinWidth(400);

        VBox charts = new VBox(metricsChart.viewer(), rateChart.viewer());
        VBox.setVgrow(metricsChart.viewer(), Priority.ALWAYS);
        rateChart.alignWith(metricsChart);
        rateChart.viewer().setPrefHeight(150);
        rateChart.viewer().setMinHeight(110);
        setOrientation(Orientation.HORIZONTAL);
        getItems().setAll(left, charts);
        setDividerPositions(0.33);

        trailingDraw.setOnFinished(e -> redraw());
        model.metricsProperty().addListener((o, old, now) -> redraw());
        model.stateProperty().addListener((o, old, now) -> redraw());
        model.setOnEvents(this::eventsArrived);
        runsTable.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunRecord>) c -> redraw());
        TrainingSettingsModel values = form.model();
        for (javafx.beans.Observable value : List.of(values.learningRateProperty(), values.batchSizeProperty(),
                values.epochsProperty(), values.maxTrainProperty(), values.schedule().typeProperty(),
                values.schedule().firstProperty(), values.schedule().secondProperty())) {
            value.addListener(o -> showPlannedRate());
        }
        showPlannedRate();
    }

    /**
     * The number of training examples of the design's data, once read (0: not known): the planned learning rate is
     * drawn over the run's iterations, which need it.
     */
    public void setTrainExamples(long count) {
        knownTrainExamples = count;
        showPlannedRate();
    }

    /** Draws the schedule the form plans, over the live (or last) run's examples, else the data's where known. */
    private void showPlannedRate() {
        TrainingEvent.RunStarted started = model.metricsProperty().get().started();
        planFor = started;
        long examples = started != null ? started.samplesPerEpoch() : knownTrainExamples;
        rateChart.showPlannedRate(form.model().plannedRates(examples));
    }

    /** True while the run's state does not allow {@code rule} (a button's disabled state). */
    private javafx.beans.binding.BooleanBinding unless(java.util.function.Predicate<RunState> rule) {
        return Bindings.createBooleanBinding(() -> !rule.test(model.state()), model.stateProperty());
    }

    /** Redraws the charts at most this often during a run (the benchmark compares intervals). */
    public void setChartInterval(javafx.util.Duration interval) {
        chartInterval = interval;
        trailingDraw.setDuration(interval);
    }

    public TrainingForm form() {
        return form;
    }

    /** The Cluster setting: where Train sends the run (empty: this machine). */
    public ClusterSetting cluster() {
        return clusterSetting;
    }

    public TrainingModel model() {
        return model;
    }

    /**
     * Once the column has its height: the divider goes just under the settings, so that they show whole and the
     * runs list has the rest (at least its least height; the settings scroll when the column is shorter).
     */
    private static void placeDividerUnderSettings(SplitPane column, VBox settings) {
        column.heightProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number was, Number now) {
                if (now.doubleValue() > 0) {
                    column.heightProperty().removeListener(this);
                    double wanted = settings.prefHeight(column.getWidth()) + 2;
                    column.setDividerPositions(Math.min(0.85, wanted / now.doubleValue()));
                }
            }
        });
    }

    public MetricsChart metricsChart() {
        return metricsChart;
    }

    public RateChart rateChart() {
        return rateChart;
    }

    public TableView<RunRecord> runsTable() {
        return runsTable;
    }

    /** The Train button's action (the workspace checks the design, makes the run folder and locks the design). */
    public void setOnTrain(Runnable action) {
        train.setOnAction(e -> action.run());
    }

    /** Shows a problem that kept a run from starting or ended it (null clears it). */
    public void showProblem(String text) {
        problem.setText(text == null ? "" : text);
        problem.setVisible(text != null && !text.isBlank());
        problem.setManaged(problem.isVisible());
    }

    /** The problem line's text (empty when there is none). */
    public String problem() {
        return problem.getText();
    }

    /** Replaces the list of earlier runs (FX thread). */
    public void showRuns(List<RunRecord> records) {
        runs.setAll(records);
    }

    /**
     * Progress on every batch (≤ 10 Hz); the charts at most every {@link #CHART_INTERVAL} while a run goes, at once at
     * an epoch's end and at the end of the run. Rasterising the charts is the window's main cost during training,
     * and the run shares the machine's cores with it.
     */
    private void eventsArrived(List<TrainingEvent> batch) {
        boolean milestone = batch.stream().anyMatch(e -> e instanceof TrainingEvent.EpochEnd || e.isTerminal()
                || e instanceof TrainingEvent.RunStarted);
        long now = System.nanoTime();
        if (milestone || now - lastChartDraw >= chartInterval.toMillis() * 1_000_000L) {
            redraw();
            return;
        }
        updateProgress();
        if (!trailingDraw.getStatus().equals(javafx.animation.Animation.Status.RUNNING)) {
            trailingDraw.playFromStart(); // the last points of a pause or a slow stretch are drawn too
        }
    }

    /** Redraws charts and progress: the live (or last) run, with a selected run overlaid; or two selected runs. */
    void redraw() {
        lastChartDraw = System.nanoTime();
        trailingDraw.stop();
        List<RunRecord> selected = List.copyOf(runsTable.getSelectionModel().getSelectedItems());
        RunMetrics primary = model.metricsProperty().get();
        RunRecord comparison = null;
        if (!model.state().isActive() && selected.size() == 2) {
            primary = selected.get(0).metrics();
            comparison = selected.get(1);
        } else if (!model.state().isActive() && selected.size() == 1 && primary.started() == null) {
            primary = selected.get(0).metrics();
        } else if (!selected.isEmpty()) {
            comparison = selected.get(0);
        }
        metricsChart.update(primary);
        RunMetrics compareWith = comparison == null || comparison.metrics() == primary ? null : comparison.metrics();
        if (compareWith != shownComparison) {
            if (compareWith == null) {
                metricsChart.clearComparison();
            } else {
                metricsChart.compareWith(compareWith, comparison.name());
            }
            shownComparison = compareWith;
        }
        if (model.metricsProperty().get().started() != planFor) {
            showPlannedRate(); // a run started: its own number of examples
        }
        rateChart.update(primary);
        updateProgress();
    }

    private void updateProgress() {
        RunMetrics live = model.metricsProperty().get();
        progress.setProgress(live.started() == null ? (model.state().isActive() ? ProgressBar.INDETERMINATE_PROGRESS : 0) : live.progress());
        progressText.setText(ProgressText.of(live, model.state()));
    }

    private void buildRunsTable() {
        runsTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        runsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        runsTable.setPlaceholder(new Label("No runs yet: press Train."));
        runsTable.getColumns().add(column("Run", RunRecord::name));
        runsTable.getColumns().add(column("Settings", RunRecord::settings));
        runsTable.getColumns().add(column("Result", RunRecord::result));
    }

    private static TableColumn<RunRecord, String> column(String title, java.util.function.Function<RunRecord, String> value) {
        TableColumn<RunRecord, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    /** The height of {@code lines} lines of the label's font, as the label lays them out (whole pixels, padding included). */
    private static double linesHigh(Label label, int lines) {
        javafx.scene.text.Text line = new javafx.scene.text.Text("Xg");
        line.setFont(label.getFont());
        javafx.geometry.Insets insets = label.getInsets();
        return lines * Math.ceil(line.getLayoutBounds().getHeight() + label.getLineSpacing()) + insets.getTop()
                + insets.getBottom();
    }
}
