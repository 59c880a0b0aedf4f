package dev.netwright.app.training;

import dev.netwright.charts.metrics.RunMetrics;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

import static org.assertj.core.api.Assertions.assertThat;

/** The training model driven by a fake worker and hand-run timers: no toolkit, no process, no waiting. */
class TrainingModelTest {
    @TempDir
    Path runs;

    private final ManualTimers timers = new ManualTimers();
    private final Queue<Runnable> background = new ArrayDeque<>();
    private final List<FakeWorker> workers = new ArrayList<>();
    private final List<Path> startedIn = new ArrayList<>();
    private final List<List<TrainingEvent>> batches = new ArrayList<>();
    private final List<TrainingModel.FinishedRun> ended = new ArrayList<>();
    private IOException cannotStart;
    private boolean runsCannotPause;
    private final TrainingModel model = new TrainingModel((request, dir, listener) -> {
        if (cannotStart != null) {
            throw cannotStart;
        }
        startedIn.add(dir);
        FakeWorker worker = new FakeWorker(listener);
        worker.pausable = !runsCannotPause;
        workers.add(worker);
        return worker;
    }, background::add, Runnable::run, timers);
    private final RunRequest request = RunRequest.of(Design.empty("tiny"), "sample:fashion-mnist");

    TrainingModelTest() {
        model.setOnEvents(batches::add);
        model.setOnRunEnded(ended::add);
    }

    private FakeWorker startedRun() {
        assertThat(model.start(request, runs.resolve("run-1"))).isTrue();
        runBackground();
        return workers.get(workers.size() - 1);
    }

    private void runBackground() {
        for (Runnable task = background.poll(); task != null; task = background.poll()) {
            task.run();
        }
    }

    private static TrainingEvent.RunStarted runStarted() {
        return new TrainingEvent.RunStarted("CPU", "4 cores", 1000, 640, 200, 1, 2, 64, "sample");
    }

    private static TrainingEvent.Iteration iteration(long i) {
        return new TrainingEvent.Iteration(1, i, 2.0 / i, 0.001, 500);
    }

    private FakeWorker runningRun() {
        FakeWorker worker = startedRun();
        worker.emit(runStarted());
        timers.tick();
        assertThat(model.state()).isEqualTo(RunState.RUNNING);
        return worker;
    }

    @Test
    void startingARunSaysSoAndStartsTheWorkerInAFolderOfItsOwnOffTheUiThread() {
        assertThat(model.start(request, runs.resolve("run-1"))).isTrue();

        assertThat(model.state()).isEqualTo(RunState.STARTING);
        assertThat(model.messageProperty().get()).isEqualTo("Starting the training process…");
        assertThat(workers).as("not started before the background ran").isEmpty();
        runBackground();
        assertThat(startedIn).containsExactly(runs.resolve("run-1"));
        assertThat(Files.isDirectory(runs.resolve("run-1"))).isTrue();
        assertThat(model.runDirProperty().get()).isEqualTo(runs.resolve("run-1"));
        assertThat(model.messageProperty().get()).isEqualTo(FakeWorker.BACKEND);
        assertThat(model.workerPid()).hasValue(4242);
    }

    @Test
    void aSecondRunIsRefusedWhileOneIsActive() {
        startedRun();

        assertThat(model.start(request, runs.resolve("run-2"))).isFalse();
        runBackground();
        assertThat(workers).hasSize(1);
    }

    @Test
    void aFolderThatExistsAlreadyIsNotShared() throws IOException {
        Files.createDirectories(runs.resolve("run-1"));

        startedRun();

        assertThat(startedIn).hasSize(1);
        assertThat(startedIn.get(0)).isNotEqualTo(runs.resolve("run-1"));
        assertThat(model.runDirProperty().get()).isEqualTo(startedIn.get(0));
    }

    @Test
    void eventsReachTheMetricsAndListenersInBatchesOnTheTimersTick() {
        FakeWorker worker = startedRun();
        worker.emit(runStarted());
        worker.emit(iteration(1));
        worker.emit(iteration(2));

        assertThat(batches).as("nothing before the tick").isEmpty();
        assertThat(model.state()).isEqualTo(RunState.STARTING);
        timers.tick();
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).hasSize(3);
        assertThat(model.state()).isEqualTo(RunState.RUNNING);
        assertThat(model.messageProperty().get()).isEqualTo("CPU · 4 cores");
        assertThat(model.metricsProperty().get().loss().size()).isEqualTo(2);
        timers.tick();
        assertThat(batches).as("an empty tick passes no batch").hasSize(1);
    }

    @Test
    void aNoticeBecomesTheMessage() {
        FakeWorker worker = runningRun();
        worker.emit(new TrainingEvent.Notice("Cannot write a checkpoint"));
        timers.tick();

        assertThat(model.messageProperty().get()).isEqualTo("Cannot write a checkpoint");
    }

    @Test
    void aRunThatCannotPauseIsNotAskedToAndTheNextRunCanAgain() {
        runsCannotPause = true;
        FakeWorker worker = runningRun();
        assertThat(model.pausableProperty().get()).as("while a run that cannot pause trains").isFalse();

        model.pause();
        assertThat(worker.commands).as("Pause is not passed to it").isEmpty();
        assertThat(model.state()).isEqualTo(RunState.RUNNING);

        worker.exit(new TrainingEvent.Finished(1, 10, "model.zip", "completed 1 epochs"));
        timers.tick();
        assertThat(model.state()).isEqualTo(RunState.IDLE);
        assertThat(model.pausableProperty().get()).as("once it ended").isTrue();
        runsCannotPause = false;
        FakeWorker next = runningRun();
        assertThat(model.pausableProperty().get()).isTrue();
        model.pause();
        assertThat(next.commands).containsExactly("pause");
    }

    @Test
    void pauseAndResumeGoToTheWorkerAndTheStateFollowsItsAnswers() {
        FakeWorker worker = runningRun();

        model.resume();
        assertThat(worker.commands).as("resume while running is ignored").isEmpty();
        model.pause();
        assertThat(worker.commands).containsExactly("pause");
        assertThat(model.state()).as("until the worker says so").isEqualTo(RunState.RUNNING);
        worker.emit(new TrainingEvent.Paused(7));
        timers.tick();
        assertThat(model.state()).isEqualTo(RunState.PAUSED);

        model.pause();
        model.resume();
        assertThat(worker.commands).containsExactly("pause", "resume");
        worker.emit(new TrainingEvent.Resumed(7));
        timers.tick();
        assertThat(model.state()).isEqualTo(RunState.RUNNING);
    }

    @Test
    void stopAsksTheWorkerAndItsStoppedEventEndsTheRunAtOnce() {
        FakeWorker worker = runningRun();
        worker.emit(iteration(1));

        model.stop();
        assertThat(model.state()).isEqualTo(RunState.STOPPING);
        assertThat(model.messageProperty().get()).isEqualTo("Stopping at the next minibatch…");
        assertThat(worker.commands).containsExactly("stop");

        worker.exit(new TrainingEvent.Stopped(1, 1, "model.zip"));
        assertThat(model.state()).as("the end does not wait for a tick").isEqualTo(RunState.IDLE);
        assertThat(model.messageProperty().get()).isEqualTo("Stopped in epoch 1 after 1 iteration; the model was saved");
        assertThat(model.metricsProperty().get().state()).isEqualTo(RunMetrics.State.STOPPED);
        assertThat(model.metricsProperty().get().loss().size()).as("the events before the end came too").isEqualTo(1);
        assertThat(ended).singleElement().satisfies(run -> {
            assertThat(run.end()).isInstanceOf(TrainingEvent.Stopped.class);
            assertThat(run.runDir()).isEqualTo(runs.resolve("run-1"));
            assertThat(run.request()).isSameAs(request);
        });
        assertThat(timers.running()).as("no ticks after the run").isZero();
        assertThat(model.workerPid()).isEmpty();
    }

    @Test
    void aLocalRunStoppedBeforeItsFirstIterationSaysThereIsNoModelToKeep() {
        FakeWorker worker = runningRun();

        model.stop();
        worker.exit(TrainingEvent.Stopped.beforeTraining()); // the worker saved no model: nothing was trained

        assertThat(model.state()).isEqualTo(RunState.IDLE);
        assertThat(model.messageProperty().get()).isEqualTo("Stopped before any training: there is no model to keep.");
        assertThat(model.metricsProperty().get().state()).isEqualTo(RunMetrics.State.STOPPED);
        assertThat(ended).singleElement().satisfies(run -> assertThat(run.end()).isInstanceOfSatisfying(
                TrainingEvent.Stopped.class, stopped -> assertThat(stopped.savedModel()).isFalse()));
    }

    @Test
    void aFinishedRunSaysHowFarItWent() {
        FakeWorker worker = runningRun();

        worker.exit(new TrainingEvent.Finished(request.epochs(), 20, "model.zip", "completed " + request.epochs() + " epochs"));

        assertThat(model.state()).isEqualTo(RunState.IDLE);
        assertThat(model.messageProperty().get()).as("all the epochs asked for: said once")
                .isEqualTo("Finished: " + request.epochs() + " epoch" + (request.epochs() == 1 ? "" : "s") + ", 20 iterations");
        assertThat(ended).singleElement().extracting(TrainingModel.FinishedRun::end).isInstanceOf(TrainingEvent.Finished.class);
    }

    @Test
    void aRunThatStoppedEarlyByItselfSaysWhy() {
        assertThat(model.start(request.withEpochs(10), runs.resolve("run-1"))).isTrue();
        runBackground();
        FakeWorker worker = workers.get(workers.size() - 1);
        worker.emit(runStarted());
        timers.tick();

        worker.exit(new TrainingEvent.Finished(1, 1, "model.zip", "early stopping: the validation loss has not improved for 3 epochs"));

        assertThat(model.messageProperty().get())
                .isEqualTo("Finished: 1 epoch, 1 iteration (early stopping: the validation loss has not improved for 3 epochs)");
    }

    @Test
    void aWorkerThatExitsWithoutAResultEndsTheRunAsFailed() {
        FakeWorker worker = runningRun();

        // what the worker's handle makes of a process that died without a terminal event
        worker.exit(new TrainingEvent.Failed("The training process ended unexpectedly: exit code 137", 137, List.of()));

        assertThat(model.state()).isEqualTo(RunState.IDLE);
        assertThat(model.messageProperty().get()).isEqualTo("Failed: The training process ended unexpectedly: exit code 137");
        assertThat(ended).singleElement().extracting(TrainingModel.FinishedRun::end).isInstanceOf(TrainingEvent.Failed.class);
        assertThat(model.start(request, runs.resolve("run-2"))).as("a new run may start").isTrue();
    }

    @Test
    void aWorkerThatCannotStartEndsTheRunAsFailedWithTheReason() {
        cannotStart = new IOException("no java here");

        assertThat(model.start(request, runs.resolve("run-1"))).isTrue();
        runBackground();

        assertThat(model.state()).isEqualTo(RunState.IDLE);
        assertThat(model.messageProperty().get()).isEqualTo("Failed: Cannot start the training process: no java here");
        assertThat(ended).singleElement().satisfies(run -> assertThat(((TrainingEvent.Failed) run.end()).reason())
                .isEqualTo("Cannot start the training process: no java here"));
    }

    @Test
    void aWorkerThatDoesNotStopWithinTheGraceTimeIsKilled() {
        FakeWorker worker = runningRun();

        model.stop();
        timers.elapse(TrainingModel.STOP_GRACE.minusMillis(1));
        assertThat(worker.commands).containsExactly("stop");
        timers.elapse(Duration.ofMillis(1));
        assertThat(worker.commands).containsExactly("stop", "kill");

        worker.emit(new TrainingEvent.Failed("The run was ended at once, as asked; its model was not saved.", 137, List.of()));
        assertThat(model.state()).isEqualTo(RunState.IDLE);
    }

    @Test
    void aWorkerThatStoppedInTimeIsNotKilled() {
        FakeWorker worker = runningRun();

        model.stop();
        worker.exit(new TrainingEvent.Stopped(1, 3, "model.zip"));
        timers.elapse(TrainingModel.STOP_GRACE);

        assertThat(worker.commands).containsExactly("stop");
    }

    @Test
    void stopWhileTheWorkerIsStartingReachesItOnceItIsThere() {
        assertThat(model.start(request, runs.resolve("run-1"))).isTrue();

        model.stop();
        assertThat(model.state()).isEqualTo(RunState.STOPPING);
        runBackground();

        assertThat(workers).singleElement().satisfies(w -> assertThat(w.commands).containsExactly("stop"));
    }

    @Test
    void stopWhenIdleDoesNothing() {
        model.stop();

        assertThat(model.state()).isEqualTo(RunState.IDLE);
        assertThat(model.messageProperty().get()).isEmpty();
    }

    @Test
    void killEndsARunningWorkerAtOnce() {
        FakeWorker worker = runningRun();

        model.kill();

        assertThat(worker.commands).containsExactly("kill");
    }

    @Test
    void aNewRunStartsWithFreshMetrics() {
        FakeWorker first = runningRun();
        first.emit(iteration(1));
        first.exit(new TrainingEvent.Finished(1, 1, "model.zip", ""));
        RunMetrics old = model.metricsProperty().get();

        startedRun();

        assertThat(model.metricsProperty().get()).isNotSameAs(old);
        assertThat(model.metricsProperty().get().loss().size()).isZero();
    }
}
