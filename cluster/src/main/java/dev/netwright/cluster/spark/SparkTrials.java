package dev.netwright.cluster.spark;

import dev.netwright.runtime.sweep.ClusterTrials;
import dev.netwright.runtime.sweep.MasterUrl;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code netwright sweep --cluster MASTER} on Apache Spark: a Spark application on the master whose tasks are the
 * sweep's trials ({@link SparkTrialLauncher}). Found by {@link java.util.ServiceLoader} from the app's command line.
 * Spark settings given as {@code -Dspark.*} system properties win over the ones set here.
 */
public final class SparkTrials implements ClusterTrials {
    /** Jars to send to the executors (spark.jars), separated like a class path; the ./netwright launcher sets it. */
    public static final String JARS_PROPERTY = "netwright.cluster.jars";
    /** How long a reached master may take to give the application its first executor. */
    static final Duration FIRST_EXECUTOR_WAIT = Duration.ofSeconds(120);

    /**
     * The --add-opens that Spark 3.3+ adds itself; Spark 3.1 on Java 17 needs them on every executor
     * (docs/decisions/0016-spark-data-parallel-training.md).
     */
    static final List<String> JAVA_17_OPENS = List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io",
            "java.net", "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch",
            "sun.nio.cs", "sun.security.action", "sun.util.calendar");

    @Override
    public Launcher connect(String master) throws IOException {
        MasterUrl url;
        try {
            url = MasterUrl.parse(master);
        } catch (IllegalArgumentException e) {
            throw new IOException("--cluster " + e.getMessage() + ".", e);
        }
        url.requireReachable();
        JavaSparkContext spark;
        try {
            spark = new JavaSparkContext(conf(url));
        } catch (RuntimeException e) {
            throw new IOException("Cannot start a Spark application on " + url.url() + ": " + e.getMessage(), e);
        }
        try {
            SparkTrialLauncher launcher = new SparkTrialLauncher(spark);
            launcher.awaitFirstExecutor(url.url(), FIRST_EXECUTOR_WAIT);
            return launcher;
        } catch (IOException | RuntimeException e) {
            spark.stop();
            throw e;
        } catch (InterruptedException e) {
            spark.stop();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for the Spark master " + url.url(), e);
        }
    }

    static SparkConf conf(MasterUrl url) {
        SparkConf conf = new SparkConf() // reads -Dspark.* first: what is set there wins (setIfMissing)
                .setMaster(url.url())
                .setIfMissing("spark.app.name", "Netwright sweep")
                .setIfMissing("spark.ui.showConsoleProgress", "false")
                .setIfMissing("spark.executor.memory", "1g");
        String opens = JAVA_17_OPENS.stream().map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED")
                .collect(Collectors.joining(" "));
        String own = conf.get("spark.executor.extraJavaOptions", "");
        conf.set("spark.executor.extraJavaOptions", (own + " " + opens).strip());
        String jars = System.getProperty(JARS_PROPERTY);
        if (jars != null && !jars.isBlank() && !url.isLocal()) {
            conf.setIfMissing("spark.jars", String.join(",", jars.split(java.io.File.pathSeparator)));
        }
        return conf;
    }
}
