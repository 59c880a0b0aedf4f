package dev.netwright.cluster.spark;

import dev.netwright.app.cli.NetwrightCommand;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.train.SerialFilter;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;
import dev.netwright.runtime.train.TrainingSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code netwright train --cluster spark://...}: one run trained data-parallel with Deeplearning4j's Spark training on a
 * real Spark standalone cluster on 127.0.0.1 (a master and two workers of one core, each executor a JVM of its own:
 * {@link SparkTestCluster}), against one epoch of the same run on one machine.
 */
class SparkTrainTest {
    private static final Logger LOG = LoggerFactory.getLogger(SparkTrainTest.class);
    /** 60 training images of each class from the bundled subset: one epoch is 10 minibatches of 64. */
    private static final String DATA = "fashion-mnist-sample#per-class=60";
    /** Ten classes: guessing scores 0.1. A run that learned scores well above it after one epoch. */
    private static final double LEARNED = 0.3;
    /** The check: a data-parallel epoch within 2 points of one machine's. */
    private static final double WITHIN = 0.02;

    @TempDir
    static Path clusterDir;
    @TempDir
    Path dir;

    private static SparkTestCluster cluster;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startCluster() throws Exception {
        // as ./netwright does for train --cluster: the driver (and local[N]'s executors) read Spark's and DL4J's classes
        SerialFilter.installForSparkTraining();
        assertThat(ObjectInputFilter.Config.getSerialFilter()).hasToString(SerialFilter.SPARK_TRAINING_DRIVER);
        cluster = SparkTestCluster.startForDriver(clusterDir);
    }

    @AfterAll
    static void stopCluster() {
        SparkTestCluster.stop(cluster);
    }

    private int netwright(String... args) {
        CommandLine cli = NetwrightCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void aDataParallelEpochLearnsAndLeavesAnOrdinaryRunFolder() throws Exception {
        Path sparkRun = dir.resolve("spark");
        long start = System.nanoTime();
        assertThat(netwright("train", "sample:cnn", "--epochs", "1", "--data", DATA, "--max-validation", "200",
                "--cluster", cluster.url(), "--out", sparkRun.toString())).as(out + "\n" + err).isZero();
        double sparkSeconds = (System.nanoTime() - start) / 1e9;

        RunFolder run = new RunFolder(sparkRun);
        assertThat(sparkRun.resolve(RunRequestJson.FILE_NAME)).isRegularFile();
        assertThat(run.model()).isRegularFile();
        assertThat(run.evaluation()).isRegularFile();
        List<TrainingEvent> events = events(run);
        assertThat(events).filteredOn(TrainingEvent.RunStarted.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((TrainingEvent.RunStarted) e).device())
                        .startsWith("Spark " + cluster.url() + ", data-parallel"));
        assertThat(events).filteredOn(TrainingEvent.Finished.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((TrainingEvent.Finished) e).modelFile())
                        .isEqualTo(run.model().toString()));
        assertThat(out.toString()).contains("Training on CPU (Spark " + cluster.url()).contains("epoch 1/1: ");
        TrainingEvent.EpochEnd sparkEnd = epochEnd(events);
        double spark = sparkEnd.validationAccuracy();
        // each minibatch the workers trained is an iteration event, as in a local run (the loss chart draws them)
        assertThat(events).filteredOn(TrainingEvent.Iteration.class::isInstance)
                .extracting(e -> ((TrainingEvent.Iteration) e).iteration())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, sparkEnd.iteration()).boxed().toList());
        assertThat(sparkEnd.iteration()).as("600 images in minibatches of 64").isEqualTo(10);

        // the same run, from its run.json, one epoch on one machine (this JVM)
        List<TrainingEvent> local = new ArrayList<>();
        start = System.nanoTime();
        TrainingEvent end = new TrainingSession(new RunRequestJson().read(sparkRun), dir.resolve("local"), local::add).run();
        double localSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(end).isInstanceOf(TrainingEvent.Finished.class);
        double oneMachine = epochEnd(local).validationAccuracy();

        // one worker (local[1]): DL4J's Spark training with nothing to average must give one machine's epoch
        Path oneWorkerRun = dir.resolve("one-worker");
        assertThat(netwright("train", "sample:cnn", "--epochs", "1", "--data", DATA, "--max-validation", "200",
                "--cluster", "local[1]", "--out", oneWorkerRun.toString())).as(out + "\n" + err).isZero();
        double oneWorker = epochEnd(events(new RunFolder(oneWorkerRun))).validationAccuracy();

        LOG.info(String.format(Locale.ROOT, "one epoch of sample:cnn on %s: validation accuracy %.3f data-parallel on "
                        + "2 executors (%.1f s, the Spark application's start included), %.3f on local[1], %.3f on one "
                        + "machine (%.1f s): %+.1f points with 2 executors", DATA, spark, sparkSeconds, oneWorker,
                oneMachine, localSeconds, 100 * (spark - oneMachine)));
        assertThat(oneWorker).as("validation accuracy after a data-parallel epoch on one worker, against one machine")
                .isCloseTo(oneMachine, within(WITHIN));
        // two workers average their networks every 5 minibatches: each takes half the steps one machine takes, and
        // on this small data that is not within 2 points (docs/benchmarks.md): it must still have learned
        assertThat(spark).as("validation accuracy after a data-parallel epoch").isGreaterThan(LEARNED);
        assertThat(oneMachine).as("validation accuracy after one epoch on one machine").isGreaterThan(LEARNED);
    }

    @Test
    void anUnreachableMasterIsNamedAndNoRunFolderIsMade() throws Exception {
        String master = SparkTestCluster.unreachableMaster();
        Path runDir = dir.resolve("run");
        assertThat(netwright("train", "sample:cnn", "--epochs", "1", "--data", DATA, "--cluster", master, "--out",
                runDir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("Cannot reach the Spark master " + master + ": ")
                .contains("Nothing was trained, and no run folder was made.");
        assertThat(runDir).doesNotExist();
    }

    @Test
    void optionsADataParallelRunCannotHonourAreNamedBeforeAnythingIsWritten() {
        Path runDir = dir.resolve("run");
        assertThat(netwright("train", "sample:cnn", "--augment", "flip", "--threads", "2", "--cluster", "local[2]",
                "--out", runDir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--cluster cannot train with --augment").contains("--threads")
                .doesNotContain("--lr-schedule");
        assertThat(runDir).doesNotExist();
    }

    @Test
    void aDesignThatCannotTrainIsRefusedAsForALocalRunBeforeTheClusterIsReached() throws Exception {
        Path design = Files.writeString(dir.resolve("unwired.json"), """
                { "formatVersion" : 1, "name" : "unwired", "nodes" : [
                  { "id" : "input", "kind" : "Input", "params" : { "form" : "vector", "size" : 8 } },
                  { "id" : "dense", "kind" : "Dense", "params" : { "units" : 4 } },
                  { "id" : "output", "kind" : "Output", "params" : { "units" : 2 } } ],
                  "edges" : [ { "from" : "dense", "to" : "output" } ] }
                """);
        Path runDir = dir.resolve("run");
        assertThat(netwright("train", design.toString(), "--cluster", "spark://127.0.0.1:1", "--out",
                runDir.toString())).isEqualTo(3);
        assertThat(err.toString()).startsWith("The design has errors; fix them first").contains("dense: ")
                .doesNotContain("Spark master");
        assertThat(runDir).doesNotExist();
    }

    private static List<TrainingEvent> events(RunFolder run) throws IOException {
        return Files.readAllLines(run.events()).stream().filter(line -> !line.isBlank())
                .map(TrainingEvents::fromJsonLine).toList();
    }

    private static TrainingEvent.EpochEnd epochEnd(List<TrainingEvent> events) {
        return events.stream().filter(TrainingEvent.EpochEnd.class::isInstance).map(TrainingEvent.EpochEnd.class::cast)
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no epoch ended: " + events));
    }
}
