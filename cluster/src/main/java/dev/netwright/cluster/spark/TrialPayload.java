package dev.netwright.cluster.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a trial's Spark task carries to its executor: the trial's run folder as the driver prepared it (its
 * {@code run.json}: the design, the settings and the data reference; a checkpoint to go on from, for a promoted
 * halving trial) and where that folder is on the driver, so that paths into it can be moved to the executor's copy.
 */
record TrialPayload(String trialId, String driverRunDir, byte[] runFolder) implements Serializable {
    TrialPayload {
        Objects.requireNonNull(trialId, "trialId");
        Objects.requireNonNull(driverRunDir, "driverRunDir");
        Objects.requireNonNull(runFolder, "runFolder");
    }
}
