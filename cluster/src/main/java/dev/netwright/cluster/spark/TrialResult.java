package dev.netwright.cluster.spark;

import dev.netwright.runtime.sweep.TrialLauncher;

import java.io.Serializable;

/**
 * What a trial's Spark task brings back: how the run went, the run folder the executor's worker wrote, and where
 * (the host, and the folder there, which the run's events name).
 */
record TrialResult(boolean failed, String message, int epochs, double bestValidationAccuracy, double validationLoss,
                   byte[] runFolder, String executorHost, String executorRunDir) implements Serializable {
    static TrialResult of(TrialLauncher.Outcome outcome, byte[] runFolder, String executorHost, String executorRunDir) {
        return new TrialResult(outcome.failed(), outcome.message(), outcome.epochs(), outcome.bestValidationAccuracy(),
                outcome.validationLoss(), runFolder, executorHost, executorRunDir);
    }

    TrialLauncher.Outcome outcome() {
        return new TrialLauncher.Outcome(failed, message, epochs, bestValidationAccuracy, validationLoss);
    }
}
