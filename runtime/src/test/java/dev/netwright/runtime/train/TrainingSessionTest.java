package dev.netwright.runtime.train;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.data.DataSplit;
import dev.netwright.runtime.design.Design;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training loop in this JVM, on a tiny synthetic IDX data set: 330 training images (297 train, 33 held out for
 * validation) and 60 test images.
 */
class TrainingSessionTest {
    @TempDir
    static Path shared;
    static String data;

    @TempDir
    Path runDir;

    @BeforeAll
    static void writeData() throws Exception {
        data = "idx:" + SyntheticIdx.write(shared.resolve("idx"), 330, 60);
    }

    static Design smallNet() {
        return TestDesigns.start().image(8, 8, 1).then("flat", "Flatten").then("dense", "Dense", "units", 16)
                .then("output", "Output", "units", 3).build();
    }

    static RunRequest request() {
        return RunRequest.of(smallNet(), data).withBatchSize(32)
                .withSettings(TrainingSettings.defaults().withLearningRate(0.01));
    }

    @Test
    void trainsToTheEndReportingEveryStepAndSavesAModelThatReloads() throws Exception {
        RecordingListener events = new RecordingListener();
        TrainingEvent end = new TrainingSession(request().withEpochs(2), runDir, events).run();

        assertThat(end).isInstanceOf(TrainingEvent.Finished.class);
        List<TrainingEvent> all = events.events();
        assertThat(events.of(TrainingEvent.Notice.class)).extracting(TrainingEvent.Notice::message)
                .containsExactly("Reading the data: " + data, "Building the network: 4 layers");
        assertThat(all.get(2)).isInstanceOf(TrainingEvent.RunStarted.class);
        assertThat(all.get(all.size() - 1)).isSameAs(end);
        List<TrainingEvent.Iteration> iterations = events.of(TrainingEvent.Iteration.class);
        assertThat(iterations).extracting(TrainingEvent.Iteration::iteration)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList()); // 2 × ceil(297/32)
        assertThat(events.of(TrainingEvent.EpochEnd.class)).extracting(TrainingEvent.EpochEnd::epoch).containsExactly(1, 2);
        assertThat(events.of(TrainingEvent.Checkpoint.class)).hasSize(2);

        TrainingEvent.EpochEnd last = events.of(TrainingEvent.EpochEnd.class).get(1);
        assertThat(last.validationAccuracy()).isGreaterThan(0.9);
        TrainingEvent.Evaluation evaluation = events.of(TrainingEvent.Evaluation.class).get(0);
        int counted = 0;
        for (int[] row : evaluation.confusion()) {
            for (int v : row) {
                counted += v;
            }
        }
        assertThat(counted).isEqualTo(60); // the held-out test images, not the 33 that validated each epoch
        assertThat(evaluation.set()).isEqualTo("test");
        assertThat(evaluation.accuracy()).isGreaterThan(0.9);
        assertThat(events.of(TrainingEvent.RunStarted.class).get(0).validationSamples()).isEqualTo(33);

        RunFolder folder = new RunFolder(runDir);
        assertThat(folder.model()).isRegularFile();
        ComputationGraph reloaded = ModelZip.read(folder.model(), false);
        assertThat(reloaded.params().length()).isEqualTo(64 * 16 + 16 + 16 * 3 + 3);
        assertThat(RunEvaluation.evaluate(folder).accuracy()).isEqualTo(evaluation.accuracy());
    }

    @Test
    void stopEndsTheRunAtTheNextMinibatchWithASavedModel() throws Exception {
        TrainingSession[] session = new TrainingSession[1];
        RecordingListener events = new RecordingListener(e -> {
            if (e instanceof TrainingEvent.Iteration it && it.iteration() == 3) {
                session[0].control().stop();
            }
        });
        session[0] = new TrainingSession(request().withEpochs(5), runDir, events);
        TrainingEvent end = session[0].run();

        assertThat(end).isInstanceOf(TrainingEvent.Stopped.class);
        assertThat(((TrainingEvent.Stopped) end).iteration()).isEqualTo(3);
        assertThat(events.of(TrainingEvent.Iteration.class)).hasSize(3);
        ComputationGraph model = ModelZip.read(new RunFolder(runDir).model(), false);
        assertThat(model.params().isInfinite().any()).isFalse();
        assertThat(model.params().isNaN().any()).isFalse();
    }

    /** Issue 22: Stop pressed before the first minibatch saved the untrained network, which was then evaluated. */
    @Test
    void stopBeforeTheFirstMinibatchEndsTheRunAsStoppedBeforeAnyTrainingWithoutAModel() throws Exception {
        TrainingSession[] session = new TrainingSession[1];
        RecordingListener events = new RecordingListener(e -> {
            if (e instanceof TrainingEvent.RunStarted) {
                session[0].control().stop(); // the data is read and the network built: Stop before it trains
            }
        });
        session[0] = new TrainingSession(request().withEpochs(5), runDir, events);
        TrainingEvent end = session[0].run();

        assertThat(end).as(events.events().toString()).isEqualTo(TrainingEvent.Stopped.beforeTraining());
        assertThat(((TrainingEvent.Stopped) end).savedModel()).isFalse();
        assertThat(events.of(TrainingEvent.Iteration.class)).isEmpty();
        assertThat(events.events()).last().isEqualTo(end);
        RunFolder folder = new RunFolder(runDir);
        assertThat(folder.model()).as("an untrained network is no model to keep").doesNotExist();
        assertThat(folder.evaluation()).doesNotExist();
        assertThat(runDir.resolve(RunRequestJson.FILE_NAME)).as("the folder still says what it ran").isRegularFile();
    }

    @Test
    void stopAfterTheFirstMinibatchStillSavesTheModel() throws Exception {
        TrainingSession[] session = new TrainingSession[1];
        RecordingListener events = new RecordingListener(e -> {
            if (e instanceof TrainingEvent.Iteration it && it.iteration() == 1) {
                session[0].control().stop();
            }
        });
        session[0] = new TrainingSession(request().withEpochs(5), runDir, events);
        TrainingEvent end = session[0].run();

        assertThat(end).isEqualTo(new TrainingEvent.Stopped(1, 1, new RunFolder(runDir).model().toString()));
        assertThat(new RunFolder(runDir).model()).isRegularFile();
    }

    /** Issue 15, defect 8: a run stopped in epoch 2 was evaluated as "epoch 0". */
    @Test
    void aRunStoppedInEpochTwoIsEvaluatedAsTheLastModelOfEpochTwo() throws Exception {
        TrainingSession[] session = new TrainingSession[1];
        RecordingListener events = new RecordingListener(e -> {
            if (e instanceof TrainingEvent.Iteration it && it.iteration() == 13) { // 10 minibatches an epoch
                session[0].control().stop();
            }
        });
        session[0] = new TrainingSession(request().withEpochs(5), runDir, events);
        RunFolder folder = new RunFolder(runDir);
        try (EventsFile file = new EventsFile(folder, events)) {
            assertThat(session[0].run()).isInstanceOf(TrainingEvent.Stopped.class);
        }

        TrainingEvent.Evaluation evaluation = RunEvaluation.evaluate(folder);

        assertThat(evaluation.epoch()).isEqualTo(2);
        assertThat(evaluation.model()).isEqualTo(TrainingEvent.Evaluation.LAST);
        int correct = 0;
        for (int c = 0; c < evaluation.confusion().length; c++) {
            correct += evaluation.confusion()[c][c];
        }
        assertThat(evaluation.correct()).as("the correctly classified samples are listed too").hasSize(correct)
                .allSatisfy(m -> assertThat(m.actual()).isEqualTo(m.predicted()));
    }

    /** What the worker does: every event also goes to the run's events.jsonl. */
    private static final class EventsFile implements AutoCloseable {
        private final RunFolder folder;
        private final RecordingListener events;

        EventsFile(RunFolder folder, RecordingListener events) {
            this.folder = folder;
            this.events = events;
        }

        @Override
        public void close() throws java.io.IOException {
            StringBuilder lines = new StringBuilder();
            for (TrainingEvent event : events.events()) {
                lines.append(TrainingEvents.toJsonLine(event)).append('\n');
            }
            java.nio.file.Files.writeString(folder.events(), lines);
        }
    }

    @Test
    void aRunFromBeforeTheTestSplitIsEvaluatedOnTheValidationSetItValidatedOn() throws Exception {
        RecordingListener events = new RecordingListener();
        new TrainingSession(request().withSplit(DataSplit.VALIDATE_ON_TEST), runDir, events).run();

        TrainingEvent.Evaluation evaluation = events.of(TrainingEvent.Evaluation.class).get(0);
        assertThat(evaluation.set()).isEqualTo("validation");
        assertThat(evaluation.accuracy()).isEqualTo(events.of(TrainingEvent.EpochEnd.class).get(0).validationAccuracy());
        assertThat(events.of(TrainingEvent.Iteration.class)).hasSize(11); // ceil(330/32): every training image trains
    }

    @Test
    void pauseAndResumeContinueTheIterationCount() throws Exception {
        TrainingSession[] session = new TrainingSession[1];
        RecordingListener events = new RecordingListener(e -> {
            if (e instanceof TrainingEvent.Iteration it && it.iteration() == 2) {
                session[0].control().pause();
                CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(() -> session[0].control().resume());
            }
        });
        session[0] = new TrainingSession(request(), runDir, events);
        assertThat(session[0].run()).isInstanceOf(TrainingEvent.Finished.class);

        List<TrainingEvent> all = events.events();
        int paused = indexOf(all, TrainingEvent.Paused.class);
        int resumed = indexOf(all, TrainingEvent.Resumed.class);
        assertThat(paused).isPositive().isLessThan(resumed);
        assertThat(((TrainingEvent.Paused) all.get(paused)).iteration()).isEqualTo(2);
        assertThat(((TrainingEvent.Iteration) all.get(resumed + 1)).iteration()).isEqualTo(3);
        assertThat(events.of(TrainingEvent.Iteration.class)).extracting(TrainingEvent.Iteration::iteration)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
    }

    /** Conv, conv, dense, dense: deep enough for a huge learning rate to overflow. */
    static Design deeperNet() {
        return TestDesigns.start().image(8, 8, 1).then("conv1", "Conv2D", "filters", 8)
                .then("conv2", "Conv2D", "filters", 8).then("flat", "Flatten").then("d1", "Dense", "units", 16)
                .then("d2", "Dense", "units", 16).then("output", "Output", "units", 3).build();
    }

    @Test
    void aDesignWithWeightsStartsFromThem() throws Exception {
        Path weights = runDir.resolveSibling(runDir.getFileName() + "-net.weights.npz");
        dev.netwright.runtime.weights.DesignWeights.extract(new dev.netwright.runtime.compile.DesignCompiler()
                .compile(smallNet(), TrainingSettings.defaults()).newNetwork(), smallNet()).write(weights);
        RecordingListener events = new RecordingListener();
        TrainingEvent end = new TrainingSession(RunRequest.of(smallNet().withWeights(weights.toString()), data)
                .withBatchSize(32), runDir, events).run();

        assertThat(end).isInstanceOf(TrainingEvent.Finished.class);
        assertThat(events.of(TrainingEvent.Notice.class)).extracting(TrainingEvent.Notice::message)
                .contains("Starting from the design's weights (" + weights.getFileName() + ", 1,091 values, 2 nodes)");
    }

    @Test
    void weightsThatPartlyFitStartTheNodesTheyFitAndANoticeNamesTheOthers() throws Exception {
        Path weights = runDir.resolveSibling(runDir.getFileName() + "-deeper.weights.npz");
        dev.netwright.runtime.weights.DesignWeights.extract(new dev.netwright.runtime.compile.DesignCompiler()
                .compile(deeperNet(), TrainingSettings.defaults()).newNetwork(), deeperNet()).write(weights);
        Design widerD2 = TestDesigns.start().image(8, 8, 1).then("conv1", "Conv2D", "filters", 8)
                .then("conv2", "Conv2D", "filters", 8).then("flat", "Flatten").then("d1", "Dense", "units", 16)
                .then("d2", "Dense", "units", 20).then("output", "Output", "units", 3).build()
                .withWeights(weights.toString());
        RecordingListener events = new RecordingListener();

        TrainingEvent end = new TrainingSession(RunRequest.of(widerD2, data).withBatchSize(32), runDir, events).run();

        assertThat(end).isInstanceOf(TrainingEvent.Finished.class);
        assertThat(events.of(TrainingEvent.Notice.class)).extracting(TrainingEvent.Notice::message)
                .anyMatch(m -> m.startsWith("Starting from the design's weights (" + weights.getFileName())
                        && m.contains("3 nodes)") && m.endsWith("d2 and output start from random weights: their shapes changed."));
        List<TrainingEvent> all = events.events();
        int started = all.indexOf(events.of(TrainingEvent.RunStarted.class).get(0));
        assertThat(all.get(started + 1)).as("right after RunStarted, so the window's run line keeps it")
                .isInstanceOf(TrainingEvent.Notice.class)
                .satisfies(e -> assertThat(((TrainingEvent.Notice) e).message()).startsWith("Starting from the design's weights"));
    }

    @Test
    void aMissingOrDamagedWeightsFileStartsFromRandomWeightsWithANoticeNamingTheFile() throws Exception {
        Path missing = runDir.resolveSibling(runDir.getFileName() + "-gone.weights.npz");
        Path damaged = runDir.resolveSibling(runDir.getFileName() + "-damaged.weights.npz");
        java.nio.file.Files.write(damaged, "not an npz archive".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        for (Path weights : List.of(missing, damaged)) {
            RecordingListener events = new RecordingListener();
            TrainingEvent end = new TrainingSession(RunRequest.of(smallNet().withWeights(weights.toString()), data)
                    .withBatchSize(32), runDir.resolve(weights.getFileName().toString()), events).run();

            assertThat(end).isInstanceOf(TrainingEvent.Finished.class);
            assertThat(events.of(TrainingEvent.Notice.class)).extracting(TrainingEvent.Notice::message)
                    .anyMatch(m -> m.startsWith("The design's weights file " + weights.getFileName() + " cannot be read (")
                            && m.endsWith("): every layer starts from random weights."));
        }
    }

    @Test
    void aHugeLearningRateWithSgdStopsOnTheNanLossAndSaysWhatToTry() {
        RecordingListener events = new RecordingListener();
        RunRequest request = RunRequest.of(deeperNet(), data).withBatchSize(32).withEpochs(3)
                .withSettings(TrainingSettings.defaults().withOptimizer(TrainingSettings.Optimizer.SGD).withLearningRate(1e6));
        TrainingEvent end = new TrainingSession(request, runDir, events).run();

        assertThat(end).isInstanceOf(TrainingEvent.Failed.class);
        assertThat(((TrainingEvent.Failed) end).reason()).containsAnyOf("became NaN", "became infinite")
                .contains("lower learning rate (now 1000000.0)").contains("gradient clipping").contains("normalising");
        assertThat(events.of(TrainingEvent.Iteration.class)).hasSizeLessThan(10);
    }

    @Test
    void aHugeLearningRateWithAdamIsCaughtAsDivergence() {
        // Adam's steps are normalised and DL4J clips softmax probabilities, so the loss stays finite (~15
        // against 1.1 for guessing) instead of becoming NaN; the divergence guard stops it all the same.
        RecordingListener events = new RecordingListener();
        RunRequest request = RunRequest.of(deeperNet(), data).withBatchSize(32).withEpochs(3)
                .withSettings(TrainingSettings.defaults().withLearningRate(1e6));
        TrainingEvent end = new TrainingSession(request, runDir, events).run();

        assertThat(end).isInstanceOf(TrainingEvent.Failed.class);
        assertThat(((TrainingEvent.Failed) end).reason()).contains("The loss is diverging")
                .contains("lower learning rate (now 1000000.0)").contains("gradient clipping");
        assertThat(events.of(TrainingEvent.Iteration.class)).hasSize(DivergenceGuard.WINDOW);
    }

    @Test
    void healthyTrainingIsNotMistakenForDivergence() {
        DivergenceGuard guard = new DivergenceGuard(10);
        for (int i = 0; i < 100; i++) {
            assertThat(guard.diverged(2.3 * Math.exp(-i / 30.0) + (i % 3) * 0.5)).isFalse();
        }
    }

    @Test
    void resumingFromTheEpochOneCheckpointStartsAtEpochTwo() throws Exception {
        new TrainingSession(request(), runDir, new RecordingListener()).run();
        Path checkpoint = runDir.resolve("checkpoints").resolve("epoch-001.zip");
        assertThat(checkpoint).isRegularFile();

        RecordingListener events = new RecordingListener();
        RunRequest resumed = request().withEpochs(2).resumingFrom(checkpoint.toString(), 5e-4);
        TrainingEvent end = new TrainingSession(resumed, runDir.resolve("resumed"), events).run();

        assertThat(end).isInstanceOf(TrainingEvent.Finished.class);
        assertThat(events.of(TrainingEvent.RunStarted.class).get(0).firstEpoch()).isEqualTo(2);
        TrainingEvent.Iteration first = events.of(TrainingEvent.Iteration.class).get(0);
        assertThat(first.epoch()).isEqualTo(2);
        assertThat(first.iteration()).isEqualTo(11);
        assertThat(first.learningRate()).isEqualTo(5e-4);
        assertThat(events.of(TrainingEvent.EpochEnd.class)).extracting(TrainingEvent.EpochEnd::epoch).containsExactly(2);
    }

    @Test
    void imagesOfTheWrongSizeAreRefusedBeforeTrainingWithBothShapes() {
        Design wrongInput = TestDesigns.start().image(28, 28, 1).then("flat", "Flatten")
                .then("output", "Output", "units", 3).build();
        RecordingListener events = new RecordingListener();
        TrainingEvent end = new TrainingSession(RunRequest.of(wrongInput, data), runDir, events).run();

        assertThat(end).isInstanceOf(TrainingEvent.Failed.class);
        assertThat(((TrainingEvent.Failed) end).reason()).contains("28×28×1").contains("8×8×1");
        assertThat(events.of(TrainingEvent.Iteration.class)).isEmpty();
    }

    @Test
    void moreClassesThanOutputUnitsAreRefusedBeforeTraining() {
        Design twoWay = TestDesigns.start().image(8, 8, 1).then("flat", "Flatten")
                .then("output", "Output", "units", 2).build();
        RecordingListener events = new RecordingListener();
        TrainingEvent end = new TrainingSession(RunRequest.of(twoWay, data), runDir, events).run();

        assertThat(((TrainingEvent.Failed) end).reason()).contains("3 classes").contains("2 units");
        assertThat(events.of(TrainingEvent.Iteration.class)).isEmpty();
    }

    @Test
    void missingDataIsAFailureThatNamesThePlace() {
        TrainingEvent end = new TrainingSession(RunRequest.of(smallNet(), "idx:" + runDir.resolve("nowhere")), runDir,
                new RecordingListener()).run();
        assertThat(((TrainingEvent.Failed) end).reason()).startsWith("Cannot use the data").contains("nowhere");
    }

    @Test
    void earlyStoppingEndsWhenTheValidationLossStopsImproving() {
        RunRequest frozen = request().withEpochs(6).withEarlyStopping(2)
                .withSettings(TrainingSettings.defaults().withOptimizer(TrainingSettings.Optimizer.SGD).withLearningRate(1e-12));
        RecordingListener events = new RecordingListener();
        TrainingEvent end = new TrainingSession(frozen, runDir, events).run();

        assertThat(end).isInstanceOf(TrainingEvent.Finished.class);
        assertThat(((TrainingEvent.Finished) end).reason()).contains("early stopping").contains("epoch 1");
        assertThat(events.of(TrainingEvent.EpochEnd.class)).hasSize(3);
        TrainingEvent.Evaluation evaluation = events.of(TrainingEvent.Evaluation.class).get(0);
        assertThat(evaluation.epoch()).as("the model kept is epoch 1's, not the last epoch's").isEqualTo(1);
        assertThat(evaluation.model()).isEqualTo(TrainingEvent.Evaluation.BEST);
    }

    @Test
    void eventsRoundTripThroughTheirJsonLines() {
        RecordingListener events = new RecordingListener();
        new TrainingSession(request(), runDir, events).run();
        for (TrainingEvent event : events.events()) {
            String line = TrainingEvents.toJsonLine(event);
            assertThat(line).doesNotContain("\n");
            TrainingEvent back = TrainingEvents.fromJsonLine(line);
            assertThat(TrainingEvents.toJsonLine(back)).isEqualTo(line);
        }
    }

    private static int indexOf(List<TrainingEvent> events, Class<?> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aCheckpointThatCannotBeWrittenIsReportedAndTheRunGoesOn() {
        // before: the IOException of the second checkpoint ended the run, and the trained epochs were not kept
        int[] writes = {0};
        TrainingSession.CheckpointWriter fullDiskAtTheSecond = (graph, dir, epoch, iteration) -> {
            if (++writes[0] == 2) {
                throw new java.io.IOException("No space left on device");
            }
            return Checkpoints.write(graph, dir, epoch, iteration);
        };
        RecordingListener events = new RecordingListener();
        TrainingEvent end = new TrainingSession(request().withEpochs(3), runDir, events, fullDiskAtTheSecond).run();

        assertThat(end).isInstanceOf(TrainingEvent.Finished.class);
        assertThat(new RunFolder(runDir).model()).isRegularFile();
        assertThat(events.of(TrainingEvent.Checkpoint.class)).extracting(TrainingEvent.Checkpoint::epoch).containsExactly(1, 3);
        assertThat(events.of(TrainingEvent.Notice.class)).extracting(TrainingEvent.Notice::message)
                .anySatisfy(m -> assertThat(m).contains("Cannot write the checkpoint of epoch 2")
                        .contains("No space left on device").contains("training goes on").contains("epoch-001.zip"));
    }

    @Test
    void aModelThatCannotBeSavedFailsTheRunNamingTheLastCheckpoint() throws Exception {
        Path blocked = java.nio.file.Files.createDirectories(runDir.resolve(RunFolder.MODEL).resolve("in-the-way"));
        RecordingListener events = new RecordingListener();
        TrainingEvent end = new TrainingSession(request().withEpochs(2), runDir, events).run();

        assertThat(end).isInstanceOfSatisfying(TrainingEvent.Failed.class, f -> assertThat(f.reason())
                .startsWith("Cannot save the trained model to " + runDir.resolve(RunFolder.MODEL))
                .contains("epoch-002.zip").doesNotContain("inside Deeplearning4j"));
        assertThat(blocked).isDirectory();
    }
}
