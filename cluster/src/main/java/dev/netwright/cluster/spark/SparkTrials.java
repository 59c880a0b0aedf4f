package dev.netwright.cluster.spark;

import dev.netwright.runtime.sweep.ClusterTrials;

import java.io.IOException;

/**
 * {@code netwright sweep --cluster MASTER} on Apache Spark: a Spark application on the master whose tasks are the
 * sweep's trials ({@link SparkTrialLauncher}). Found by {@link java.util.ServiceLoader} from the app's command line.
 * Spark settings given as {@code -Dspark.*} system properties win over the ones set here.
 */
public final class SparkTrials implements ClusterTrials {
    /** Jars to send to the executors (spark.jars), separated like a class path; the ./netwright launcher sets it. */
    public static final String JARS_PROPERTY = "netwright.cluster.jars";

    @Override
    public Launcher connect(String master) throws IOException {
        return new SparkTrialLauncher(SparkApplication.start(master, "Netwright sweep", "this sweep"));
    }
}
