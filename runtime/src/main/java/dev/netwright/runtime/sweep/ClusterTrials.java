package dev.netwright.runtime.sweep;

import java.io.IOException;

/**
 * Runs a sweep's trials on a cluster ({@code netwright sweep --cluster MASTER}). The implementation lives in the
 * optional cluster module (netwright-cluster, Apache Spark) and is found with {@link java.util.ServiceLoader}, so that
 * the desktop app and its installer do not carry Spark (docs/decisions/0018-spark-sweeps-through-a-service.md).
 */
public interface ClusterTrials {
    /** A launcher whose trials each run as a task on the cluster's executors. */
    interface Launcher extends TrialLauncher, AutoCloseable {
        /** How many trials the cluster runs at once (its executors' cores when it was reached). */
        int slots();

        /** Ends the connection to the cluster. */
        @Override
        void close();
    }

    /**
     * Connects to {@code master} ({@code spark://HOST:PORT} or {@code local[N]}).
     *
     * @throws IOException naming the master when it cannot be reached or the URL is not one this module knows
     */
    Launcher connect(String master) throws IOException;
}
