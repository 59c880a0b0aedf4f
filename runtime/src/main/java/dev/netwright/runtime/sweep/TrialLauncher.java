package dev.netwright.runtime.sweep;

import dev.netwright.runtime.train.RunRequest;

import java.nio.file.Path;

/** Trains one trial's run to its end; the sweep runner calls it from several threads at once. */
public interface TrialLauncher {
    /** How a trial's run went: the epoch it reached and its best validation accuracy (with that epoch's loss). */
    record Outcome(boolean failed, String message, int epochs, double bestValidationAccuracy, double validationLoss) {
        public static Outcome failure(String message) {
            return new Outcome(true, message, 0, Double.NaN, Double.NaN);
        }
    }

    /** Trains {@code request} in {@code runDir} and waits for the end. */
    Outcome run(RunRequest request, Path runDir) throws InterruptedException;

    /** Ends every run still going, at once (the sweep is being stopped; a restart trains them again). */
    void stopAll();
}
