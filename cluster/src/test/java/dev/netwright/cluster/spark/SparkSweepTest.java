package dev.netwright.cluster.spark;

import dev.netwright.app.cli.NetwrightCommand;
import dev.netwright.runtime.sweep.Experiment;
import dev.netwright.runtime.sweep.ExperimentJson;
import dev.netwright.runtime.sweep.Trial;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.SerialFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ObjectInputFilter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code netwright sweep --cluster spark://...} against a real Spark standalone cluster on 127.0.0.1: a master and
 * two workers of one core each, Spark's own Master and Worker classes ({@link SparkTestCluster}), each executor a JVM
 * of its own and each trial a worker process under it.
 */
class SparkSweepTest {
    /** 4 training images of each of the 10 classes from the bundled subset, 100 to validate: a trial trains in seconds. */
    private static final String TINY_DATA = "fashion-mnist-sample#per-class=4";
    /** Long enough for a busy machine to start an executor and a worker; only a hang runs into it. */
    private static final Duration PATIENCE = Duration.ofMinutes(5);
    /** A trial worker's folder on its executor (TrialTask): netwright-trial-NNN-RANDOM. */
    private static final Pattern TRIAL_DIR = Pattern.compile("-Dnetwright\\.run\\.dir=\\S*/netwright-(trial-\\d+)-");

    @TempDir
    static Path clusterDir;
    @TempDir
    Path dir;

    private static SparkTestCluster cluster;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startCluster() throws Exception {
        SerialFilter.installForSparkDriver(); // as ./netwright does for --cluster: the driver reads only Spark's classes
        assertThat(ObjectInputFilter.Config.getSerialFilter()).hasToString(SerialFilter.SPARK_DRIVER);
        cluster = SparkTestCluster.startForDriver(clusterDir);
    }

    @AfterAll
    static void stopCluster() {
        SparkTestCluster.stop(cluster);
    }

    private int sweep(String... args) {
        CommandLine cli = NetwrightCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private String[] gridOfFour(Path out, String master) {
        return new String[] {"sweep", "sample:cnn", "--param", "lr=0.001,0.01", "--param", "batch=16,32", "--strategy",
                "grid", "--epochs", "1", "--data", TINY_DATA, "--max-validation", "100", "--backend", "cpu",
                "--cluster", master, "--out", out.toString()};
    }

    @Test
    void aFourTrialSweepTrainsOnTheExecutorsAndItsRunsComeBack() throws Exception {
        Path out = dir.resolve("sweep");
        assertThat(sweep(gridOfFour(out, cluster.url()))).as(this.out + "\n" + err).isZero();

        Experiment experiment = new ExperimentJson().read(out);
        assertThat(experiment.cluster()).isEqualTo(cluster.url());
        assertThat(experiment.problem()).isNull();
        assertThat(experiment.isOver()).isTrue();
        assertThat(experiment.trials()).hasSize(4).allSatisfy(trial -> {
            assertThat(trial.state()).as(trial.id() + ": " + trial.message()).isEqualTo(Trial.State.FINISHED);
            assertThat(trial.epochs()).isEqualTo(1);
            assertThat(trial.bestValidationAccuracy()).isBetween(0.0, 1.0);
            RunFolder run = new RunFolder(out.resolve(trial.id()));
            assertThat(run.model()).isRegularFile();
            assertThat(run.evaluation()).isRegularFile();
            // the events name the model where it is now, not where the executor wrote it
            assertThat(run.events()).content().contains("\"type\":\"epoch\"")
                    .contains("\"modelFile\":\"" + out.resolve(trial.id()).toAbsolutePath().resolve("model.zip") + "\"")
                    .doesNotContain("netwright-" + trial.id() + "-");
            assertThat(out.resolve(trial.id()).resolve("run.json")).isRegularFile();
        });
        assertThat(this.out.toString()).contains("Cluster: " + cluster.url()).contains("best val acc");
    }

    @Test
    void aTrialWhoseExecutorIsKilledIsTriedAgainAndFinishes() throws Exception {
        Path out = dir.resolve("sweep");
        sweepKillingOneExecutor(out);

        Experiment experiment = new ExperimentJson().read(out);
        assertThat(experiment.trials()).hasSize(2).allSatisfy(trial -> {
            assertThat(trial.state()).as(trial.id() + ": " + trial.message()).isEqualTo(Trial.State.FINISHED);
            assertThat(new RunFolder(out.resolve(trial.id())).model()).isRegularFile();
        });
        assertThat(this.out.toString()).doesNotContain("failed:");
    }

    @Test
    void aTrialWhoseTaskFailsForGoodIsReportedFailedAndTheOthersGoOn() throws Exception {
        System.setProperty("spark.task.maxFailures", "1"); // no retry: the lost executor fails the task for good
        try {
            Path out = dir.resolve("sweep");
            String killed = sweepKillingOneExecutor(out);

            Experiment experiment = new ExperimentJson().read(out);
            Trial lost = experiment.trial(killed);
            assertThat(lost.state()).isEqualTo(Trial.State.FAILED);
            assertThat(lost.message()).startsWith("Its Spark task failed: ").contains("failed 1 times")
                    .contains("ExecutorLostFailure");
            assertThat(experiment.trials()).filteredOn(t -> !t.id().equals(killed)).singleElement()
                    .satisfies(t -> assertThat(t.state()).as(t.message()).isEqualTo(Trial.State.FINISHED));
            assertThat(this.out.toString()).contains(killed + " failed: Its Spark task failed");
        } finally {
            System.clearProperty("spark.task.maxFailures");
        }
    }

    /**
     * A sweep of two trials during which the executor of the first trial worker seen is killed, with that worker;
     * returns that trial's id once the sweep has ended with exit code 0.
     */
    private String sweepKillingOneExecutor(Path out) throws Exception {
        String[] args = {"sweep", "sample:cnn", "--param", "lr=0.001,0.01", "--strategy", "grid", "--epochs", "1",
                "--data", TINY_DATA, "--max-validation", "100", "--backend", "cpu", "--cluster", cluster.url(),
                "--out", out.toString()};
        int[] code = {-1};
        Thread sweeping = new Thread(() -> code[0] = sweep(args), "sweep");
        sweeping.start();

        ProcessHandle worker = awaitTrialWorker(sweeping);
        Matcher trial = TRIAL_DIR.matcher(commandLine(worker));
        assertThat(trial.find()).as(commandLine(worker)).isTrue();
        ProcessHandle executor = worker.parent().orElseThrow();
        assertThat(commandLine(executor)).contains("CoarseGrainedExecutorBackend");
        executor.destroyForcibly();
        worker.destroyForcibly();
        sweeping.join(PATIENCE.toMillis());

        assertThat(sweeping.isAlive()).as("the sweep ended").isFalse();
        assertThat(code[0]).as(this.out + "\n" + err).isZero();
        return trial.group(1);
    }

    @Test
    void anUnreachableMasterIsNamedRecordedAndNothingTrains() throws Exception {
        String master = SparkTestCluster.unreachableMaster();
        Path out = dir.resolve("sweep");
        assertThat(sweep(gridOfFour(out, master))).isEqualTo(1);
        assertThat(err.toString()).contains("Cannot reach the Spark master " + master + ": ").contains("--resume");
        Experiment experiment = new ExperimentJson().read(out);
        assertThat(experiment.problem()).startsWith("Cannot reach the Spark master " + master);
        assertThat(experiment.trials()).allSatisfy(t -> assertThat(t.state()).isEqualTo(Trial.State.PENDING));
        try (var entries = Files.list(out)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("experiment.json", "base");
        }
    }

    /** Waits until a training worker (WorkerMain) runs under one of this JVM's executors, and returns it. */
    private ProcessHandle awaitTrialWorker(Thread sweeping) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!sweeping.isAlive()) {
                throw new AssertionError("the sweep ended before a trial worker was seen: " + out + "\n" + err);
            }
            Optional<ProcessHandle> worker = ProcessHandle.current().descendants()
                    .filter(p -> commandLine(p).contains("dev.netwright.runtime.train.worker.WorkerMain"))
                    .filter(p -> p.parent().map(e -> commandLine(e).contains("CoarseGrainedExecutorBackend")).orElse(false))
                    .findFirst();
            if (worker.isPresent()) {
                return worker.get();
            }
            Thread.sleep(100); // polling the process table: there is no event for a process starting
        }
        throw new AssertionError("no trial worker started under an executor within " + PATIENCE);
    }

    /**
     * The process's whole command line from /proc (ProcessHandle.Info cuts long ones short, and an executor's or a
     * worker's class path is long); empty for a process gone.
     */
    private static String commandLine(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (java.io.IOException e) {
            return process.info().commandLine().orElse("");
        }
    }

}
