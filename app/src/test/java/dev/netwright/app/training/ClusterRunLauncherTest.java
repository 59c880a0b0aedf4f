package dev.netwright.app.training;

import dev.netwright.runtime.design.Augmentation;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.train.Backend;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run on a cluster from the Training panel: {@code netwright train --cluster} through a fake {@link CommandLauncher}
 * (no Spark, no child JVM), driven by hand, into a {@link TrainingModel} with hand-run timers.
 */
class ClusterRunLauncherTest {
    private static final String DESIGN_TEXT = "{\"formatVersion\":1,\"name\":\"tiny\"}";

    @TempDir
    Path folder;
    private Path design;
    private Path runs;
    private final ManualTimers timers = new ManualTimers();
    private final Queue<Runnable> background = new ArrayDeque<>();
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private final List<TrainingModel.FinishedRun> ended = new ArrayList<>();
    private final TrainingModel model = new TrainingModel((request, dir, listener) -> {
        throw new AssertionError("a run on a cluster never starts a local worker");
    }, background::add, Runnable::run, timers);
    private final List<List<String>> launched = new ArrayList<>();
    private final List<String> cancels = new ArrayList<>();
    /** What the command prints as it starts, then its exit code and what it writes before it ends. */
    private List<String> printed = List.of();
    private int exitCode;
    private Consumer<Path> writesRunFolder = dir -> { };

    @BeforeEach
    void saved() throws IOException {
        design = Files.writeString(folder.resolve("tiny.json"), DESIGN_TEXT);
        runs = Files.createDirectories(folder.resolve("tiny-runs"));
        model.setOnRunEnded(ended::add);
    }

    private final CommandLauncher commands = (arguments, lines) -> {
        launched.add(List.copyOf(arguments));
        printed.forEach(lines);
        Path out = Path.of(arguments.get(arguments.indexOf("--out") + 1));
        return new CommandLauncher.Running() {
            @Override
            public int waitFor() {
                writesRunFolder.accept(out);
                return cancels.isEmpty() ? exitCode : 143;
            }

            @Override
            public void cancel() {
                cancels.add("cancel");
            }
        };
    };

    private static RunRequest request() {
        RunRequest plain = RunRequest.of(Design.empty("tiny"), "fashion-mnist-sample");
        return plain.withEpochs(2).withBatchSize(32).withSettings(plain.settings().withLearningRate(0.01))
                .withLimits(200, 50);
    }

    private ClusterRunLauncher launcher(String master) {
        return new ClusterRunLauncher(commands, waiting::add, master, design);
    }

    private Path start(String master) {
        assertThat(model.start(request(), runs.resolve("run-1"), launcher(master))).isTrue();
        run(background);
        return model.runDirProperty().get();
    }

    private static void run(Queue<Runnable> tasks) {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            task.run();
        }
    }

    @Test
    void itTrainsTheSavedDesignOnTheClusterWithThePanelsSettingsIntoANewRunFolder() {
        Path runDir = start("spark://10.0.0.5:7077");

        assertThat(launched).hasSize(1);
        List<String> arguments = launched.get(0);
        assertThat(arguments.subList(0, 6)).containsExactly("train", design.toString(), "--cluster",
                "spark://10.0.0.5:7077", "--out", runDir.toString());
        assertThat(runDir.getParent()).isEqualTo(runs);
        assertThat(String.join(" ", arguments)).contains("--data fashion-mnist-sample", "--epochs 2", "--batch 32",
                "--lr 0.01", "--max-train 200", "--max-validation 50", "--optimizer ADAM",
                "--lr-schedule constant", "--augment none");
        // what train --cluster refuses is never passed
        assertThat(arguments).doesNotContain("--threads", "--onednn", "--no-onednn", "--lstm-engine", "--backend",
                "--init-from", "--resume", "--freeze");
    }

    @Test
    void whileItRunsItSaysWhereAndEachLineItPrintsIsTheMessage() {
        printed = List.of("Run folder: /x | cluster local[2]", "",
                "epoch 1/2: train loss 0.6000, accuracy 0.800 | validation loss 0.7000, accuracy 0.750 | 3.1 s");
        start("local[2]");
        timers.tick();

        assertThat(model.state()).isEqualTo(RunState.RUNNING);
        assertThat(model.whereProperty().get()).isEqualTo("Training on local[2] (data-parallel)");
        assertThat(model.messageProperty().get())
                .isEqualTo("epoch 1/2: train loss 0.6000, accuracy 0.800 | validation loss 0.7000, accuracy 0.750 | 3.1 s");
    }

    @Test
    void theCommandsProgressBarIsNotTheMessageThePanelDrawsItsOwnFromTheEvents() {
        printed = List.of("Run folder: /x | cluster local[2]", "epoch 1/2 [------------------------] the first "
                + "minibatch is running...", "epoch 1/2 [#####-------------------]  21% loss 1.9229 112 samples/s ETA 1:14");
        start("local[2]");
        timers.tick();

        assertThat(model.messageProperty().get()).isEqualTo("Run folder: /x | cluster local[2]");
    }

    @Test
    void aFinishedRunTellsItsCurvesAndEndFromItsRunFolder() {
        writesRunFolder = dir -> write(dir, RunFixtures.started(), new TrainingEvent.Iteration(1, 1, 0.7, 0.01, 100),
                new TrainingEvent.EpochEnd(1, 1, 0.7, 0.6, 0.65, 0.62, 1),
                new TrainingEvent.Finished(1, 1, "model.zip", "completed 1 epoch"));
        start("local[2]");
        run(waiting);
        timers.tick();

        assertThat(ended).hasSize(1);
        assertThat(ended.get(0).end()).isInstanceOf(TrainingEvent.Finished.class);
        assertThat(ended.get(0).metrics().validationAccuracy().size()).isEqualTo(1);
        assertThat(model.state()).isEqualTo(RunState.IDLE);
        assertThat(model.whereProperty().get()).isEmpty();
        assertThat(model.messageProperty().get()).startsWith("Finished: 1 epoch");
    }

    @Test
    void anUnreachableMasterEndsTheRunWithTheCommandsLastLineAndTheDesignUntouched() throws IOException {
        printed = List.of("Run folder: /x | cluster spark://nowhere:7077",
                "Cannot reach the Spark master at spark://nowhere:7077: connection refused");
        exitCode = 3;
        start("spark://nowhere:7077");
        run(waiting);
        timers.tick();

        assertThat(ended).hasSize(1);
        TrainingEvent.Failed failed = (TrainingEvent.Failed) ended.get(0).end();
        assertThat(failed.reason()).isEqualTo("The run on spark://nowhere:7077 failed (exit code 3): Cannot reach "
                + "the Spark master at spark://nowhere:7077: connection refused");
        assertThat(model.messageProperty().get()).startsWith("Failed: The run on spark://nowhere:7077 failed");
        assertThat(model.state()).isEqualTo(RunState.IDLE);
        assertThat(Files.readString(design)).isEqualTo(DESIGN_TEXT);
        assertThat(ended.get(0).runDir()).as("no empty run folder is left").doesNotExist();
    }

    @Test
    void whenTheCommandEndsSayingNothingWasTrainedTheLineBeforeSaysWhy() {
        printed = List.of("Cannot reach the Spark master at spark://127.0.0.1:1: connection refused",
                "Nothing was trained, and no run folder was made.");
        exitCode = 1;
        start("spark://127.0.0.1:1");
        run(waiting);
        timers.tick();

        assertThat(((TrainingEvent.Failed) ended.get(0).end()).reason()).isEqualTo("The run on spark://127.0.0.1:1 "
                + "failed (exit code 1): Cannot reach the Spark master at spark://127.0.0.1:1: connection refused "
                + "Nothing was trained, and no run folder was made.");
    }

    @Test
    void aClusterLostInAnEpochEndsTheRunWithTheReasonItWrote() {
        printed = List.of("Run folder: /x | cluster local[2]", "failed: Spark lost every executor", "  | at ...");
        exitCode = 1;
        writesRunFolder = dir -> write(dir, RunFixtures.started(), new TrainingEvent.Iteration(1, 1, 0.7, 0.01, 100),
                TrainingEvent.Failed.because("Spark lost every executor"));
        start("local[2]");
        run(waiting);
        timers.tick();

        assertThat(((TrainingEvent.Failed) ended.get(0).end()).reason())
                .isEqualTo("The run on local[2] failed (exit code 1): Spark lost every executor");
        assertThat(ended.get(0).metrics().loss().size()).as("its curves up to the loss").isEqualTo(1);
    }

    @Test
    void stopCancelsTheCommandWhichSavesTheModelAndSaysSoInTheRunFolder() {
        TrainingEvent stopped = new TrainingEvent.Stopped(1, 5, "model.zip");
        writesRunFolder = dir -> write(dir, RunFixtures.started(), new TrainingEvent.Iteration(1, 5, 0.8, 0.01, 100),
                stopped);

        assertThat(stoppedByTheUser()).isEqualTo(stopped);
    }

    @Test
    void stopWhileTheClusterIsStillStartingEndsAsAStopBeforeAnyTrainingNotAFailure() {
        // the command was killed while Spark started: it wrote nothing in the run folder
        TrainingEvent end = stoppedByTheUser();

        assertThat(end).isEqualTo(TrainingEvent.Stopped.beforeTraining());
        assertThat(((TrainingEvent.Stopped) end).savedModel()).isFalse();
        assertThat(model.messageProperty().get()).isEqualTo("Stopped before any training: there is no model to keep.");
        assertThat(model.state()).isEqualTo(RunState.IDLE);
    }

    @Test
    void aRunStoppedBeforeAnyTrainingIsListedAsStoppedWithoutAModel() {
        Path runDir = start("local[2]");
        model.stop();
        run(waiting);
        timers.tick();

        List<RunRecord> listed = RunList.list(runs);
        assertThat(listed).hasSize(1);
        RunRecord stopped = listed.get(0);
        assertThat(stopped.dir()).isEqualTo(runDir);
        assertThat(stopped.ending()).isEqualTo("stopped");
        assertThat(stopped.result()).isEqualTo("stopped");
        assertThat(stopped.metrics().epoch()).isZero();
        assertThat(stopped.evaluation()).isNull();
        assertThat(stopped.noEvaluation()).isEqualTo("Run " + runDir.getFileName() + " has no evaluation: it was "
                + "stopped before it saved a model.");
        assertThat(runDir.resolve(RunFolder.MODEL)).doesNotExist();
        // what it was asked, as the command would have kept it: a cluster run's constant rate, no augmentation
        assertThat(stopped.request().epochs()).isEqualTo(2);
        assertThat(stopped.request().lrSchedule()).isEqualTo(LearningRateSchedule.constant());
        assertThat(stopped.request().augmentation().isNone()).isTrue();
    }

    @Test
    void aRunTheCommandStoppedBeforeItsFirstAveragingRoundIsAStopWithoutAModel() {
        // Spark had started and the run began (RunStarted), but Stop came before the first round: the command's
        // session wrote that stop, and no model
        writesRunFolder = dir -> write(dir, RunFixtures.started(), TrainingEvent.Stopped.beforeTraining());
        TrainingEvent end = stoppedByTheUser();

        assertThat(end).isEqualTo(TrainingEvent.Stopped.beforeTraining());
        assertThat(model.messageProperty().get()).isEqualTo("Stopped before any training: there is no model to keep.");
        RunRecord listed = RunList.list(runs).get(0);
        assertThat(listed.ending()).isEqualTo("stopped");
        assertThat(listed.evaluation()).isNull();
        assertThat(listed.noEvaluation()).endsWith("it was stopped before it saved a model.");
        assertThat(listed.dir().resolve(RunFolder.MODEL)).doesNotExist();
    }

    @Test
    void aStoppedCommandKilledAfterItsTrainingBeganSaysItsModelWasNotSaved() {
        writesRunFolder = dir -> write(dir, RunFixtures.started(), new TrainingEvent.Iteration(1, 5, 0.8, 0.01, 100));
        TrainingEvent end = stoppedByTheUser();

        assertThat(((TrainingEvent.Failed) end).reason())
                .isEqualTo("Stopped: the run on local[2] ended before it could save its model.");
    }

    @Test
    void aFailureItWroteBeforeItsTrainingBeganStaysAFailureWhenStopped() {
        writesRunFolder = dir -> write(dir, TrainingEvent.Failed.because("Cannot read the data: no such file"));
        TrainingEvent end = stoppedByTheUser();

        assertThat(((TrainingEvent.Failed) end).reason()).isEqualTo("Stopped: the run on local[2] ended before it "
                + "could save its model (Cannot read the data: no such file).");
    }

    /** A run on local[2] the user stops: Stop cancels the command; how the run ended once the command has. */
    private TrainingEvent stoppedByTheUser() {
        start("local[2]");
        model.stop();

        assertThat(cancels).containsExactly("cancel");
        run(waiting);
        timers.tick();
        assertThat(ended).hasSize(1);
        return ended.get(0).end();
    }

    @Test
    void aMalformedMasterUrlIsAProblemThatNamesIt() {
        ClusterSetting setting = new ClusterSetting();
        assertThat(setting.problemProperty().get()).isEmpty();
        assertThat(setting.isSet()).isFalse();

        setting.clusterProperty().set("spark://host-without-port");

        assertThat(setting.problemProperty().get()).startsWith("Cluster ")
                .endsWith(", or leave it empty to train on this machine.");
        assertThat(setting.refusal(Optional.of(design))).startsWith("Not started: Cluster ");
        setting.clusterProperty().set(" local[2] ");
        assertThat(setting.problemProperty().get()).isEmpty();
        assertThat(setting.master()).isEqualTo("local[2]");
        assertThat(setting.refusal(Optional.of(design))).isEmpty();
    }

    @Test
    void anUnsavedDesignIsRefused() {
        ClusterSetting setting = new ClusterSetting();
        setting.clusterProperty().set("spark://10.0.0.5:7077");

        assertThat(setting.refusal(Optional.empty())).isEqualTo(ClusterSetting.SAVE_FIRST);
    }

    @Test
    void theSettingsAClusterDoesNotUseAreNamed() {
        assertThat(ClusterSetting.notUsed(request())).isEmpty();
        RunRequest busy = request().withBackend(Backend.GPU).withAugmentation(Augmentation.parse("flip"))
                .withLrSchedule(new LearningRateSchedule.Step(1, 0.5));

        assertThat(ClusterSetting.notUsed(busy)).containsExactly("the GPU backend", "augmentation",
                "the learning-rate schedule");
    }

    @Test
    void whileItRunsTheEventsItsRunFolderGainsAreToldOnceEachWholeAndTheEndLast() throws IOException {
        TrainingEvent started = RunFixtures.started();
        TrainingEvent first = new TrainingEvent.Iteration(1, 1, 0.9, 0.01, 100);
        TrainingEvent second = new TrainingEvent.Iteration(1, 2, 0.8, 0.01, 100);
        TrainingEvent epoch = new TrainingEvent.EpochEnd(1, 2, 0.8, 0.7, 0.6, 0.62, 1);
        TrainingEvent finished = new TrainingEvent.Finished(1, 2, "model.zip", "completed 1 epoch");
        String secondLine = TrainingEvents.toJsonLine(second);
        int half = secondLine.length() / 2;
        List<TrainingEvent> told = new ArrayList<>();
        List<List<TrainingEvent>> toldAtEachWait = new ArrayList<>();
        Path runDir = Files.createDirectories(runs.resolve("run-live"));
        Path events = runDir.resolve(RunFolder.EVENTS);
        CommandLauncher writing = (arguments, lines) -> new CommandLauncher.Running() {
            private int waits;

            @Override
            public boolean waitFor(Duration timeout) {
                toldAtEachWait.add(List.copyOf(told));
                switch (waits++) {
                    case 0 -> append(events, TrainingEvents.toJsonLine(started) + "\n" + TrainingEvents.toJsonLine(first)
                            + "\n" + secondLine.substring(0, half)); // the second line half-written
                    case 1 -> append(events, secondLine.substring(half) + "\n" + TrainingEvents.toJsonLine(epoch) + "\n"
                            + TrainingEvents.toJsonLine(finished) + "\n");
                    default -> {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public int waitFor() {
                return 0;
            }

            @Override
            public void cancel() {
            }
        };

        new ClusterRunLauncher(writing, Runnable::run, "local[2]", design).start(request(), runDir, told::add);

        assertThat(toldAtEachWait.get(1)).as("after the first lines were written, the whole ones")
                .containsExactly(started, first);
        assertThat(toldAtEachWait.get(2)).as("then the rest, but not the end until the command ends")
                .containsExactly(started, first, second, epoch);
        assertThat(told).containsExactly(started, first, second, epoch, finished);
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path dir, TrainingEvent... events) {
        StringBuilder lines = new StringBuilder();
        for (TrainingEvent event : events) {
            lines.append(TrainingEvents.toJsonLine(event)).append('\n');
        }
        try {
            Files.writeString(dir.resolve(RunFolder.EVENTS), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
