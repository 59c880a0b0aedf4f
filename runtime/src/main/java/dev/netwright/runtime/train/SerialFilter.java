package dev.netwright.runtime.train;

import java.io.ObjectInputFilter;

/**
 * Netwright never reads Java-serialised objects: its files are JSON and its model zips are read by {@link ModelZip}.
 * A library that would (DL4J's {@code ModelSerializer} reads a model's {@code preprocessor.bin} that way) must not be
 * able to, in any JVM that loads models: the app, the command line, the training worker and the evaluation child all
 * install this process-wide filter (JEP 290) first thing. It rejects every class; plain strings, which carry no class,
 * still pass (JavaFX's drag and drop moves the palette's layer ids as serialised strings).
 */
public final class SerialFilter {
    /** The filter pattern: no class at all. */
    public static final String REJECT_ALL = "!*";
    /**
     * For a sweep on a Spark cluster ({@code --cluster}), whose driver must read Spark's Java-serialised messages and
     * task results: Spark's, Scala's and the JDK's classes and the cluster module's own, nothing else (no DL4J, ND4J or
     * other library class, so a model's {@code preprocessor.bin} is still refused). The trials' workers keep
     * {@link #REJECT_ALL}.
     */
    public static final String SPARK_DRIVER = "java.**;javax.**;scala.**;org.apache.spark.**;"
            + "dev.netwright.cluster.spark.**;!*";
    /**
     * For a data-parallel run on a Spark cluster ({@code netwright train --cluster}): as {@link #SPARK_DRIVER}, and the
     * classes Deeplearning4j's Spark training sends between the driver and its executors (ND4J's arrays and data sets,
     * the network's configuration with Netwright's own layers, dl4j-spark's results). In {@code local[N]} the executors
     * are this JVM and read the same. DL4J's model zips are still read by {@link ModelZip}, never by Java
     * deserialisation.
     */
    public static final String SPARK_TRAINING_DRIVER = "java.**;javax.**;scala.**;org.apache.spark.**;"
            + "dev.netwright.**;org.nd4j.**;org.deeplearning4j.**;!*";
    /** The same as a JVM option, for child JVMs: in force before any of their code runs. */
    public static final String JVM_OPTION = "-Djdk.serialFilter=" + REJECT_ALL;

    private SerialFilter() {
    }

    /** Installs the filter unless one is already in force (from {@link #JVM_OPTION}, or one the user set). */
    public static void install() {
        install(REJECT_ALL);
    }

    /** Installs {@link #SPARK_DRIVER} unless a filter is already in force: in a JVM that drives a Spark application. */
    public static void installForSparkDriver() {
        install(SPARK_DRIVER);
    }

    /** Installs {@link #SPARK_TRAINING_DRIVER} unless a filter is already in force: a data-parallel run's driver. */
    public static void installForSparkTraining() {
        install(SPARK_TRAINING_DRIVER);
    }

    private static synchronized void install(String pattern) {
        if (ObjectInputFilter.Config.getSerialFilter() == null) {
            ObjectInputFilter.Config.setSerialFilter(ObjectInputFilter.Config.createFilter(pattern));
        }
    }
}
