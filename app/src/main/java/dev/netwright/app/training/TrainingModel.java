package dev.netwright.app.training;

import dev.netwright.charts.metrics.RunMetrics;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingEvent;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One run at a time: starts the worker off the FX thread, feeds its events (batched, ≤ 10 Hz) into a
 * {@link RunMetrics}, and says when the run is over. Pause, resume and stop go to the worker as commands;
 * a worker that does not stop within {@link #STOP_GRACE} is killed. Every method is for the FX thread.
 * The worker ({@link RunLauncher}), the threads and the {@link Timers} are injected: its tests drive it with a
 * fake worker and hand-run timers, without a toolkit.
 */
public final class TrainingModel {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingModel.class);
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final RunLauncher launcher;
    private final Executor background;
    private final Consumer<Runnable> onFxThread;
    private final Timers timers;
    private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>(RunState.IDLE);
    private final ReadOnlyObjectWrapper<RunMetrics> metrics = new ReadOnlyObjectWrapper<>(new RunMetrics());
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Path> runDir = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper where = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper pausable = new ReadOnlyBooleanWrapper(true);
    private final ObjectProperty<Consumer<List<TrainingEvent>>> onEvents = new SimpleObjectProperty<>(events -> { });
    /** Further receivers of each batch of events (the Doctor tab), after {@link #onEvents}. */
    private final List<Consumer<List<TrainingEvent>>> alsoOnEvents = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ObjectProperty<Consumer<FinishedRun>> onRunEnded = new SimpleObjectProperty<>(run -> { });
    private Worker worker;
    private EventInbox batcher;
    private RunRequest request;
    private long generation;

    /** How a run ended: its folder, request and terminal event (null when the worker could not start). */
    public record FinishedRun(Path runDir, RunRequest request, TrainingEvent end, RunMetrics metrics) {
    }

    /**
     * @param background where the worker is started (it makes the run folder and a process)
     * @param onFxThread hands work from other threads to the FX thread
     * @param timers     the event batches' ticks and the stop grace time, on the FX thread
     */
    public TrainingModel(RunLauncher launcher, Executor background, Consumer<Runnable> onFxThread, Timers timers) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.background = Objects.requireNonNull(background, "background");
        this.onFxThread = Objects.requireNonNull(onFxThread, "onFxThread");
        this.timers = Objects.requireNonNull(timers, "timers");
    }

    public ReadOnlyObjectProperty<RunState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public RunState state() {
        return state.get();
    }

    /** The metrics of the current (or last) run; replaced by a fresh one when a run starts. */
    public ReadOnlyObjectProperty<RunMetrics> metricsProperty() {
        return metrics.getReadOnlyProperty();
    }

    /** A sentence on the run for the status bar: where it runs, how it ended, or why it failed. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Where the active run trains when not on this machine (a cluster); empty otherwise. */
    public ReadOnlyStringProperty whereProperty() {
        return where.getReadOnlyProperty();
    }

    /** False while the active run cannot pause (a run on a cluster); true otherwise. */
    public ReadOnlyBooleanProperty pausableProperty() {
        return pausable.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> runDirProperty() {
        return runDir.getReadOnlyProperty();
    }

    /** Called on the FX thread with each batch of events, after the metrics took them. */
    public void setOnEvents(Consumer<List<TrainingEvent>> listener) {
        onEvents.set(Objects.requireNonNull(listener));
    }

    /** Also called on the FX thread with each batch of events, after {@link #setOnEvents}'s listener. */
    public void addOnEvents(Consumer<List<TrainingEvent>> listener) {
        alsoOnEvents.add(Objects.requireNonNull(listener));
    }

    /** Called on the FX thread once per run, when it is over (finished, stopped, failed, or never started). */
    public void setOnRunEnded(Consumer<FinishedRun> listener) {
        onRunEnded.set(Objects.requireNonNull(listener));
    }

    /** Starts a run in {@code folder}; returns at once. Refused (false) while another run is active. */
    public boolean start(RunRequest runRequest, Path folder) {
        return start(runRequest, folder, launcher);
    }

    /**
     * Starts a run in {@code folder} with {@code runLauncher} instead of the model's own (a run on a cluster, {@link
     * ClusterRunLauncher}); returns at once. Refused (false) while another run is active.
     */
    public boolean start(RunRequest runRequest, Path folder, RunLauncher runLauncher) {
        if (!state.get().canStart()) {
            return false;
        }
        long run = ++generation;
        request = runRequest;
        RunMetrics fresh = new RunMetrics();
        metrics.set(fresh);
        runDir.set(folder);
        state.set(RunState.STARTING);
        message.set("Starting the training process…");
        EventInbox events = new EventInbox(batch -> take(run, fresh, batch), onFxThread);
        batcher = events;
        events.start(timers);
        background.execute(() -> {
            try {
                // made here, atomically: two runs started at the same moment never share a folder
                Path claimed = RunFolder.createUnique(folder.getParent(), folder.getFileName().toString()).dir();
                Worker started = runLauncher.start(runRequest, claimed, events);
                onFxThread.accept(() -> {
                    if (run == generation) {
                        runDir.set(claimed);
                    }
                    attached(run, started);
                });
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not start the training worker", e);
                String reason = "Cannot start the training process: " + e.getMessage();
                events.onEvent(TrainingEvent.Failed.because(reason));
            }
        });
        return true;
    }

    public void pause() {
        if (state.get().canPause() && worker != null && worker.canPause()) {
            worker.pause();
        }
    }

    public void resume() {
        if (state.get().canResume() && worker != null) {
            worker.resume();
        }
    }

    /** Asks the run to stop at the next minibatch (it saves the model); kills it if it has not ended after the grace time. */
    public void stop() {
        if (!state.get().canStop()) {
            return;
        }
        state.set(RunState.STOPPING);
        message.set("Stopping at the next minibatch…");
        Worker target = worker;
        if (target != null) {
            target.stop();
        }
        long run = generation;
        timers.after(STOP_GRACE, () -> {
            if (run == generation && state.get() == RunState.STOPPING && worker != null && worker.isAlive()) {
                LOG.warn("the worker did not stop within {} s; killing it", STOP_GRACE.toSeconds());
                worker.kill();
            }
        });
    }

    /** The worker's process id while one runs. */
    public OptionalLong workerPid() {
        return worker == null ? OptionalLong.empty() : OptionalLong.of(worker.pid());
    }

    /** Ends the worker at once (the app is closing). */
    public void kill() {
        if (worker != null && worker.isAlive()) {
            worker.kill();
        }
    }

    private void attached(long run, Worker started) {
        if (run != generation) {
            started.kill();
            return;
        }
        worker = started;
        message.set(started.backend().message());
        where.set(started.where());
        pausable.set(started.canPause());
        if (!started.where().isEmpty() && state.get() == RunState.STARTING) {
            state.set(RunState.RUNNING); // a run on a cluster tells its start only when it ends: it trains now
        }
        if (state.get() == RunState.STOPPING) {
            started.stop(); // the user pressed Stop while the process was starting
        }
    }

    private void take(long run, RunMetrics target, List<TrainingEvent> batch) {
        if (run != generation) {
            return;
        }
        TrainingEvent end = null;
        for (TrainingEvent event : batch) {
            target.accept(event);
            if (event instanceof TrainingEvent.RunStarted started) {
                message.set(started.backend() + " · " + started.device());
                if (state.get() == RunState.STARTING) {
                    state.set(RunState.RUNNING);
                }
            } else if (event instanceof TrainingEvent.Notice notice) {
                message.set(notice.message());
            } else if (event instanceof TrainingEvent.Paused) {
                state.set(RunState.PAUSED);
            } else if (event instanceof TrainingEvent.Resumed) {
                state.set(RunState.RUNNING);
            } else if (event.isTerminal()) {
                end = event;
            }
        }
        onEvents.get().accept(batch);
        alsoOnEvents.forEach(listener -> listener.accept(batch));
        if (end != null) {
            ended(target, end);
        }
    }

    private void ended(RunMetrics target, TrainingEvent end) {
        if (batcher != null) {
            batcher.stop();
        }
        message.set(describe(end, request == null ? 0 : request.epochs()));
        state.set(RunState.IDLE);
        where.set("");
        pausable.set(true);
        worker = null;
        onRunEnded.get().accept(new FinishedRun(runDir.get(), request, end, target));
    }

    /**
     * The run's end in words. A run that did all the epochs asked for says only how far it went; one that ended
     * earlier by itself (early stopping) says why as well.
     */
    static String describe(TrainingEvent end, int epochsAsked) {
        if (end instanceof TrainingEvent.Finished f) {
            String done = "Finished: " + count(f.epochs(), "epoch") + ", " + count(f.iterations(), "iteration");
            boolean endedEarly = f.epochs() < epochsAsked && f.reason() != null && !f.reason().isBlank();
            return endedEarly ? done + " (" + f.reason() + ")" : done;
        }
        if (end instanceof TrainingEvent.Stopped s && !s.savedModel()) {
            return "Stopped before any training: there is no model to keep.";
        }
        if (end instanceof TrainingEvent.Stopped s) {
            return "Stopped in epoch " + s.epoch() + " after " + count(s.iteration(), "iteration") + "; the model was saved";
        }
        if (end instanceof TrainingEvent.Failed f) {
            return "Failed: " + f.reason();
        }
        return end.toString();
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
