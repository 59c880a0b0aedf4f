package dev.netwright.app;

import dev.netwright.runtime.data.DataSources;
import dev.netwright.runtime.train.RunEvaluation;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.worker.WorkerClient;
import dev.netwright.runtime.train.worker.WorkerHandle;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** End to end: the seed CNN trains in a worker process on the bundled Fashion-MNIST subset. */
class SeedCnnTrainingTest {
    @TempDir
    Path runDir;

    @Test
    void oneEpochOnTheBundledSubsetReachesSeventyPercentAndTheModelReloads() throws Exception {
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        RunRequest request = RunRequest.of(Samples.load("cnn"), DataSources.SAMPLE).withEpochs(1).withBatchSize(64);
        WorkerHandle worker = WorkerClient.forThisJvm().start(request, runDir, events::add);
        TrainingEvent end = worker.awaitEnd(Duration.ofMinutes(5));

        assertThat(end).as("events: %s", events).isInstanceOf(TrainingEvent.Finished.class);
        TrainingEvent.RunStarted started = events.stream().filter(TrainingEvent.RunStarted.class::isInstance)
                .map(TrainingEvent.RunStarted.class::cast).findFirst().orElseThrow();
        assertThat(started.samplesPerEpoch()).isEqualTo(4500); // 500 of the 5,000 held out for validation
        assertThat(started.validationSamples()).isEqualTo(500);
        TrainingEvent.EpochEnd epoch = events.stream().filter(e -> e instanceof TrainingEvent.EpochEnd)
                .map(TrainingEvent.EpochEnd.class::cast).findFirst().orElseThrow();
        assertThat(epoch.validationAccuracy()).isGreaterThanOrEqualTo(0.70);

        TrainingEvent.Evaluation evaluation = events.stream().filter(e -> e instanceof TrainingEvent.Evaluation)
                .map(TrainingEvent.Evaluation.class::cast).findFirst().orElseThrow();
        TrainingEvent.Evaluation reloaded = RunEvaluation.evaluate(new RunFolder(runDir));
        assertThat(reloaded.accuracy()).isEqualTo(evaluation.accuracy());
        assertThat(reloaded.confusion()).isDeepEqualTo(evaluation.confusion());
        // Same samples, same predictions; confidences agree to float precision only, because the worker runs
        // the convolutions through DL4J's oneDNN helpers and this JVM through DL4J's own code.
        assertThat(reloaded.misclassified()).extracting(m -> List.of(m.index(), m.actual(), m.predicted()))
                .isEqualTo(evaluation.misclassified().stream().map(m -> List.of(m.index(), m.actual(), m.predicted())).toList());
        for (int i = 0; i < evaluation.misclassified().size(); i++) {
            assertThat(reloaded.misclassified().get(i).confidence())
                    .isCloseTo(evaluation.misclassified().get(i).confidence(), within(1e-4));
        }
    }
}
