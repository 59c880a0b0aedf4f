package dev.netwright.app.training;

import dev.netwright.app.cli.progress.ProgressLine;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Augmentation;
import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.train.Backend;
import dev.netwright.runtime.train.BackendChooser;
import dev.netwright.runtime.train.EventReader;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;
import dev.netwright.runtime.train.TrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts a run on a Spark cluster: {@code netwright train SAVED_DESIGN --cluster MASTER --out RUN_DIR} with the
 * panel's settings, through a {@link CommandLauncher} (a child JVM), so that the window's JVM never loads Spark or
 * ND4J. Each line the command prints is a notice (the panel's message line); while it runs, the events its run folder
 * gains are told as they are written (the live curves), and when it ends the rest and its end: a failure (a master
 * that cannot be reached, a lost cluster) with the command's last line, or, where Stop came before its training began
 * (Spark still starting), a stop that saved no model. The design is read from its file and never written.
 */
public final class ClusterRunLauncher implements RunLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterRunLauncher.class);
    /** How often the run folder is read for new events while the command runs. */
    static final Duration FOLLOW_EVERY = Duration.ofMillis(500);

    private final CommandLauncher commands;
    private final Executor waiting;
    private final String master;
    private final Path design;

    /**
     * @param waiting where the command is waited for (a thread of its own in the app; by hand in tests)
     * @param design  the design's saved file, which the command trains
     */
    public ClusterRunLauncher(CommandLauncher commands, Executor waiting, String master, Path design) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.waiting = Objects.requireNonNull(waiting, "waiting");
        this.master = Objects.requireNonNull(master, "master");
        this.design = Objects.requireNonNull(design, "design");
    }

    /** Where the run trains, for the status bar. */
    public String where() {
        return "Training on " + master + " (data-parallel)";
    }

    /**
     * The {@code netwright train} arguments: the settings {@code train --cluster} accepts, and a constant learning
     * rate and no augmentation, which override what the design has saved (a cluster run would refuse those).
     */
    List<String> arguments(RunRequest request, Path runDir) {
        TrainingSettings settings = request.settings();
        List<String> arguments = new ArrayList<>(List.of("train", design.toString(), "--cluster", master,
                "--out", runDir.toString(), "--data", request.data(),
                "--epochs", Integer.toString(request.epochs()), "--batch", Integer.toString(request.batchSize()),
                "--lr", Double.toString(settings.learningRate()), "--optimizer", settings.optimizer().name(),
                "--l2", Double.toString(settings.l2()), "--clip", Double.toString(settings.gradientClipping()),
                "--seed", Long.toString(settings.seed()), "--normalise", request.normalisation().name(),
                "--validation", Double.toString(request.validationFraction()),
                "--patience", Integer.toString(request.earlyStoppingPatience()),
                "--max-train", Integer.toString(request.maxTrainExamples()),
                "--max-validation", Integer.toString(request.maxValidationExamples()),
                "--lr-schedule", "constant", "--augment", "none"));
        return arguments;
    }

    @Override
    public Worker start(RunRequest request, Path runDir, TrainingListener listener) throws IOException {
        AtomicReference<String> last = new AtomicReference<>();
        AtomicReference<String> before = new AtomicReference<>();
        CommandLauncher.Running running = commands.start(arguments(request, runDir), line -> {
            // the command's progress bar is not the run's message: the panel draws its own from the run's events
            if (!line.isBlank() && !ProgressLine.is(line)) {
                before.set(last.getAndSet(line.strip()));
                listener.onEvent(new TrainingEvent.Notice(line.strip()));
            }
        });
        ClusterWorker worker = new ClusterWorker(running, listener);
        WrittenEvents written = new WrittenEvents(new RunFolder(runDir).events());
        waiting.execute(() -> {
            int code;
            try {
                while (!running.waitFor(FOLLOW_EVERY)) {
                    written.since(false).forEach(listener::onEvent);
                }
                code = running.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.cancel();
                code = -1;
            }
            worker.alive = false;
            String lastLine = last.get() == null ? "exit code " + code
                    // its closing sentence says only that nothing was trained: the line before says why
                    : last.get().startsWith("Nothing was trained") && before.get() != null
                    ? before.get() + " " + last.get() : last.get();
            ended(request, runDir, written, code, worker.stopped, lastLine).forEach(listener::onEvent);
        });
        return worker;
    }

    /**
     * The run folder's events not told yet (the rest of its curves), then how the run ended. A run stopped before its
     * training began is kept in its folder as stopped, as the runs list shows it; any other folder the command made
     * no run in is removed.
     */
    private List<TrainingEvent> ended(RunRequest request, Path runDir, WrittenEvents written, int code,
                                      boolean stopped, String lastLine) {
        List<TrainingEvent> told = new ArrayList<>(written.since(true));
        TrainingEvent end = written.end();
        if (stopped && end == null && !written.began()) {
            // killed before its training began (Spark still starting): that is just the stop the user asked for
            end = TrainingEvent.Stopped.beforeTraining();
            keepStoppedRun(request, runDir, end);
        } else if (!written.any()) {
            leaveNoEmptyFolder(runDir); // the command made no run in the folder the model claimed for it
        }
        if (stopped) {
            // the command stops at the end of the cluster's averaging round and saves the model, saying so in the
            // run folder; one that ended without saying so (it was killed, or failed first) saved nothing
            if (!(end instanceof TrainingEvent.Stopped)) {
                end = TrainingEvent.Failed.because("Stopped: the run on " + master + " ended before it could save "
                        + "its model" + (end instanceof TrainingEvent.Failed failed ? " (" + failed.reason() + ")" : "")
                        + ".");
            }
        } else if (code != 0) {
            // the run's own reason where it wrote one (a cluster lost in an epoch), else what the command said last
            String reason = end instanceof TrainingEvent.Failed failed ? failed.reason() : lastLine;
            end = TrainingEvent.Failed.because("The run on " + master + " failed (exit code " + code + "): "
                    + reason);
        } else if (end == null) {
            end = TrainingEvent.Failed.because("The run on " + master + " ended without saying how: " + lastLine);
        }
        told.add(end);
        return told;
    }

    /**
     * Writes what the command, killed first, did not: the run's request (where it wrote none) and its end, so that the
     * runs list shows the run as stopped. Where they cannot be written, the folder goes as an empty one would.
     */
    private static void keepStoppedRun(RunRequest request, Path runDir, TrainingEvent end) {
        try {
            if (!Files.exists(runDir.resolve(RunRequestJson.FILE_NAME))) {
                // as the command would have written it: a cluster run trains at a constant rate, without augmentation
                new RunRequestJson().write(request.withLrSchedule(LearningRateSchedule.constant())
                        .withAugmentation(Augmentation.NONE), runDir);
            }
            Files.writeString(new RunFolder(runDir).events(), TrainingEvents.toJsonLine(end) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            LOG.warn("the stopped run in {} is not kept: {}", runDir, e.getMessage());
            leaveNoEmptyFolder(runDir);
        }
    }

    private static void leaveNoEmptyFolder(Path runDir) {
        try (java.util.stream.Stream<Path> entries = Files.list(runDir)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(runDir);
            }
        } catch (IOException e) {
            LOG.warn("the empty run folder {} stays: {}", runDir, e.getMessage());
        }
    }

    /**
     * The run's events file read as the command writes it: each read hands on the curves' events written since the one
     * before, reading on from where that one stopped (whole lines only while it runs: its last may be half-written,
     * and is read again whole next time), every line at the end. Its notices are left out (they were the command's
     * output lines) and its end is kept for {@link #end()}, told after the rest.
     */
    private static final class WrittenEvents {
        private final Path file;
        private EventReader.Position readTo = EventReader.Position.START;
        private boolean any;
        private boolean began;
        private TrainingEvent end;

        WrittenEvents(Path file) {
            this.file = file;
        }

        /** The events written since the last read; {@code toTheEnd}: the command has ended, its last line is whole. */
        List<TrainingEvent> since(boolean toTheEnd) {
            List<TrainingEvent> read = new ArrayList<>();
            if (!Files.isRegularFile(file)) {
                return read;
            }
            try (EventReader reader = EventReader.open(file, EventReader.Limits.DEFAULT, readTo)) {
                for (EventReader.Line line = reader.next(); line != null; line = reader.next()) {
                    if (line.cut() && !toTheEnd) {
                        break; // being written now: the next read takes it whole
                    }
                    readTo = reader.position();
                    any = true;
                    try {
                        TrainingEvent event = line.event();
                        if (event.isTerminal()) {
                            end = event;
                        } else if (!(event instanceof TrainingEvent.Notice)) {
                            read.add(event);
                        }
                        began |= event instanceof TrainingEvent.RunStarted;
                    } catch (EventReader.BadLine notAnEvent) {
                        LOG.warn("skipping a line that is not a training event: {}", notAnEvent.getMessage());
                    }
                }
            } catch (IOException e) {
                LOG.warn("cannot read the events of the cluster run in {}: {}", file, e.getMessage());
            }
            return read;
        }

        /** Whether the run wrote any line at all. */
        boolean any() {
            return any;
        }

        /** Whether the run said that its training began (its {@link TrainingEvent.RunStarted}). */
        boolean began() {
            return began;
        }

        /** The run's last terminal event read so far (how it says it ended), or null. */
        TrainingEvent end() {
            return end;
        }
    }

    /**
     * The command as a {@link Worker}: Stop cancels it, which the command takes as Ctrl+C (it stops after the cluster's
     * averaging round and saves the model); it cannot pause.
     */
    private final class ClusterWorker implements Worker {
        private final CommandLauncher.Running running;
        private final TrainingListener listener;
        private volatile boolean alive = true;
        private volatile boolean stopped;

        ClusterWorker(CommandLauncher.Running running, TrainingListener listener) {
            this.running = running;
            this.listener = listener;
        }

        @Override
        public BackendChooser.Choice backend() {
            return new BackendChooser.Choice(Backend.AUTO, where());
        }

        @Override
        public String where() {
            return ClusterRunLauncher.this.where();
        }

        @Override
        public long pid() {
            return -1;
        }

        @Override
        public boolean isAlive() {
            return alive;
        }

        @Override
        public boolean canPause() {
            return false; // a Spark job holds its executors until it ends: there is nothing to hold it with
        }

        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }

        @Override
        public void stop() {
            stopped = true;
            running.cancel();
        }

        @Override
        public void kill() {
            stop();
        }
    }
}
