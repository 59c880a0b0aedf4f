package dev.netwright.runtime.train;

import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Augmentation;
import dev.netwright.runtime.design.LearningRateSchedule;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A session whose epochs an {@link EpochTrainer} trains elsewhere (as a cluster does), here with an epoch trainer that
 * fits the minibatches it is given in this JVM, on the tiny synthetic data of {@link TrainingSessionTest}.
 */
class EpochTrainerSessionTest {
    @TempDir
    static Path shared;
    static String data;
    @TempDir
    Path runDir;

    @BeforeAll
    static void writeData() throws Exception {
        data = "idx:" + SyntheticIdx.write(shared.resolve("idx"), 330, 60);
    }

    private static RunRequest request() {
        return RunRequest.of(TrainingSessionTest.smallNet(), data).withBatchSize(32)
                .withSettings(TrainingSettings.defaults().withLearningRate(0.01));
    }

    /**
     * Fits each minibatch in turn, keeps how many it was given per epoch, and reports the minibatches trained in groups of
     * {@code reportEvery} (as a Spark cluster does after each averaging), none when 0; {@code lossAt} replaces the
     * reported loss of one minibatch of the run (1-based), where not 0.
     */
    private static final class HereForTheCluster implements EpochTrainer {
        final List<Integer> minibatchesPerEpoch = new ArrayList<>();
        final List<Double> reportedLosses = new ArrayList<>();
        private final int reportEvery;
        private final int lossAt;
        private final double loss;
        /** Asked before each report's minibatches, as a trainer that can stop between its parts asks. */
        boolean asksToStop;
        /** Run once the first report has been made (a user pressing Stop while the epoch trains). */
        Runnable afterFirstReport = () -> { };
        /** Run as each epoch reaches the trainer, before it trains anything (Stop pressed as the cluster begins). */
        Runnable atEpochStart = () -> { };

        HereForTheCluster(int reportEvery, int lossAt, double loss) {
            this.reportEvery = reportEvery;
            this.lossAt = lossAt;
            this.loss = loss;
        }

        HereForTheCluster(int reportEvery) {
            this(reportEvery, 0, 0);
        }

        @Override
        public String where() {
            return "a test cluster";
        }

        @Override
        public Fitted fitEpoch(ComputationGraph graph, List<DataSet> minibatches, Progress progress) {
            minibatchesPerEpoch.add(minibatches.size());
            atEpochStart.run();
            List<Minibatch> trained = new ArrayList<>();
            for (DataSet minibatch : minibatches) {
                if (asksToStop && trained.isEmpty() && progress.stopRequested()) {
                    return Fitted.stopped(graph, graph.score()); // the network as trained so far
                }
                graph.fit(minibatch);
                double score = reportedLosses.size() + 1 == lossAt ? loss : graph.score();
                trained.add(new Minibatch(score, minibatch.numExamples()));
                reportedLosses.add(score);
                if (reportEvery > 0 && trained.size() == reportEvery) {
                    progress.trained(List.copyOf(trained));
                    trained.clear();
                    afterFirstReport.run();
                    afterFirstReport = () -> { };
                }
            }
            if (reportEvery > 0 && !trained.isEmpty()) {
                progress.trained(trained);
            }
            return new Fitted(graph, graph.score());
        }
    }

    @Test
    void eachEpochIsTrainedElsewhereAndTheRunFolderIsAnOrdinaryOne() throws Exception {
        HereForTheCluster cluster = new HereForTheCluster(0);
        RecordingListener events = new RecordingListener();
        TrainingEvent end = new TrainingSession(request().withEpochs(2), runDir, events, cluster).run();

        assertThat(end).as(events.events().toString()).isInstanceOf(TrainingEvent.Finished.class);
        assertThat(cluster.minibatchesPerEpoch).containsExactly(10, 10); // ceil(297/32) each epoch
        assertThat(events.of(TrainingEvent.RunStarted.class)).singleElement()
                .satisfies(started -> assertThat(started.device()).isEqualTo("a test cluster"));
        assertThat(events.of(TrainingEvent.Iteration.class)).extracting(TrainingEvent.Iteration::iteration)
                .containsExactly(10L, 20L); // one per epoch where the trainer reports no minibatch
        assertThat(events.of(TrainingEvent.EpochEnd.class)).extracting(TrainingEvent.EpochEnd::epoch).containsExactly(1, 2);
        assertThat(events.of(TrainingEvent.EpochEnd.class).get(1).validationAccuracy()).isGreaterThan(0.9);
        assertThat(events.of(TrainingEvent.Checkpoint.class)).hasSize(2);
        RunFolder folder = new RunFolder(runDir);
        assertThat(folder.model()).isRegularFile();
        assertThat(folder.evaluation()).isRegularFile();
        assertThat(runDir.resolve(RunRequestJson.FILE_NAME)).isRegularFile();
    }

    @Test
    void eachMinibatchTheClusterReportsIsAnIterationEventAsInALocalRun() throws Exception {
        HereForTheCluster cluster = new HereForTheCluster(4); // 10 minibatches an epoch: reports of 4, 4 and 2
        RecordingListener events = new RecordingListener();
        TrainingEvent end = new TrainingSession(request().withEpochs(2), runDir, events, cluster).run();

        assertThat(end).as(events.events().toString()).isInstanceOf(TrainingEvent.Finished.class);
        List<TrainingEvent.Iteration> iterations = events.of(TrainingEvent.Iteration.class);
        assertThat(iterations).extracting(TrainingEvent.Iteration::iteration)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(iterations).extracting(TrainingEvent.Iteration::epoch).containsOnly(1, 2).filteredOn(e -> e == 2)
                .hasSize(10);
        assertThat(iterations).extracting(TrainingEvent.Iteration::loss).containsExactlyElementsOf(cluster.reportedLosses);
        assertThat(iterations).allSatisfy(i -> assertThat(i.learningRate()).isEqualTo(0.01));
        // the epoch's training loss: the reported losses weighted by their examples (297 = 9 of 32 and one of 9)
        double[] first = cluster.reportedLosses.subList(0, 10).stream().mapToDouble(Double::doubleValue).toArray();
        double expected = 0;
        for (int i = 0; i < 10; i++) {
            expected += first[i] * (i < 9 ? 32 : 9);
        }
        assertThat(events.of(TrainingEvent.EpochEnd.class).get(0).trainLoss()).isCloseTo(expected / 297, within(1e-9));
        assertThat(events.of(TrainingEvent.EpochEnd.class)).extracting(TrainingEvent.EpochEnd::iteration)
                .containsExactly(10L, 20L);
    }

    @Test
    void aStopAskedForInAnEpochEndsItAtTheTrainersNextPartAndSavesTheModelTrainedSoFar() throws Exception {
        HereForTheCluster cluster = new HereForTheCluster(4);
        cluster.asksToStop = true;
        RecordingListener events = new RecordingListener();
        TrainingSession session = new TrainingSession(request().withEpochs(2), runDir, events, cluster);
        cluster.afterFirstReport = session.control()::stop;

        TrainingEvent end = session.run();

        assertThat(end).as(events.events().toString()).isInstanceOf(TrainingEvent.Stopped.class);
        TrainingEvent.Stopped stopped = (TrainingEvent.Stopped) end;
        assertThat(stopped.epoch()).isEqualTo(1);
        assertThat(stopped.iteration()).as("the 4 minibatches trained before the stop, not the epoch's 10").isEqualTo(4);
        assertThat(cluster.reportedLosses).hasSize(4);
        assertThat(events.of(TrainingEvent.Iteration.class)).extracting(TrainingEvent.Iteration::iteration)
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(events.of(TrainingEvent.EpochEnd.class)).as("the epoch did not end").isEmpty();
        assertThat(new RunFolder(runDir).model()).isRegularFile();
        assertThat(stopped.modelFile()).isEqualTo(new RunFolder(runDir).model().toString());
    }

    @Test
    void aStopBeforeTheTrainersFirstPartEndsTheRunAsStoppedBeforeAnyTrainingWithoutAModel() throws Exception {
        HereForTheCluster cluster = new HereForTheCluster(4);
        cluster.asksToStop = true;
        RecordingListener events = new RecordingListener();
        TrainingSession session = new TrainingSession(request().withEpochs(2), runDir, events, cluster);
        cluster.atEpochStart = session.control()::stop; // Stop pressed before the first averaging round

        TrainingEvent end = session.run();

        assertThat(end).as(events.events().toString()).isEqualTo(TrainingEvent.Stopped.beforeTraining());
        assertThat(((TrainingEvent.Stopped) end).savedModel()).isFalse();
        assertThat(cluster.minibatchesPerEpoch).as("the epoch reached the trainer").containsExactly(10);
        assertThat(cluster.reportedLosses).as("nothing trained").isEmpty();
        assertThat(events.of(TrainingEvent.Iteration.class)).isEmpty();
        assertThat(events.of(TrainingEvent.EpochEnd.class)).isEmpty();
        assertThat(events.of(TrainingEvent.Checkpoint.class)).isEmpty();
        RunFolder folder = new RunFolder(runDir);
        assertThat(folder.model()).as("an untrained network is no model to keep").doesNotExist();
        assertThat(folder.evaluation()).doesNotExist();
        assertThat(runDir.resolve(RunRequestJson.FILE_NAME)).isRegularFile();
    }

    @Test
    void aStopBeforeTheFirstEpochReachesTheTrainerEndsTheRunWithoutAModel() throws Exception {
        HereForTheCluster cluster = new HereForTheCluster(4);
        cluster.asksToStop = true;
        TrainingSession[] session = new TrainingSession[1];
        RecordingListener events = new RecordingListener(e -> {
            if (e instanceof TrainingEvent.RunStarted) {
                session[0].control().stop(); // the Spark application has started; the data is read
            }
        });
        session[0] = new TrainingSession(request().withEpochs(2), runDir, events, cluster);

        TrainingEvent end = session[0].run();

        assertThat(end).as(events.events().toString()).isEqualTo(TrainingEvent.Stopped.beforeTraining());
        assertThat(cluster.minibatchesPerEpoch).isEmpty();
        assertThat(new RunFolder(runDir).model()).doesNotExist();
    }

    @Test
    void aStopTheTrainerDoesNotAskAboutEndsTheRunAfterTheWholeEpoch() throws Exception {
        HereForTheCluster cluster = new HereForTheCluster(4); // does not ask: it trains the whole epoch
        RecordingListener events = new RecordingListener();
        TrainingSession session = new TrainingSession(request().withEpochs(2), runDir, events, cluster);
        cluster.afterFirstReport = session.control()::stop;

        TrainingEvent end = session.run();

        assertThat(end).isInstanceOf(TrainingEvent.Stopped.class);
        assertThat(((TrainingEvent.Stopped) end).iteration()).isEqualTo(10);
        assertThat(events.of(TrainingEvent.EpochEnd.class)).extracting(TrainingEvent.EpochEnd::epoch).containsExactly(1);
        assertThat(cluster.minibatchesPerEpoch).containsExactly(10);
        assertThat(new RunFolder(runDir).model()).isRegularFile();
    }

    @Test
    void aReportedLossThatIsNotANumberFailsTheRunNamingItsIteration() {
        HereForTheCluster cluster = new HereForTheCluster(5, 7, Double.NaN);
        RecordingListener events = new RecordingListener();
        TrainingEvent end = new TrainingSession(request().withEpochs(2), runDir, events, cluster).run();

        assertThat(end).isInstanceOf(TrainingEvent.Failed.class);
        assertThat(((TrainingEvent.Failed) end).reason()).startsWith("The loss became NaN at epoch 1, iteration 7,");
        assertThat(events.of(TrainingEvent.Iteration.class)).extracting(TrainingEvent.Iteration::iteration)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(cluster.minibatchesPerEpoch).containsExactly(10);
        assertThat(new RunFolder(runDir).model()).doesNotExist();
    }

    @Test
    void whatADataParallelRunCannotDoIsRefusedBeforeAnythingTrains() {
        HereForTheCluster cluster = new HereForTheCluster(0);
        RunRequest request = request().withAugmentation(Augmentation.parse("flip"))
                .withLrSchedule(LearningRateSchedule.constant()).withBackend(Backend.GPU);

        TrainingEvent end = new TrainingSession(request, runDir, new RecordingListener(), cluster).run();

        assertThat(end).isInstanceOf(TrainingEvent.Failed.class);
        assertThat(((TrainingEvent.Failed) end).reason()).startsWith("A data-parallel run cannot train with --backend gpu")
                .contains("--augment").doesNotContain("--lr-schedule").endsWith("Nothing was trained.");
        assertThat(cluster.minibatchesPerEpoch).isEmpty();
        assertThat(new RunFolder(runDir).model()).doesNotExist();
    }
}
