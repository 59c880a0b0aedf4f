package dev.netwright.cluster.spark;

import dev.netwright.runtime.sweep.TrialLauncher;
import dev.netwright.runtime.sweep.WorkerTrialLauncher;
import dev.netwright.runtime.train.BackendChooser;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.train.worker.WorkerClient;
import org.apache.spark.api.java.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A trial's Spark task, on an executor: unpacks the run folder the driver sent, trains it as an ordinary Netwright run
 * in a worker process of its own (as {@code netwright sweep} does on one machine: {@link WorkerTrialLauncher}), and
 * returns the folder the worker wrote. The executor's temporary copy is deleted at the end.
 */
final class TrialTask implements Function<TrialPayload, TrialResult> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TrialTask.class);

    @Override
    public TrialResult call(TrialPayload payload) throws IOException, InterruptedException {
        Path runDir = Files.createTempDirectory("netwright-" + payload.trialId() + "-");
        try {
            RunFolderZip.unzip(payload.runFolder(), runDir);
            RunRequest request = onThisExecutor(new RunRequestJson().read(runDir), payload.driverRunDir(), runDir);
            WorkerClient workers = new WorkerClient(Path.of(System.getProperty("java.home"), "bin", "java"),
                    ExecutorClassPath.current(), WorkerClient.DEFAULT_JVM_OPTIONS, BackendChooser.forThisBuild());
            String host = InetAddress.getLocalHost().getHostName();
            LOG.info("{}: training on {} in {}", payload.trialId(), host, runDir);
            TrialLauncher.Outcome outcome = new WorkerTrialLauncher(workers).run(request, runDir);
            return TrialResult.of(outcome, RunFolderZip.zip(runDir), host, runDir.toAbsolutePath().toString());
        } finally {
            deleteQuietly(runDir);
        }
    }

    /** A checkpoint to go on from that lies in the driver's run folder is read from this executor's copy of it. */
    static RunRequest onThisExecutor(RunRequest request, String driverRunDir, Path runDir) {
        String from = request.resumeFrom();
        if (from == null) {
            return request;
        }
        Path driverDir = Path.of(driverRunDir);
        Path checkpoint = Path.of(from);
        if (!checkpoint.startsWith(driverDir)) {
            return request;
        }
        return request.resumingFrom(runDir.resolve(driverDir.relativize(checkpoint)).toString(),
                request.resumeLearningRate());
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
