package dev.netwright.runtime.train;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Augmentation;
import dev.netwright.runtime.design.Design;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A run augments its training minibatches, and only those, with draws its seed fixes. */
class AugmentationSessionTest {
    private static final Augmentation SOME = Augmentation.parse("shift=1,flip,erase=1");

    @TempDir
    static Path shared;
    static String data;

    @TempDir
    Path runDir;

    @BeforeAll
    static void writeData() throws Exception {
        data = "idx:" + SyntheticIdx.write(shared.resolve("idx"), 128, 32);
    }

    /** 128 training examples in batches of 32: 4 iterations an epoch; the validation set is a share of them. */
    private static RunRequest request() {
        return RunRequest.of(TrainingSessionTest.smallNet(), data).withBatchSize(32);
    }

    /** Records what it was given and what it gave back. */
    private static final class Spy extends BatchAugmenter {
        final List<DataSet> before = new ArrayList<>();
        final List<DataSet> after = new ArrayList<>();

        Spy(RunRequest request) {
            super(request.augmentation(), request.settings().seed());
        }

        @Override
        DataSet augment(DataSet batch) {
            DataSet out = super.augment(batch);
            before.add(batch.copy());
            after.add(out.copy());
            return out;
        }
    }

    @Test
    void everyTrainingMinibatchIsAugmentedAndNothingElse() {
        List<Spy> spies = new ArrayList<>();
        RecordingListener events = new RecordingListener();

        TrainingEvent end = new TrainingSession(request().withEpochs(2).withAugmentation(SOME), runDir, events,
                Checkpoints::write, r -> {
                    Spy spy = new Spy(r);
                    spies.add(spy);
                    return spy;
                }).run();

        assertThat(end).isInstanceOf(TrainingEvent.Finished.class);
        Spy spy = spies.get(0);
        TrainingEvent.RunStarted started = events.of(TrainingEvent.RunStarted.class).get(0);
        // one call per iteration: the validation and the epoch's accuracy read the data without it
        assertThat(spy.before).hasSize(events.of(TrainingEvent.Iteration.class).size());
        assertThat(spy.before.stream().mapToInt(DataSet::numExamples).sum()).isEqualTo(2 * started.samplesPerEpoch());
        for (int i = 0; i < spy.before.size(); i++) {
            assertThat(spy.after.get(i).getFeatures().shape()).isEqualTo(spy.before.get(i).getFeatures().shape());
            assertThat(spy.after.get(i).getLabels()).isEqualTo(spy.before.get(i).getLabels());
            assertThat(spy.after.get(i).getFeatures()).isNotEqualTo(spy.before.get(i).getFeatures());
        }
    }

    @Test
    void aRunWithoutAugmentationMakesNoAugmenter() {
        List<RunRequest> made = new ArrayList<>();

        new TrainingSession(request(), runDir, new RecordingListener(), Checkpoints::write, r -> {
            made.add(r);
            return new BatchAugmenter(r.augmentation(), 0);
        }).run();

        assertThat(made).isEmpty();
    }

    @Test
    void theSameSeedTrainsTheSameAugmentedRunAndTheAugmentationChangesIt(@TempDir Path second, @TempDir Path plain) {
        RecordingListener a = new RecordingListener();
        RecordingListener b = new RecordingListener();
        RecordingListener none = new RecordingListener();

        new TrainingSession(request().withAugmentation(SOME), runDir, a).run();
        new TrainingSession(request().withAugmentation(SOME), second, b).run();
        new TrainingSession(request(), plain, none).run();

        List<Double> lossesA = losses(a);
        assertThat(lossesA).hasSize(4).isEqualTo(losses(b));
        assertThat(lossesA).isNotEqualTo(losses(none));
    }

    @Test
    void augmentingADesignWithoutAnImageInputFailsBeforeTraining() {
        Design lstm = TestDesigns.start().sequence(8, 8).then("lstm", "LSTM", "units", 4)
                .then("output", "Output", "units", 3).build();
        RecordingListener events = new RecordingListener();

        TrainingEvent end = new TrainingSession(RunRequest.of(lstm, data).withAugmentation(SOME), runDir, events).run();

        assertThat(end).isInstanceOf(TrainingEvent.Failed.class);
        assertThat(((TrainingEvent.Failed) end).reason()).startsWith("Augmentation (shift=1,flip,erase=1) changes "
                + "images, but the Input 'input' takes a sequence of 8 steps × 8 features").endsWith("Nothing was trained.");
        assertThat(events.of(TrainingEvent.Iteration.class)).isEmpty();
    }

    private static List<Double> losses(RecordingListener events) {
        return events.of(TrainingEvent.Iteration.class).stream().map(TrainingEvent.Iteration::loss).toList();
    }
}
