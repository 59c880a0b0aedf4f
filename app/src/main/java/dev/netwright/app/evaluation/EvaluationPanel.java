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
    /** The least height of a row of the confusion matrix: its count and class name in 11-point type. */
    static final double MIN_ROW_HEIGHT = 16;
    /** The summary line, the predicted axis with its labels and the chart's insets. */
    static final double MATRIX_MARGINS = 80;
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
        // The matrix has the panel's whole height (under it the per-class table left 14 px a row to ten classes,
        // and their labels ran into each other); the samples and the per-class figures share the other side.
        SplitPane right = new SplitPane(gallery, perClass.view());
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.62);
        getItems().setAll(matrixPane, right);
        setDividerPositions(0.45);
        model.evaluationProperty().addListener((o, was, now) -> {
            // rows never get shorter than their labels: the panel stops shrinking instead
            matrixPane.setMinHeight(now == null ? 0 : MATRIX_MARGINS + MIN_ROW_HEIGHT * now.classNames().size());
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
