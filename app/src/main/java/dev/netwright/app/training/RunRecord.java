package dev.netwright.app.training;

import dev.netwright.app.evaluation.EvaluationModel;
import dev.netwright.charts.metrics.RunMetrics;
import dev.netwright.runtime.compress.CompressionReport;
import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingEvent;

import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * One earlier run of the design: its folder, what it was asked to do, how it went, and the evaluation of its saved
 * model ({@code evaluation.json}, or the worker's in its events), or why it has none; for a compressed model, what
 * its {@link CompressionReport} measured (null for other runs).
 */
public record RunRecord(Path dir, RunRequest request, RunMetrics metrics, TrainingEvent.Evaluation evaluation,
                        String noEvaluation, CompressionReport compression) {

    /** A run as its events tell it, with the worker's evaluation if there is one. */
    public RunRecord(Path dir, RunRequest request, RunMetrics metrics) {
        this(dir, request, metrics, metrics.evaluation(), metrics.evaluation() == null ? "This run has no evaluation." : null,
                null);
    }

    /**
     * The saved model's accuracy: its evaluation's, or for a compressed model without one (an int8 model, which
     * Deeplearning4j cannot evaluate) the accuracy measured when it was made; empty when neither is known.
     */
    public OptionalDouble modelAccuracy() {
        if (evaluation != null) {
            return OptionalDouble.of(evaluation.accuracy());
        }
        return compression == null ? OptionalDouble.empty() : OptionalDouble.of(compression.result().accuracy());
    }

    /** The folder's name; a sweep's trial is named with its experiment's folder ({@code cnn-sweep-…/trial-003}). */
    public String name() {
        String own = dir.getFileName().toString();
        Path parent = dir.getParent();
        return own.matches("trial-\\d+") && parent != null && parent.getFileName() != null
                ? parent.getFileName() + "/" + own : own;
    }

    /** How the run ended: finished, stopped, failed, or incomplete (no end in its events). */
    public String ending() {
        return switch (metrics.state()) {
            case FINISHED -> "finished";
            case STOPPED -> "stopped";
            case FAILED -> "failed";
            default -> "incomplete";
        };
    }

    /**
     * Optimizer, learning rate (and its schedule, if not constant), batch size, epochs, the sample limit and the
     * augmentation where there is one, in a few words.
     */
    public String settings() {
        if (request == null) {
            return "";
        }
        String schedule = request.lrSchedule() instanceof LearningRateSchedule.Constant ? ""
                : " (" + request.lrSchedule().spec() + ")";
        return String.format(Locale.ROOT, "%s lr %s%s, batch %d, %d epoch(s)%s", request.settings().optimizer(),
                request.settings().learningRate(), schedule, request.batchSize(), request.epochs(),
                request.maxTrainExamples() > 0 ? ", " + request.maxTrainExamples() + " samples" : "")
                + (request.augmentation().isNone() ? "" : ", augmented " + request.augmentation().spec());
    }

    /**
     * The saved model's accuracy ("test acc" where the run held a test set out, else "acc" on validation) and which
     * model that is (what the Evaluation panel shows for this run),
     * or without an evaluation the last epoch's validation accuracy and loss; then how the run ended.
     */
    public String result() {
        String end = ending();
        if (evaluation != null) {
            return String.format(Locale.ROOT, "%sacc %.3f, %s (%s)", evaluation.onTestSet() ? "test " : "",
                    evaluation.accuracy(),
                    EvaluationModel.modelOf(evaluation), end);
        }
        if (compression != null) {
            return String.format(Locale.ROOT, "%sacc %.3f, %s (%s)", "test".equals(compression.evaluatedOn()) ? "test " : "",
                    compression.result().accuracy(), compression.method(), end);
        }
        if (metrics.validationAccuracy().isEmpty()) {
            return end;
        }
        return String.format(Locale.ROOT, "acc %.3f, loss %.3f (%s)", metrics.validationAccuracy().lastY(),
                metrics.validationLoss().lastY(), end);
    }
}
