package dev.netwright.runtime.sweep;

import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.train.RunFailure;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingCost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Runs an experiment's unfinished trials, {@code parallel} at once, each as an ordinary run in the folder
 * {@code dir/<trial id>}, writing {@code experiment.json} whenever a trial starts or ends. Trials that finished or
 * failed before (a restarted sweep) are kept as they are; trials that were running start again. A trial that
 * fails is recorded with its message and the others go on.
 */
public final class SweepRunner {
    /** Hears trials start and end (from the runner's threads). */
    public interface Listener {
        void started(Trial trial);

        void ended(Trial trial);

        /** Something the sweep did (a halving rung ended). */
        void note(String message);
    }

    private final Path dir;
    private final RunRequest base;
    private final SweepSpace space;
    private final TrialLauncher launcher;
    private final int parallel;
    private final Listener listener;
    private final ExperimentJson json = new ExperimentJson();
    private final Checker checker = new Checker();
    private Experiment current;
    private volatile boolean stopping;

    public SweepRunner(Path dir, RunRequest base, SweepSpace space, TrialLauncher launcher, int parallel,
                       Listener listener) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.base = Objects.requireNonNull(base, "base");
        this.space = Objects.requireNonNull(space, "space");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        if (parallel < 1) {
            throw new IllegalArgumentException("at least one trial at a time, not " + parallel);
        }
        this.parallel = parallel;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Runs what is left of {@code experiment} and returns it as it ended. */
    public Experiment run(Experiment experiment) throws IOException, InterruptedException {
        synchronized (this) {
            current = experiment;
            json.write(current, dir);
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread thread = new Thread(r, "sweep-trial");
            thread.setDaemon(true);
            return thread;
        });
        try {
            if (experiment.rungs().isEmpty()) {
                runRung(pool, 0, experiment.epochs());
            } else {
                List<Halving.Rung> rungs = experiment.rungs();
                for (int k = 0; k < rungs.size() && !stopping; k++) {
                    runRung(pool, k, rungs.get(k).epochs());
                    if (k + 1 < rungs.size() && !stopping) {
                        promote(k, rungs.get(k + 1));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        synchronized (this) {
            return current;
        }
    }

    /** Ends the running trials at once; they stay "running" in experiment.json, and a restart trains them again. */
    public void stop() {
        stopping = true;
        launcher.stopAll();
    }

    private void runRung(ExecutorService pool, int rung, int epochs) throws InterruptedException, IOException {
        List<Trial> toRun;
        synchronized (this) {
            toRun = current.trials().stream().filter(t -> t.rung() == rung
                    && (t.state() == Trial.State.PENDING || t.state() == Trial.State.RUNNING)).toList();
        }
        List<Future<?>> futures = new ArrayList<>();
        for (Trial trial : toRun) {
            Callable<Void> task = () -> {
                runTrial(trial, epochs);
                return null;
            };
            futures.add(pool.submit(task));
        }
        try {
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            stop();
            throw e;
        }
    }

    private void runTrial(Trial trial, int epochs) throws IOException, InterruptedException {
        if (stopping) {
            return;
        }
        Path runDir = dir.resolve(trial.id());
        RunRequest request;
        try {
            request = request(trial, epochs, runDir);
        } catch (RunFailure | IllegalArgumentException e) {
            Trial failed = trial.failed(e.getMessage(), 0);
            record(failed);
            listener.ended(failed);
            return;
        }
        Trial running = trial.withState(Trial.State.RUNNING);
        record(running);
        listener.started(running);
        long start = System.nanoTime();
        TrialLauncher.Outcome outcome = launcher.run(request, runDir);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (stopping) {
            return; // killed on purpose: it stays "running", and a restart trains it again
        }
        Trial ended = outcome.failed() ? running.failed(outcome.message(), seconds)
                : running.finished(outcome.epochs() > 0 ? outcome.epochs() : epochs, outcome.bestValidationAccuracy(),
                outcome.validationLoss(), seconds);
        record(ended);
        listener.ended(ended);
    }

    /**
     * The trial's run: the base with its settings, trained to {@code epochs}. A trial promoted by halving goes on
     * from its last checkpoint; any other starts afresh in its folder (what an interrupted start left is cleared).
     */
    private RunRequest request(Trial trial, int epochs, Path runDir) throws RunFailure, IOException {
        RunRequest request = base.withEpochs(epochs);
        for (Map.Entry<String, Object> setting : trial.settings().entrySet()) {
            SweepDimension dimension = space.dimension(setting.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "the sweep has no dimension '" + setting.getKey() + "'"));
            request = dimension.applyTo(request, setting.getValue());
        }
        CheckResult check = checker.check(request.design());
        if (check.hasErrors()) {
            throw new RunFailure("The design check refuses these settings: " + check.errors().stream()
                    .map(d -> (d.nodeId() == null ? "" : d.nodeId() + ": ") + d.message())
                    .collect(Collectors.joining("; ")));
        }
        TrainingCost.requireAffordable(request);
        Path checkpoint = runDir.resolve("checkpoints").resolve(String.format(Locale.ROOT, "epoch-%03d.zip", trial.epochs()));
        if (trial.rung() > 0 && trial.epochs() > 0 && trial.epochs() < epochs && Files.isRegularFile(checkpoint)) {
            return request.resumingFrom(checkpoint.toAbsolutePath().toString(), null);
        }
        Files.createDirectories(runDir);
        new RunFolder(runDir).clearForNewRun();
        return request;
    }

    /** After rung {@code k}: the best go on to the next rung, the others stop there. Recorded before the next rung starts. */
    private void promote(int k, Halving.Rung next) throws IOException {
        synchronized (this) {
            List<Trial> inRung = current.trials().stream().filter(t -> t.rung() == k
                    && (t.state() == Trial.State.FINISHED || t.state() == Trial.State.FAILED)).toList();
            if (inRung.isEmpty()) {
                return; // promoted before a restart
            }
            List<String> promoted = Halving.promoted(inRung, next.trials());
            for (Trial trial : inRung) {
                if (trial.state() == Trial.State.FINISHED) {
                    current = current.with(promoted.contains(trial.id()) ? trial.inRung(k + 1)
                            : trial.withState(Trial.State.STOPPED_EARLY));
                }
            }
            json.write(current, dir);
        }
        List<String> goingOn = promotedIds(k + 1);
        listener.note("Rung " + (k + 1) + " done: " + (goingOn.isEmpty() ? "no trial finished it"
                : String.join(", ", goingOn) + " go on to " + next.epochs() + " epochs; the others stop early") + ".");
    }

    private List<String> promotedIds(int rung) {
        synchronized (this) {
            return current.trials().stream().filter(t -> t.rung() == rung).map(Trial::id).toList();
        }
    }

    private void record(Trial trial) throws IOException {
        synchronized (this) {
            current = current.with(trial);
            json.write(current, dir);
        }
    }
}
