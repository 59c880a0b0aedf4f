package dev.netwright.app.runs;

import dev.netwright.app.training.RunRecord;
import dev.netwright.charts.metrics.RunMetrics;
import dev.netwright.charts.metrics.Series;
import dev.netwright.runtime.train.RunRequest;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One run as a row of the Runs panel: what it was trained with and how it went, as values that sort (numbers as
 * numbers, a missing figure empty and last). Made from a {@link RunRecord} alone: no file is read.
 *
 * @param run               the run it shows
 * @param state             finished, stopped, failed or incomplete
 * @param epochsDone        epochs that ended
 * @param epochsAsked       epochs the run was asked for (empty when its request is unknown)
 * @param bestValidation    the best validation accuracy of an epoch
 * @param lastValidation    the last epoch's validation accuracy
 * @param lastValidationLoss the last epoch's validation loss
 * @param savedModel        the saved model's accuracy, as the Evaluation panel shows it (for an int8 model, as
 *                          measured when it was made)
 * @param samplesPerSecond  the training throughput at the end (empty before the first iteration)
 */
public record RunComparison(RunRecord run, String state, int epochsDone, OptionalInt epochsAsked,
                            OptionalDouble bestValidation, OptionalDouble lastValidation,
                            OptionalDouble lastValidationLoss, OptionalDouble savedModel, OptionalDouble samplesPerSecond) {

    public static RunComparison of(RunRecord run) {
        RunMetrics metrics = run.metrics();
        Series accuracy = metrics.validationAccuracy();
        OptionalDouble best = OptionalDouble.empty();
        for (int i = 0; i < accuracy.size(); i++) {
            if (best.isEmpty() || accuracy.y(i) > best.getAsDouble()) {
                best = OptionalDouble.of(accuracy.y(i));
            }
        }
        return new RunComparison(run, run.ending(), accuracy.size(),
                // a compressed model made without training (int8, pruned without fine-tuning) keeps its parent's
                // run.json, whose epochs it was never asked for
                run.request() == null || (run.compression() != null && accuracy.isEmpty()) ? OptionalInt.empty()
                        : OptionalInt.of(run.request().epochs()),
                best, last(accuracy), last(metrics.validationLoss()),
                run.modelAccuracy(),
                last(metrics.samplesPerSecond()));
    }

    public String name() {
        return run.name();
    }

    /** The request's settings, or null for a run whose run.json could not be read. */
    public RunRequest request() {
        return run.request();
    }

    /** "2 of 3" epochs, or "2" when the request is unknown. */
    public String epochs() {
        return epochsDone + epochsAsked.stream().mapToObj(asked -> " of " + asked).findFirst().orElse("");
    }

    private static OptionalDouble last(Series series) {
        return series.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(series.lastY());
    }
}
