package dev.netwright.app.evaluation;

import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.SerialFilter;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Evaluates a run's saved model in a child JVM ({@code netwright evaluate RUN_DIR --save}), as training runs in
 * a worker: the window's JVM never loads ND4J. Used for a run that was stopped (the worker saves its model but
 * does not evaluate it, so that Stop is quick). Blocks: call it off the FX thread.
 */
public final class EvaluationProcess {
    /** An evaluation of the seed CNN's 1,000 validation images takes seconds; this bounds a stuck one. */
    static final long TIMEOUT_MINUTES = 10;

    private EvaluationProcess() {
    }

    public static TrainingEvent.Evaluation evaluate(Path runDir) throws IOException, InterruptedException {
        RunFolder folder = new RunFolder(runDir);
        Path log = runDir.resolve("evaluate.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true", SerialFilter.JVM_OPTION,
                "-cp", System.getProperty("java.class.path"), "dev.netwright.app.Netwright",
                "evaluate", runDir.toAbsolutePath().toString(), "--save");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("the evaluation did not finish within " + TIMEOUT_MINUTES + " minutes");
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(folder.evaluation())) {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            String last = lines.isEmpty() ? "exit code " + process.exitValue() : lines.get(lines.size() - 1);
            throw new IOException("the evaluation failed: " + last);
        }
        return (TrainingEvent.Evaluation) TrainingEvents.fromJsonLine(Files.readString(folder.evaluation(), StandardCharsets.UTF_8).strip());
    }
}
