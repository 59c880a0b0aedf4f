package dev.netwright.app.evaluation;

import dev.netwright.charts.fx.ConfusionMatrixChart;
import dev.netwright.charts.fx.PerClassTable;
import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.train.TrainingEvent;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;

import java.util.Locale;

/**
 * The Evaluation panel: the validation confusion matrix (click a cell to list its samples), per-class
 * precision, recall and F1, and the gallery of misclassified samples.
 */
public final class EvaluationPanel extends SplitPane {
    private final ConfusionMatrixChart matrix = new ConfusionMatrixChart();
    private final PerClassTable perClass = new PerClassTable();
    private final MisclassifiedGallery gallery = new MisclassifiedGallery();
    private final Label summary = new Label("No evaluation yet.");
    private TrainingEvent.Evaluation evaluation;

    public EvaluationPanel() {
        setId("evaluation-panel");
        summary.setId("evaluation-summary");
        matrix.viewer().setId("confusion-matrix");
        matrix.setOnCellClicked(gallery::filter);
        BorderPane matrixPane = new BorderPane(matrix.viewer());
        matrixPane.setTop(summary);
        SplitPane left = new SplitPane(matrixPane, perClass.view());
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.62);
        getItems().setAll(left, gallery);
        setDividerPositions(0.5);
    }

    /** Shows an evaluation; the pictures follow when {@link #showSamples} gets them. */
    public void show(TrainingEvent.Evaluation result) {
        evaluation = result;
        matrix.show(result);
        perClass.show(result);
        gallery.show(result, null);
        int total = 0;
        for (int[] row : result.confusion()) {
            for (int count : row) {
                total += count;
            }
        }
        summary.setText(String.format(Locale.ROOT, "Validation accuracy %.3f on %d samples, %d misclassified (epoch %d)",
                result.accuracy(), total, result.misclassified().size(), result.epoch()));
    }

    /** A line above the matrix while an evaluation is on its way (or why there is none). */
    public void showPending(String message) {
        summary.setText(message);
    }

    /** The validation examples of the run shown, for the gallery's pictures. */
    public void showSamples(TrainingEvent.Evaluation forEvaluation, Examples validation) {
        if (forEvaluation == evaluation) {
            gallery.show(evaluation, validation);
        }
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

    public TrainingEvent.Evaluation evaluation() {
        return evaluation;
    }
}
