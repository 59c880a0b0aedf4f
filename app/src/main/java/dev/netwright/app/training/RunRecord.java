package dev.netwright.app.training;

import dev.netwright.charts.metrics.RunMetrics;
import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.train.RunRequest;

import java.nio.file.Path;
import java.util.Locale;

/** One earlier run of the design: its folder, what it was asked to do, and how it went. */
public record RunRecord(Path dir, RunRequest request, RunMetrics metrics) {

    public String name() {
        return dir.getFileName().toString();
    }

    /** Optimizer, learning rate (and its schedule, if not constant), batch size and epochs, in a few words. */
    public String settings() {
        if (request == null) {
            return "";
        }
        String schedule = request.lrSchedule() instanceof LearningRateSchedule.Constant ? ""
                : " (" + request.lrSchedule().spec() + ")";
        return String.format(Locale.ROOT, "%s lr %s%s, batch %d, %d epoch(s)%s", request.settings().optimizer(),
                request.settings().learningRate(), schedule, request.batchSize(), request.epochs(),
                request.maxTrainExamples() > 0 ? ", " + request.maxTrainExamples() + " samples" : "");
    }

    /** The last validation accuracy and loss, or how the run ended. */
    public String result() {
        String end = switch (metrics.state()) {
            case FINISHED -> "finished";
            case STOPPED -> "stopped";
            case FAILED -> "failed";
            default -> "incomplete";
        };
        if (metrics.validationAccuracy().isEmpty()) {
            return end;
        }
        return String.format(Locale.ROOT, "acc %.3f, loss %.3f (%s)", metrics.validationAccuracy().lastY(),
                metrics.validationLoss().lastY(), end);
    }
}
