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

import static org.assertj.core.api.Assertions.assertThat;

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

    /** Fits each minibatch in turn, and keeps how many it was given per epoch. */
    private static final class HereForTheCluster implements EpochTrainer {
        final List<Integer> minibatchesPerEpoch = new ArrayList<>();

        @Override
        public String where() {
            return "a test cluster";
        }

        @Override
        public Fitted fitEpoch(ComputationGraph graph, List<DataSet> minibatches) {
            minibatchesPerEpoch.add(minibatches.size());
            minibatches.forEach(graph::fit);
            return new Fitted(graph, graph.score());
        }
    }

    @Test
    void eachEpochIsTrainedElsewhereAndTheRunFolderIsAnOrdinaryOne() throws Exception {
        HereForTheCluster cluster = new HereForTheCluster();
        RecordingListener events = new RecordingListener();
        TrainingEvent end = new TrainingSession(request().withEpochs(2), runDir, events, cluster).run();

        assertThat(end).as(events.events().toString()).isInstanceOf(TrainingEvent.Finished.class);
        assertThat(cluster.minibatchesPerEpoch).containsExactly(10, 10); // ceil(297/32) each epoch
        assertThat(events.of(TrainingEvent.RunStarted.class)).singleElement()
                .satisfies(started -> assertThat(started.device()).isEqualTo("a test cluster"));
        assertThat(events.of(TrainingEvent.Iteration.class)).extracting(TrainingEvent.Iteration::iteration)
                .containsExactly(10L, 20L); // one per epoch, counting the minibatches trained
        assertThat(events.of(TrainingEvent.EpochEnd.class)).extracting(TrainingEvent.EpochEnd::epoch).containsExactly(1, 2);
        assertThat(events.of(TrainingEvent.EpochEnd.class).get(1).validationAccuracy()).isGreaterThan(0.9);
        assertThat(events.of(TrainingEvent.Checkpoint.class)).hasSize(2);
        RunFolder folder = new RunFolder(runDir);
        assertThat(folder.model()).isRegularFile();
        assertThat(folder.evaluation()).isRegularFile();
        assertThat(runDir.resolve(RunRequestJson.FILE_NAME)).isRegularFile();
    }

    @Test
    void whatADataParallelRunCannotDoIsRefusedBeforeAnythingTrains() {
        HereForTheCluster cluster = new HereForTheCluster();
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
