package dev.netwright.cluster.spark;

import dev.netwright.runtime.sweep.ClusterTrials;
import dev.netwright.runtime.design.AtomicFiles;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Each trial one Spark job of one task ({@link TrialTask}): the trial's run folder goes out with it and comes back into
 * the same folder on the driver. Spark retries a task whose executor is lost (spark.task.maxFailures); a task that
 * fails for good fails its trial with Spark's reason, which experiment.json then records.
 */
final class SparkTrialLauncher implements ClusterTrials.Launcher {
    private static final Logger LOG = LoggerFactory.getLogger(SparkTrialLauncher.class);

    private final JavaSparkContext spark;

    SparkTrialLauncher(JavaSparkContext spark) {
        this.spark = Objects.requireNonNull(spark, "spark");
    }

    @Override
    public int slots() {
        return Math.max(1, spark.defaultParallelism());
    }

    @Override
    public Outcome run(RunRequest request, Path runDir) throws InterruptedException {
        String trialId = runDir.getFileName().toString();
        TrialResult result;
        try {
            Files.createDirectories(runDir);
            new RunRequestJson().write(request, runDir);
            TrialPayload payload = new TrialPayload(trialId, runDir.toAbsolutePath().toString(), RunFolderZip.zip(runDir));
            spark.setJobGroup("netwright-" + trialId + "-" + UUID.randomUUID(), "Netwright trial " + trialId, true);
            List<TrialResult> results = spark.parallelize(List.of(payload), 1).map(new TrialTask()).collect();
            result = results.get(0);
        } catch (IOException e) {
            return Outcome.failure("Cannot send the trial to the cluster: " + e.getMessage());
        } catch (Exception e) { // Spark's SparkException (the job aborted), unchecked in Java's eyes
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("the sweep was stopped");
            }
            LOG.warn("{}: its Spark task failed", trialId, e);
            return Outcome.failure("Its Spark task failed: " + SparkApplication.firstLine(e.getMessage()));
        }
        try {
            RunFolderZip.unzip(result.runFolder(), runDir);
            new RunRequestJson().write(request, runDir); // the driver's paths, not the executor's copy's
            namingThisFolder(new RunFolder(runDir).events(), result.executorRunDir(), runDir);
        } catch (IOException e) {
            return Outcome.failure("Trained on " + result.executorHost() + ", but its run folder could not be "
                    + "written here: " + e.getMessage());
        }
        LOG.info("{}: trained on {}", trialId, result.executorHost());
        return result.outcome();
    }

    /** The run's events name its model and checkpoints where the executor wrote them: here, they are in {@code runDir}. */
    private static void namingThisFolder(Path events, String executorRunDir, Path runDir) throws IOException {
        if (!Files.isRegularFile(events)) {
            return;
        }
        String text = Files.readString(events, StandardCharsets.UTF_8);
        String moved = text.replace(executorRunDir + "/", runDir.toAbsolutePath() + "/");
        if (!moved.equals(text)) {
            AtomicFiles.write(events, moved.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void stopAll() {
        spark.cancelAllJobs();
    }

    @Override
    public void close() {
        spark.stop();
    }
}
