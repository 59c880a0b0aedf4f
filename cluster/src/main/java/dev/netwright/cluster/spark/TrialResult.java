package dev.netwright.cluster.spark;

import dev.netwright.runtime.sweep.TrialLauncher;

import java.io.Serializable;

/** What a trial's Spark task brings back: how the run went, the run folder the executor's worker wrote, and where. */
record TrialResult(boolean failed, String message, int epochs, double bestValidationAccuracy, double validationLoss,
                   byte[] runFolder, String executorHost) implements Serializable {
    static TrialResult of(TrialLauncher.Outcome outcome, byte[] runFolder, String executorHost) {
        return new TrialResult(outcome.failed(), outcome.message(), outcome.epochs(), outcome.bestValidationAccuracy(),
                outcome.validationLoss(), runFolder, executorHost);
    }

    TrialLauncher.Outcome outcome() {
        return new TrialLauncher.Outcome(failed, message, epochs, bestValidationAccuracy, validationLoss);
    }
}
