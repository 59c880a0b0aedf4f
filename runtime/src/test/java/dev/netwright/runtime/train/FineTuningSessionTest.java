package dev.netwright.runtime.train;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.FineTuning;
import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.weights.DesignWeights;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fine-tuning run in this JVM: the nodes with pretrained weights (dense1, dense2) at a lower rate, held frozen at
 * first and then let train, while the new Output trains from the start; 58 training images in 2 minibatches an epoch.
 */
class FineTuningSessionTest {
    /** Adam keeps two values per parameter. */
    private static final int ADAM_STATE = 2;
    private static final long OUTPUT_PARAMS = 8 * 3 + 3;
    private static final long ALL_PARAMS = 64 * 8 + 8 + 8 * 8 + 8 + OUTPUT_PARAMS;

    @TempDir
    static Path shared;
    static String data;
    static Path pretrained;
    /** The starting values of the pretrained nodes' parameters. */
    static Map<String, float[]> initial;

    @TempDir
    Path runDir;

    @BeforeAll
    static void writeDataAndWeights() throws Exception {
        data = "idx:" + SyntheticIdx.write(shared.resolve("idx"), 64, 16);
        ComputationGraph trained = new DesignCompiler().compile(design(), TrainingSettings.defaults().withSeed(7))
                .newNetwork();
        DesignWeights all = DesignWeights.extract(trained, design());
        Map<String, Map<String, INDArray>> kept = new LinkedHashMap<>();
        kept.put("dense1", all.node("dense1"));
        kept.put("dense2", all.node("dense2"));
        pretrained = shared.resolve("pretrained" + DesignWeights.SUFFIX);
        DesignWeights.of(kept).write(pretrained);
        initial = values(trained, design());
    }

    static Design design() {
        return TestDesigns.start().image(8, 8, 1).then("flat", "Flatten").then("dense1", "Dense", "units", 8)
                .then("dense2", "Dense", "units", 8).then("output", "Output", "units", 3).build();
    }

    private static RunRequest request(FineTuning tuning, int epochs) {
        return RunRequest.of(design().withWeights(pretrained.toString()), data).withBatchSize(32).withEpochs(epochs)
                .withSettings(TrainingSettings.defaults().withLearningRate(0.01)).withFineTuning(tuning);
    }

    /** What the network was at the end of an epoch. */
    record Snapshot(Map<String, float[]> params, long updaterState, double dense1Rate, double outputRate) {
        boolean same(String param, Map<String, float[]> other) {
            return Arrays.equals(params.get(param), other.get(param));
        }
    }

    /** Runs the request, keeping a snapshot of the network at every checkpoint (one each epoch). */
    private Map<Integer, Snapshot> run(RunRequest request, Path dir, RecordingListener events) {
        Map<Integer, Snapshot> snapshots = new TreeMap<>();
        TrainingEvent end = new TrainingSession(request, dir, events, (graph, checkpoints, epoch, iteration) -> {
            snapshots.put(epoch, new Snapshot(values(graph, design()),
                    graph.getUpdater().getStateViewArray().length(), rate(graph, "dense1"), rate(graph, "output")));
            return Checkpoints.write(graph, checkpoints, epoch, iteration);
        }).run();
        assertThat(end).as(String.valueOf(end)).isInstanceOf(TrainingEvent.Finished.class);
        return snapshots;
    }

    @Test
    void headFirstKeepsThePretrainedNodesBitForBitThenTrainsThemAtTheirFactor() {
        RecordingListener events = new RecordingListener();

        Map<Integer, Snapshot> epochs = run(request(new FineTuning(0.1, 2, 0), 3), runDir, events);

        for (int epoch : new int[] {1, 2}) {
            Snapshot s = epochs.get(epoch);
            assertThat(s.same("dense1/W", initial)).as("dense1/W after epoch %d", epoch).isTrue();
            assertThat(s.same("dense2/b", initial)).as("dense2/b after epoch %d", epoch).isTrue();
            assertThat(s.updaterState()).as("state for the Output only").isEqualTo(ADAM_STATE * OUTPUT_PARAMS);
        }
        assertThat(epochs.get(2).same("output/W", epochs.get(1).params())).as("the Output trains").isFalse();
        Snapshot third = epochs.get(3);
        assertThat(third.same("dense1/W", initial)).isFalse();
        assertThat(third.same("dense2/W", initial)).isFalse();
        assertThat(third.updaterState()).isEqualTo(ADAM_STATE * ALL_PARAMS);
        assertThat(third.dense1Rate()).isCloseTo(0.001, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(third.outputRate()).isEqualTo(0.01);
        assertThat(events.of(TrainingEvent.Notice.class)).extracting(TrainingEvent.Notice::message)
                .contains("Epochs 1-2 train only the nodes without pretrained weights; the pretrained ones (dense2, "
                                + "dense1) are frozen, and they all join in epoch 3, at 0.1 times the learning rate.",
                        "Epoch 3: unfreezing dense2, dense1 (pretrained, at 0.1 times the learning rate); every node "
                                + "trains now.");
    }

    @Test
    void gradualUnfreezingLetsOneNodeJoinEachEpochFromTheOutputBackwards() {
        RecordingListener events = new RecordingListener();

        // with a factor, each layer's rate is set on its own, the frozen ones' too
        Map<Integer, Snapshot> epochs = run(request(new FineTuning(0.5, 0, 1), 3), runDir, events);

        assertThat(epochs.get(1).same("dense2/W", initial)).isTrue();
        assertThat(epochs.get(2).same("dense2/W", epochs.get(1).params())).as("dense2 joins in epoch 2").isFalse();
        assertThat(epochs.get(2).same("dense1/W", initial)).as("dense1 still frozen in epoch 2").isTrue();
        assertThat(epochs.get(3).same("dense1/W", initial)).as("dense1 joins in epoch 3").isFalse();
        assertThat(epochs.get(1).updaterState()).isEqualTo(ADAM_STATE * OUTPUT_PARAMS);
        assertThat(epochs.get(2).updaterState()).isEqualTo(ADAM_STATE * (OUTPUT_PARAMS + 8 * 8 + 8));
        assertThat(epochs.get(3).updaterState()).isEqualTo(ADAM_STATE * ALL_PARAMS);
        assertThat(epochs.get(3).dense1Rate()).isEqualTo(0.005);
        assertThat(epochs.get(3).outputRate()).isEqualTo(0.01);
        assertThat(events.of(TrainingEvent.Notice.class)).extracting(TrainingEvent.Notice::message)
                .contains("Epoch 2: unfreezing dense2 (pretrained, at 0.5 times the learning rate); still frozen: dense1.",
                        "Epoch 3: unfreezing dense1 (pretrained, at 0.5 times the learning rate); every node trains now.");
    }

    @Test
    void thePretrainedRateFactorAloneLowersThePretrainedNodesRateFromTheStart() {
        RecordingListener events = new RecordingListener();

        Map<Integer, Snapshot> epochs = run(request(FineTuning.NONE.withPretrainedRateFactor(0.25), 1), runDir, events);

        assertThat(epochs.get(1).dense1Rate()).isCloseTo(0.0025, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(epochs.get(1).outputRate()).isEqualTo(0.01);
        assertThat(epochs.get(1).same("dense1/W", initial)).isFalse();
        assertThat(epochs.get(1).updaterState()).isEqualTo(ADAM_STATE * ALL_PARAMS);
        assertThat(events.of(TrainingEvent.Iteration.class)).allSatisfy(it -> assertThat(it.learningRate())
                .as("the run's rate, as the Output has it").isEqualTo(0.01));
    }

    @Test
    void theRebuiltNetworkFollowsTheRunsLearningRateSchedule() {
        LearningRateSchedule step = new LearningRateSchedule.Step(1, 0.5);
        RecordingListener events = new RecordingListener();

        Map<Integer, Snapshot> epochs = run(request(new FineTuning(0.1, 1, 0), 3).withLrSchedule(step), runDir, events);

        List<TrainingEvent.Iteration> iterations = events.of(TrainingEvent.Iteration.class);
        assertThat(iterations).hasSize(6);
        for (TrainingEvent.Iteration it : iterations) {
            assertThat(it.learningRate()).as("iteration %d", it.iteration())
                    .isCloseTo(step.rate(0.01, it.iteration() - 1, 2, 3), org.assertj.core.data.Offset.offset(1e-12));
        }
        assertThat(iterations.get(5).learningRate()).isCloseTo(0.0025, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(epochs.get(2).dense1Rate()).as("the schedule's first rate times the factor")
                .isCloseTo(0.001, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aResumedRunGoesOnWithTheScheduleAsAnUninterruptedOneDoes(@TempDir Path resumedDir) throws Exception {
        Map<Integer, Snapshot> uninterrupted = run(request(new FineTuning(0.1, 2, 0), 3), runDir, new RecordingListener());
        Path firstPart = resumedDir.resolve("first");
        run(request(new FineTuning(0.1, 2, 0), 2), firstPart, new RecordingListener());
        RecordingListener events = new RecordingListener();

        Map<Integer, Snapshot> resumed = run(request(new FineTuning(0.1, 2, 0), 3).resumingFrom(
                firstPart.resolve("checkpoints/epoch-002.zip").toString(), null), resumedDir.resolve("second"), events);

        assertThat(events.of(TrainingEvent.Notice.class)).extracting(TrainingEvent.Notice::message)
                .contains("Epoch 3: unfreezing dense2, dense1 (pretrained, at 0.1 times the learning rate); every node "
                        + "trains now.");
        Snapshot third = resumed.get(3);
        assertThat(third.updaterState()).isEqualTo(ADAM_STATE * ALL_PARAMS);
        assertThat(third.dense1Rate()).isCloseTo(0.001, org.assertj.core.data.Offset.offset(1e-12));
        for (String param : third.params().keySet()) {
            assertThat(third.same(param, uninterrupted.get(3).params())).as(param).isTrue();
        }
    }

    private static double rate(ComputationGraph graph, String layer) {
        org.nd4j.linalg.learning.config.IUpdater updater = graph.getLayer(layer).getConfig().getUpdaterByParam("W");
        return updater.hasLearningRate() ? updater.getLearningRate(0, 0) : Double.NaN; // a frozen layer's has none
    }

    /** Every parameter's values, copied, as "node/param". */
    static Map<String, float[]> values(ComputationGraph graph, Design design) {
        Map<String, float[]> values = new TreeMap<>();
        DesignWeights weights = DesignWeights.extract(graph, design);
        for (String node : weights.nodeIds()) {
            weights.node(node).forEach((param, array) ->
                    values.put(node + "/" + param, array.dup('c').reshape(array.length()).toFloatVector()));
        }
        return values;
    }
}
