package dev.netwright.bench.training;

import dev.netwright.runtime.train.NativeTuning;
import dev.netwright.runtime.train.worker.WorkerClient;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bare DL4J loop ({@link BareFitMain}) in its own JVM, started exactly like a worker: same java, class
 * path, JVM options, native settings and environment. The difference to {@link WorkerContender} is then the
 * app's own per-batch work, which is what the worker/bare ratio is about.
 */
final class BareContender implements Contender {
    private final Setup setup;

    BareContender(Setup setup) {
        this.setup = setup;
    }

    @Override
    public String label() {
        return "bare fit loop " + setup.designId() + " (" + setup.name() + ")";
    }

    @Override
    public Measurement measure(BenchPlan plan, int round) throws IOException, InterruptedException {
        NativeTuning tuning = setup.resolvedTuning();
        Path dir = plan.scratch().resolve("r" + round + "-bare-" + setup.designId() + "-"
                + WorkerContender.slug(setup.name()));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(tuning.jvmOptions());
        command.addAll(WorkerClient.DEFAULT_JVM_OPTIONS);
        command.add("-Dnetwright.run.dir=" + dir.toAbsolutePath());
        command.add("-cp");
        command.add(setup.classPath(plan.classPath()).orElseThrow());
        command.add(BareFitMain.class.getName());
        command.addAll(List.of(setup.designId(), plan.data(), Integer.toString(plan.batchSize()),
                Integer.toString(plan.warmup()), Integer.toString(plan.measured())));
        Map<String, String> environment = new HashMap<>(Map.of("BACKEND_PRIORITY_CPU", "100",
                "BACKEND_PRIORITY_GPU", "0"));
        environment.putAll(tuning.environment());
        return ChildProcess.run(command, environment, dir);
    }
}
