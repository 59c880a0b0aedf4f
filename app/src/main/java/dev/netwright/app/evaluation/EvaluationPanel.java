package dev.netwright.app.evaluation;

import dev.netwright.charts.fx.ConfusionMatrixChart;
import dev.netwright.charts.fx.PerClassTable;
import dev.netwright.runtime.train.TrainingEvent;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;

/**
 * The Evaluation panel: the validation confusion matrix (click a cell to select it and list its samples), per-class
 * precision, recall and F1, and the gallery of misclassified samples. It shows its {@link EvaluationModel}.
 */
public final class EvaluationPanel extends SplitPane {
    private final EvaluationModel model;
    private final ConfusionMatrixChart matrix = new ConfusionMatrixChart();
    private final PerClassTable perClass = new PerClassTable();
    private final MisclassifiedGallery gallery = new MisclassifiedGallery();
    private final Label summary = new Label();

    public EvaluationPanel(EvaluationModel model) {
        this.model = model;
        setId("evaluation-panel");
        summary.setId("evaluation-summary");
        summary.textProperty().bind(model.summaryProperty());
        matrix.viewer().setId("confusion-matrix");
        matrix.setOnCellClicked(gallery::filter);
        BorderPane matrixPane = new BorderPane(matrix.viewer());
        matrixPane.setTop(summary);
        SplitPane left = new SplitPane(matrixPane, perClass.view());
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.62);
        getItems().setAll(left, gallery);
        setDividerPositions(0.5);
        model.evaluationProperty().addListener((o, was, now) -> {
            matrix.show(now);
            perClass.show(now);
            gallery.show(now, null); // the pictures follow
        });
        model.samplesProperty().addListener((o, was, now) -> {
            if (now != null) {
                gallery.show(model.evaluation(), now);
            }
        });
    }

    public EvaluationModel model() {
        return model;
    }

    public ConfusionMatrixChart matrix() {
        return matrix;
    }

    public PerClassTable perClass() {
        return perClass;
    }

    public MisclassifiedGallery gallery() {
        return gallery;
    }

    /** The evaluation shown; null until there is one. */
    public TrainingEvent.Evaluation evaluation() {
        return model.evaluation();
    }
}
