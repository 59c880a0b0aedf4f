package dev.netwright.app.cli;

import dev.netwright.runtime.train.ClusterTraining;
import dev.netwright.runtime.train.RunControl;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingSession;
import dev.netwright.runtime.train.worker.EventWriter;
import picocli.CommandLine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * {@code netwright train --cluster MASTER}: a data-parallel run whose driver is this JVM. Its session runs here, with
 * the cluster training each epoch, and writes the run folder as a worker writes one (run.json, events.jsonl,
 * checkpoints, model.zip, evaluation.json), so the run is opened, evaluated and exported like any other.
 */
final class ClusterRun {
    /** Options a data-parallel run cannot honour whatever their value: they set up a worker process here. */
    private static final List<String> WORKER_ONLY = List.of("--threads", "--onednn", "--lstm-engine");

    private ClusterRun() {
    }

    /** The cluster module, found on the class path; its absence is said with what to build. */
    static ClusterTraining module() throws CliException {
        return ServiceLoader.load(ClusterTraining.class).findFirst().orElseThrow(() -> new CliException(
                ExitCodes.BAD_INPUT, "--cluster needs Netwright's cluster module (Apache Spark), which is not on the "
                + "class path: from a source checkout, build it with 'mvn -B -DskipTests package -pl app,cluster -am' "
                + "(the ./netwright launcher adds it when --cluster is given); the installed app does not include it."));
    }

    /** Refuses, naming them, the settings a data-parallel run cannot train with; before anything is written. */
    static void refuseWhatItCannotHonour(RunRequest request, CommandLine.ParseResult given) throws CliException {
        List<String> problems = new ArrayList<>(ClusterTraining.unsupported(request));
        WORKER_ONLY.stream().filter(option -> given.hasMatchedOption(option)
                        || given.hasMatchedOption("--no-" + option.substring(2)))
                .map(option -> option + " (it tunes a worker process on this computer; the executors run their own)")
                .forEach(problems::add);
        if (!problems.isEmpty()) {
            throw new CliException(ExitCodes.BAD_INPUT, "--cluster cannot train with " + String.join("; ", problems)
                    + ". Leave " + (problems.size() == 1 ? "it" : "them") + " out, or train on this computer without "
                    + "--cluster.");
        }
    }

    /**
     * Trains the run, printing its progress; {@code started} gets the run's control (to stop it) before it trains. The
     * exit code says how it ended.
     */
    static int train(ClusterTraining.Trainer trainer, RunRequest request, RunFolder folder, ProgressPrinter progress,
                     Consumer<RunControl> started) throws IOException {
        try (EventWriter events = EventWriter.toFileOnly(folder.events())) {
            TrainingSession session = new TrainingSession(request, folder.dir(), event -> {
                events.write(event);
                progress.onEvent(event);
            }, trainer);
            started.accept(session.control());
            TrainingEvent end = session.run();
            return end instanceof TrainingEvent.Failed ? ExitCodes.RUN_FAILED : ExitCodes.OK;
        }
    }
}
