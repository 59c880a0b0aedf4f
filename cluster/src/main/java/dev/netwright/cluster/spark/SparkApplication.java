package dev.netwright.cluster.spark;

import dev.netwright.runtime.sweep.MasterUrl;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Spark application of Netwright's on a master, started the same way for a sweep and for a data-parallel run: the
 * URL checked, a standalone master reached with a TCP connect first (Spark itself would retry for a minute), Java 17's
 * opens and Netwright's jars given to the executors, and the first executor awaited. Spark settings given as
 * {@code -Dspark.*} system properties win over the ones set here.
 */
final class SparkApplication {
    /** How long a reached master may take to give the application its first executor. */
    static final Duration FIRST_EXECUTOR_WAIT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(200);

    /**
     * The --add-opens that Spark 3.3+ adds itself; Spark 3.1 on Java 17 needs them on every executor
     * (docs/decisions/0016-spark-data-parallel-training.md).
     */
    static final List<String> JAVA_17_OPENS = List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io",
            "java.net", "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch",
            "sun.nio.cs", "sun.security.action", "sun.util.calendar");

    private SparkApplication() {
    }

    /**
     * Starts the application {@code name} on {@code master} and waits for its first executor; {@code what} ("this
     * sweep", "this run") names it in messages.
     *
     * @throws IOException naming the master: a URL not taken, a master not reached, or no executor given
     */
    static JavaSparkContext start(String master, String name, String what) throws IOException {
        MasterUrl url;
        try {
            url = MasterUrl.parse(master);
        } catch (IllegalArgumentException e) {
            throw new IOException("--cluster " + e.getMessage() + ".", e);
        }
        url.requireReachable();
        JavaSparkContext spark;
        try {
            spark = new JavaSparkContext(conf(url, name));
        } catch (RuntimeException e) {
            throw new IOException("Cannot start a Spark application on " + url.url() + ": " + e.getMessage(), e);
        }
        try {
            awaitFirstExecutor(spark, url.url(), what, FIRST_EXECUTOR_WAIT);
            return spark;
        } catch (IOException | RuntimeException e) {
            spark.stop();
            throw e;
        } catch (InterruptedException e) {
            spark.stop();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for the Spark master " + url.url(), e);
        }
    }

    static SparkConf conf(MasterUrl url, String name) {
        SparkConf conf = new SparkConf() // reads -Dspark.* first: what is set there wins (setIfMissing)
                .setMaster(url.url())
                .setIfMissing("spark.app.name", name)
                .setIfMissing("spark.ui.showConsoleProgress", "false")
                .setIfMissing("spark.executor.memory", "1g");
        String opens = JAVA_17_OPENS.stream().map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED")
                .collect(Collectors.joining(" "));
        String own = conf.get("spark.executor.extraJavaOptions", "");
        conf.set("spark.executor.extraJavaOptions", (own + " " + opens).strip());
        String jars = System.getProperty(SparkTrials.JARS_PROPERTY);
        if (jars != null && !jars.isBlank() && !url.isLocal()) {
            conf.setIfMissing("spark.jars", String.join(",", jars.split(java.io.File.pathSeparator)));
        }
        return conf;
    }

    /** Waits until the application has an executor; a master that gives none in {@code wait} is named. */
    private static void awaitFirstExecutor(JavaSparkContext spark, String master, String what, Duration wait)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (executors(spark) == 0) {
            if (spark.sc().isStopped()) {
                throw new IOException("The Spark master " + master + " ended this application before it had an "
                        + "executor (Spark's log says why: often a master of another Spark version)");
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("The Spark master " + master + " gave " + what + " no executor within "
                        + wait.toSeconds() + " s: are its workers up, with a free core and the executor memory ("
                        + spark.getConf().get("spark.executor.memory", "1g") + ") each?");
            }
            Thread.sleep(POLL.toMillis()); // Spark offers no callback for an executor's registration before a job
        }
    }

    /** Executors registered with the driver, the driver itself left out (local mode: the driver is the executor). */
    /** The first line of a Spark failure's message (its stack of causes follows in the log), for the user. */
    static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    static int executors(JavaSparkContext spark) {
        int all = spark.sc().statusTracker().getExecutorInfos().length;
        return spark.sc().isLocal() ? all : all - 1;
    }
}
