package dev.netwright.runtime.train;

import dev.netwright.runtime.design.Augmentation;
import dev.netwright.runtime.doctor.RunDoctor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The loop times its waiting for minibatches against its updates, and the doctor says when the waiting is a large
 * share. Time is a test clock that moves 1 ms per reading and as far as the test's minibatch preparation and updates
 * say they took, so the figures are exact and nothing sleeps.
 */
class SlowInputSessionTest {
    private static final long MS = 1_000_000;

    @TempDir
    static Path shared;
    static String data;

    @TempDir
    Path runDir;

    private final AtomicLong clock = new AtomicLong();

    @BeforeAll
    static void writeData() throws Exception {
        data = "idx:" + SyntheticIdx.write(shared.resolve("idx"), 128, 32);
    }

    /** An augmenter that changes nothing but takes {@code ms} of the test clock for each minibatch. */
    private BatchAugmenter preparingFor(long ms, RunRequest request) {
        return new BatchAugmenter(request.augmentation(), 1) {
            @Override
            DataSet augment(DataSet batch) {
                clock.addAndGet(ms * MS);
                return batch;
            }
        };
    }

    /** A hook whose every update takes {@code ms} of the test clock. */
    private ParameterHook computingFor(long ms) {
        return new ParameterHook() {
            @Override
            public void updating(ComputationGraph graph, DataSet batch, long iteration) {
                clock.addAndGet(ms * MS);
            }
        };
    }

    private List<TrainingEvent> train(long preparingMs, long computingMs) {
        RunRequest request = RunRequest.of(TrainingSessionTest.smallNet(), data).withBatchSize(32).withEpochs(1)
                .withAugmentation(Augmentation.parse("flip"));
        RecordingListener events = new RecordingListener();
        RunDoctor doctor = new RunDoctor(new RunFolder(runDir), events);
        new TrainingSession(request, runDir, doctor, Checkpoints::write, r -> preparingFor(preparingMs, r),
                ParameterHook.all(computingFor(computingMs), doctor), () -> clock.getAndAdd(MS)).run();
        return events.events();
    }

    private static List<TrainingEvent.Finding> findings(List<TrainingEvent> events) {
        return events.stream().filter(TrainingEvent.Finding.class::isInstance).map(TrainingEvent.Finding.class::cast)
                .toList();
    }

    @Test
    void aLoopThatWaitsForItsMinibatchesMostOfTheTimeIsSlowedByItsInput() {
        List<TrainingEvent> events = train(400, 100);

        long batches = events.stream().filter(TrainingEvent.Iteration.class::isInstance).count();
        TrainingEvent.EpochDetail detail = events.stream().filter(TrainingEvent.EpochDetail.class::isInstance)
                .map(TrainingEvent.EpochDetail.class::cast).findFirst().orElseThrow();
        // per minibatch: 400 ms preparing + the 1 ms reading that ends it; 100 ms updating + 1 ms
        assertThat(detail.secondsWaitingForData()).isCloseTo(batches * 0.401, within(1e-9));
        assertThat(detail.secondsComputing()).isCloseTo(batches * 0.101, within(1e-9));
        TrainingEvent.Finding slow = findings(events).stream().filter(f -> f.kind().equals("slow-input-pipeline"))
                .findFirst().orElseThrow(() -> new AssertionError("no slow-input-pipeline among " + findings(events)));
        assertThat(slow.node()).isNull();
        assertThat(slow.evidence().get("waitingShare")).isCloseTo(401.0 / 502, within(1e-9));
        assertThat(slow.explanation()).contains("80 % of its time", "no prefetch or cache setting");
        assertThat(slow.actions()).anySatisfy(a -> assertThat(a.description()).contains("augment less"));
    }

    @Test
    void aLoopThatWaitsSecondsButComputesFarLongerIsNotSlowedByItsInput() {
        List<TrainingEvent> events = train(400, 2000);

        TrainingEvent.EpochDetail detail = events.stream().filter(TrainingEvent.EpochDetail.class::isInstance)
                .map(TrainingEvent.EpochDetail.class::cast).findFirst().orElseThrow();
        assertThat(detail.secondsWaitingForData()).isGreaterThan(1.0); // long enough to matter, were it a large share
        assertThat(detail.waitingShare()).isCloseTo(401.0 / 2402, within(1e-9));
        assertThat(findings(events)).extracting(TrainingEvent.Finding::kind).doesNotContain("slow-input-pipeline");
    }
}
