package dev.netwright.runtime.train.worker;

import dev.netwright.runtime.check.MemoryBudget;
import dev.netwright.runtime.train.Backend;
import dev.netwright.runtime.train.BackendChooser;
import dev.netwright.runtime.train.NativeTuning;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.train.SerialFilter;
import dev.netwright.runtime.train.TrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Starts a training worker: a child JVM (same java, same class path) per run. The run's request goes
 * into the run folder; the backend is chosen per run through the child's environment, and on the CPU the
 * native settings ({@link NativeTuning}) are the run's engine choices ({@link RunRequest#engine()}).
 */
public final class WorkerClient {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerClient.class);

    /**
     * JVM options of the worker. ND4J keeps its arrays off-heap, so the heap holds little but the data set: the
     * serial collector with a 16 MB young generation keeps the worker's resident memory near what it uses
     * (G1's own structures and its larger young generation cost a CNN epoch 30-90 MB more; docs/benchmarks.md,
     * "Engine: memory of a CNN epoch"); 1 GB of heap leaves room for the full Fashion-MNIST (~200 MB as floats).
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx1g", "-XX:+UseSerialGC", "-Xmn16m",
            "-XX:+ExitOnOutOfMemoryError", SerialFilter.JVM_OPTION,
            "-Dorg.bytedeco.javacpp.maxbytes=" + MemoryBudget.WORKER_NATIVE_LIMIT_GIB + "G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=10G",
            "-Dlogback.configurationFile=netwright-worker-logback.xml", "-Djava.awt.headless=true");

    /** util-linux's setsid: it calls setsid(2) and execs the worker, which keeps the worker's process id. */
    private static final Optional<Path> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of)
            .filter(Files::isExecutable).findFirst();

    private final Path java;
    private final String classPath;
    private final List<String> jvmOptions;
    private final BackendChooser chooser;

    public WorkerClient(Path java, String classPath, List<String> jvmOptions, BackendChooser chooser) {
        this.java = Objects.requireNonNull(java, "java");
        this.classPath = Objects.requireNonNull(classPath, "classPath");
        this.jvmOptions = List.copyOf(jvmOptions);
        this.chooser = Objects.requireNonNull(chooser, "chooser");
    }

    /** A client that starts workers with this JVM's java executable and class path. */
    public static WorkerClient forThisJvm() {
        return new WorkerClient(Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"), DEFAULT_JVM_OPTIONS, BackendChooser.forThisBuild());
    }

    /** Writes the run file, starts the worker and returns at once; events arrive on a reader thread. */
    public WorkerHandle start(RunRequest request, Path runDir, TrainingListener listener) throws IOException {
        if (!Files.isExecutable(java)) { // said here: behind setsid it would only be an exit code
            throw new IOException("Cannot run program \"" + java + "\": no such executable file");
        }
        Files.createDirectories(runDir);
        new RunRequestJson().write(request, runDir);
        BackendChooser.Choice choice = chooser.choose(request.backend());
        NativeTuning cpuTuning = cpuTuning(choice, request);
        ProcessBuilder builder = new ProcessBuilder(command(runDir, cpuTuning)).directory(runDir.toFile());
        applyEnvironment(builder.environment(), choice, cpuTuning);
        if (cpuTuning != null) {
            LOG.info("worker for '{}' on the CPU: {}", request.design().name(), cpuTuning.describe());
        }
        return WorkerHandle.start(builder.start(), choice, listener);
    }

    /** The run's native settings ({@link RunRequest#engine()}) for a CPU worker; null for a GPU worker, which has none. */
    static NativeTuning cpuTuning(BackendChooser.Choice choice, RunRequest request) {
        return choice.backend() == Backend.CPU ? request.engine().nativeTuning() : null;
    }

    /**
     * The worker's command line; the CPU's native settings, if any, come before the client's own JVM options. Where
     * {@code setsid} exists (Linux) the worker starts in a session of its own, so that a terminal's Ctrl+C or hang-up
     * reaches only the process that started it, which then stops the run and waits for its model (WorkerSignals).
     */
    List<String> command(Path runDir, NativeTuning cpuTuning) {
        List<String> command = new ArrayList<>();
        SETSID.ifPresent(setsid -> command.add(setsid.toString()));
        command.add(java.toString());
        if (cpuTuning != null) {
            command.addAll(cpuTuning.jvmOptions());
        }
        command.addAll(jvmOptions);
        command.add("-Dnetwright.run.dir=" + runDir.toAbsolutePath());
        command.add("-cp");
        command.add(classPath);
        command.add(WorkerMain.class.getName());
        command.add(runDir.toAbsolutePath().toString());
        return command;
    }

    /**
     * The worker's environment: the backend choice, then on the CPU the design's thread count, unless the
     * environment the app was started in already sets one (someone who sets OMP_NUM_THREADS means it).
     */
    static void applyEnvironment(Map<String, String> environment, BackendChooser.Choice choice, NativeTuning cpuTuning) {
        environment.putAll(choice.environment());
        if (cpuTuning == null) {
            return;
        }
        cpuTuning.environment().forEach((name, value) -> {
            String own = environment.putIfAbsent(name, value);
            if (own != null && !own.equals(value)) {
                LOG.info("{}={} is set in the environment and kept (the design's choice was {})", name, own, value);
            }
        });
    }
}
