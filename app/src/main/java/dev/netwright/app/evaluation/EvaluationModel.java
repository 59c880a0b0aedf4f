package dev.netwright.app.evaluation;

import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.train.TrainingEvent;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Locale;

/**
 * The Evaluation panel's view model: the evaluation shown, its summary line (or a line on one still to come),
 * and the validation examples for its gallery's pictures, which arrive later. For the UI thread.
 */
public final class EvaluationModel {
    static final String NONE_YET = "No evaluation yet.";

    private final ReadOnlyObjectWrapper<TrainingEvent.Evaluation> evaluation = new ReadOnlyObjectWrapper<>(this, "evaluation");
    private final ReadOnlyObjectWrapper<Examples> samples = new ReadOnlyObjectWrapper<>(this, "samples");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", NONE_YET);

    /** The evaluation shown; null until there is one. */
    public ReadOnlyObjectProperty<TrainingEvent.Evaluation> evaluationProperty() {
        return evaluation.getReadOnlyProperty();
    }

    public TrainingEvent.Evaluation evaluation() {
        return evaluation.get();
    }

    /** The validation examples of the evaluation shown, once read; null until then. */
    public ReadOnlyObjectProperty<Examples> samplesProperty() {
        return samples.getReadOnlyProperty();
    }

    /** The line above the matrix: accuracy, samples and mistakes, or why there is no evaluation (yet). */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Shows an evaluation; its pictures follow with {@link #showSamples}. */
    public void show(TrainingEvent.Evaluation result) {
        samples.set(null);
        evaluation.set(result);
        summary.set(summaryOf(result));
    }

    /** A line above the matrix while an evaluation is on its way (or why there is none). */
    public void showPending(String message) {
        summary.set(message);
    }

    /** Shows no evaluation, and why (a selected run that has none). */
    public void showNone(String why) {
        samples.set(null);
        evaluation.set(null);
        summary.set(why);
    }

    /** The validation examples of {@code forEvaluation}; dropped when another evaluation is shown by now. */
    public void showSamples(TrainingEvent.Evaluation forEvaluation, Examples validation) {
        if (forEvaluation == evaluation.get()) {
            samples.set(validation);
        }
    }

    static String summaryOf(TrainingEvent.Evaluation result) {
        int total = 0;
        for (int[] row : result.confusion()) {
            for (int count : row) {
                total += count;
            }
        }
        return String.format(Locale.ROOT, "%s accuracy %.3f on %d samples, %d misclassified (%s)",
                result.onTestSet() ? "Test" : "Validation", result.accuracy(), total, result.misclassified().size(), modelOf(result));
    }

    /**
     * Which model was evaluated, in a few words: "epoch 2, last model" (as training ended or was stopped) or "epoch 3,
     * best model" (the one early stopping kept); "epoch 2" for an evaluation written before this was recorded.
     */
    public static String modelOf(TrainingEvent.Evaluation result) {
        if (TrainingEvent.Evaluation.IMPORTED.equals(result.model())) {
            return "the design's own weights, not trained here";
        }
        return "epoch " + result.epoch() + (result.model() == null ? "" : ", " + result.model() + " model");
    }
}
