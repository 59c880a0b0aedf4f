package dev.netwright.app.doctor;

import dev.netwright.charts.fx.LayerSignalsChart;
import dev.netwright.runtime.train.TrainingEvent;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Consumer;

/**
 * The Doctor tab: the training doctor's findings on the run in view, each with its explanation and what to try. A
 * suggestion the window can apply is a link that applies it to the design as one undoable edit; under the list, what it
 * changed and links to train again with it, afresh or resuming from the run's trained weights. A click on a finding's words shows its node on the canvas; choosing a
 * finding about a node, or a layer, charts that layer's sampled signals.
 */
public final class DoctorPanel extends BorderPane {
    private final DoctorModel model;
    private final ListView<TrainingEvent.Finding> list = new ListView<>();
    private final LayerSignalsChart chart = new LayerSignalsChart();

    public DoctorPanel(DoctorModel model) {
        this.model = model;
        Label heading = new Label();
        heading.setId("doctor-heading");
        heading.setWrapText(true);
        heading.textProperty().bind(model.headingProperty());
        heading.setPadding(new Insets(6));
        list.setId("doctor-findings");
        list.setItems(model.findings());
        list.setPlaceholder(new Label("No findings."));
        list.setCellFactory(view -> new FindingCell(view, model::apply, model::open));
        Label outcome = new Label();
        outcome.setId("doctor-outcome");
        outcome.setWrapText(true);
        outcome.textProperty().bind(model.outcomeProperty());
        Hyperlink trainAgain = new Hyperlink("Train again with this change");
        trainAgain.setId("doctor-train-again");
        trainAgain.visibleProperty().bind(model.trainAgainOfferedProperty());
        trainAgain.managedProperty().bind(trainAgain.visibleProperty());
        trainAgain.setOnAction(e -> model.trainAgain());
        Hyperlink resume = new Hyperlink("Resume from this run with this change");
        resume.setId("doctor-resume");
        resume.visibleProperty().bind(model.resumeOfferedProperty());
        resume.managedProperty().bind(resume.visibleProperty());
        resume.setOnAction(e -> model.resume());
        Label noResume = new Label();
        noResume.setId("doctor-no-resume");
        noResume.setWrapText(true);
        noResume.textProperty().bind(model.noResumeProperty());
        noResume.visibleProperty().bind(model.noResumeProperty().isNotEmpty());
        noResume.managedProperty().bind(noResume.visibleProperty());
        VBox bottom = new VBox(2, outcome, new HBox(12, trainAgain, resume), noResume);
        bottom.setPadding(new Insets(4, 6, 6, 6));
        bottom.visibleProperty().bind(model.outcomeProperty().isNotEmpty());
        bottom.managedProperty().bind(bottom.visibleProperty());
        list.getSelectionModel().selectedItemProperty().addListener((o, was, finding) -> model.chartFor(finding));
        setTop(heading);
        // the charts go right of the list, which keeps the tab's height: the tab is wide and low under the canvas
        HBox.setHgrow(list, Priority.ALWAYS);
        HBox findingsAndCharts = new HBox(list, chart.viewer());
        VBox.setVgrow(findingsAndCharts, Priority.ALWAYS);
        setCenter(new VBox(findingsAndCharts, layerChoice()));
        setBottom(bottom);
        setId("doctor-panel");
    }

    /**
     * Per-layer charts on demand: a choice of the layers the run's signals name (a finding about a node chooses its
     * node); the charts of that layer's update ratio, gradient norm and activations over iterations show beside the
     * list while one is chosen.
     */
    private HBox layerChoice() {
        ComboBox<String> choice = new ComboBox<>(model.signalNodes());
        choice.setId("doctor-layer-choice");
        choice.setPromptText("choose a layer");
        choice.valueProperty().bindBidirectional(model.chartedNodeProperty());
        choice.disableProperty().bind(Bindings.isEmpty(model.signalNodes()));
        Label label = new Label("Signals of a layer:");
        HBox row = new HBox(6, label, choice);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setPadding(new Insets(4, 6, 2, 6));
        chart.viewer().setId("doctor-layer-signals");
        chart.viewer().setPrefWidth(560);
        chart.viewer().setMinWidth(360);
        chart.viewer().visibleProperty().bind(model.chartedNodeProperty().isNotNull());
        chart.viewer().managedProperty().bind(chart.viewer().visibleProperty());
        Runnable redraw = () -> {
            if (model.chartedNodeProperty().get() != null) {
                chart.show(model.signalsProperty().get(), model.chartedNodeProperty().get());
            }
        };
        model.signalsProperty().addListener((o, was, now) -> redraw.run());
        model.chartedNodeProperty().addListener((o, was, now) -> redraw.run());
        return row;
    }

    /** The charts of the chosen layer's signals. */
    LayerSignalsChart layerChart() {
        return chart;
    }

    public DoctorModel model() {
        return model;
    }

    ListView<TrainingEvent.Finding> list() {
        return list;
    }

    /**
     * One finding: a bold title, the explanation wrapped to the list's width, then what to try, one line each: a link
     * where the window can apply it, plain words where it cannot (advice, settings made on the command line).
     */
    private static final class FindingCell extends ListCell<TrainingEvent.Finding> {
        private final Label title = new Label();
        private final Label explanation = new Label();
        private final VBox actions = new VBox(0);
        private final VBox box = new VBox(2, title, explanation, actions);
        private final Consumer<TrainingEvent.Action> apply;

        FindingCell(ListView<TrainingEvent.Finding> view, Consumer<TrainingEvent.Action> apply,
                    Consumer<TrainingEvent.Finding> open) {
            this.apply = apply;
            // a click on the finding's words (not on a link) shows its node on the canvas
            for (Label words : List.of(title, explanation)) {
                words.setOnMouseClicked(e -> {
                    if (e.getButton() == MouseButton.PRIMARY && getItem() != null) {
                        open.accept(getItem());
                    }
                });
            }
            setPrefWidth(0); // the cell takes the list's width and its text wraps, with no sideways scrolling
            title.setStyle("-fx-font-weight: bold;");
            explanation.setWrapText(true);
            box.maxWidthProperty().bind(view.widthProperty().subtract(30));
            explanation.maxWidthProperty().bind(box.maxWidthProperty());
        }

        private javafx.scene.Node row(TrainingEvent.Action action) {
            if (!FindingActions.appliable(action)) {
                Label text = new Label("Try: " + action.description());
                text.setWrapText(true);
                text.maxWidthProperty().bind(box.maxWidthProperty());
                return text;
            }
            Hyperlink link = new Hyperlink(action.description());
            link.getStyleClass().add("doctor-action");
            link.setWrapText(true);
            link.maxWidthProperty().bind(box.maxWidthProperty().subtract(40));
            link.setOnAction(e -> apply.accept(action));
            HBox row = new HBox(2, new Label("Try:"), link);
            row.setAlignment(Pos.BASELINE_LEFT);
            return row;
        }

        @Override
        protected void updateItem(TrainingEvent.Finding finding, boolean empty) {
            super.updateItem(finding, empty);
            if (empty || finding == null) {
                setGraphic(null);
                return;
            }
            title.setText(DoctorModel.title(finding));
            title.setCursor(finding.node() == null ? Cursor.DEFAULT : Cursor.HAND);
            explanation.setText(finding.explanation());
            actions.getChildren().setAll(finding.actions().stream().map(this::row).toList());
            setGraphic(box);
        }
    }
}
