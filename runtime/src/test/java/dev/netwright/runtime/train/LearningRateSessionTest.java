package dev.netwright.runtime.train;

import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.LearningRateSchedule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A run in this JVM follows its learning-rate schedule and reports it per iteration; reduce-on-plateau lowers it. */
class LearningRateSessionTest {
    @TempDir
    static Path shared;
    static String data;

    @TempDir
    Path runDir;

    @BeforeAll
    static void writeData() throws Exception {
        data = "idx:" + SyntheticIdx.write(shared.resolve("idx"), 128, 32);
    }

    /** 128 examples in batches of 32: 4 iterations an epoch. */
    private static RunRequest request(double rate) {
        return RunRequest.of(TrainingSessionTest.smallNet(), data).withBatchSize(32)
                .withSettings(TrainingSettings.defaults().withOptimizer(TrainingSettings.Optimizer.SGD)
                        .withLearningRate(rate));
    }

    @Test
    void theIterationsReportTheScheduledRate() {
        LearningRateSchedule step = new LearningRateSchedule.Step(1, 0.5);
        RecordingListener events = new RecordingListener();

        TrainingEvent end = new TrainingSession(request(0.1).withEpochs(3).withLrSchedule(step), runDir, events).run();

        assertThat(end).isInstanceOf(TrainingEvent.Finished.class);
        List<TrainingEvent.Iteration> iterations = events.of(TrainingEvent.Iteration.class);
        assertThat(iterations).hasSize(12);
        for (TrainingEvent.Iteration it : iterations) {
            assertThat(it.learningRate()).as("iteration " + it.iteration())
                    .isCloseTo(step.rate(0.1, it.iteration() - 1, 4, 3), within(1e-12));
        }
        assertThat(iterations.get(11).learningRate()).isCloseTo(0.025, within(1e-12));
    }

    @Test
    void cosineWithWarmUpIsFollowedIterationByIteration() {
        LearningRateSchedule cosine = new LearningRateSchedule.Cosine(0.5, 0.1);
        RecordingListener events = new RecordingListener();

        new TrainingSession(request(0.1).withEpochs(2).withLrSchedule(cosine), runDir, events).run();

        List<TrainingEvent.Iteration> iterations = events.of(TrainingEvent.Iteration.class);
        assertThat(iterations).extracting(TrainingEvent.Iteration::learningRate).first().isEqualTo(0.05);
        for (TrainingEvent.Iteration it : iterations) {
            assertThat(it.learningRate()).isCloseTo(cosine.rate(0.1, it.iteration() - 1, 4, 2), within(1e-12));
        }
    }

    @Test
    void reduceOnPlateauLowersTheRateAfterPatienceEpochsWithoutImprovement() {
        // a rate this small leaves the validation loss where it is: no epoch after the first improves on it
        double rate = 1e-9;
        RecordingListener events = new RecordingListener();

        TrainingEvent end = new TrainingSession(request(rate).withEpochs(4)
                .withLrSchedule(new LearningRateSchedule.Plateau(0.5, 2)), runDir, events).run();

        assertThat(end).isInstanceOf(TrainingEvent.Finished.class);
        List<TrainingEvent.Iteration> iterations = events.of(TrainingEvent.Iteration.class);
        assertThat(iterations.subList(0, 12)).allSatisfy(it -> assertThat(it.learningRate()).isEqualTo(rate));
        assertThat(iterations.subList(12, 16)).allSatisfy(it -> assertThat(it.learningRate()).isEqualTo(rate * 0.5));
        assertThat(events.of(TrainingEvent.Notice.class)).extracting(TrainingEvent.Notice::message)
                .contains("The validation loss has not improved for 2 epochs: the learning rate is now 5.00e-10 "
                        + "(reduce on plateau, factor 0.5).");
        List<TrainingEvent> all = events.events();
        int notice = indexOfNotice(all);
        assertThat(all.subList(0, notice)).filteredOn(TrainingEvent.EpochEnd.class::isInstance).hasSize(3);
    }

    private static int indexOfNotice(List<TrainingEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof TrainingEvent.Notice n && n.message().contains("reduce on plateau")) {
                return i;
            }
        }
        return -1;
    }
}
