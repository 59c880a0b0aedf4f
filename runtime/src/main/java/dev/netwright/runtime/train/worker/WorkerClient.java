package dev.netwright.runtime.train.worker;

import dev.netwright.runtime.train.BackendChooser;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.train.TrainingListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Starts a training worker: a child JVM (same java, same class path) per run. The run's request goes
 * into the run folder; the backend is chosen per run through the child's environment.
 */
public final class WorkerClient {
    /** JVM options of the worker: ND4J keeps its arrays off-heap, so the heap can stay small. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx1g", "-XX:+ExitOnOutOfMemoryError",
            "-Dorg.bytedeco.javacpp.maxbytes=6G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=10G",
            "-Dlogback.configurationFile=netwright-worker-logback.xml", "-Djava.awt.headless=true");

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
        Files.createDirectories(runDir);
        new RunRequestJson().write(request, runDir);
        BackendChooser.Choice choice = chooser.choose(request.backend());
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-Dnetwright.run.dir=" + runDir.toAbsolutePath());
        command.add("-cp");
        command.add(classPath);
        command.add(WorkerMain.class.getName());
        command.add(runDir.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(runDir.toFile());
        builder.environment().putAll(choice.environment());
        return WorkerHandle.start(builder.start(), choice, listener);
    }
}
