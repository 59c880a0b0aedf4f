package dev.netwright.runtime.compress;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.FineTuning;
import dev.netwright.runtime.train.Checkpoints;
import dev.netwright.runtime.train.ModelZip;
import dev.netwright.runtime.train.ParameterHook;
import dev.netwright.runtime.train.RunFailure;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.SyntheticIdx;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingSession;
import dev.netwright.runtime.weights.DesignWeights;
import dev.netwright.runtime.weights.WeightSparsity;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pruned weights kept at zero through fine-tuning in this JVM: a small dense network on 58 synthetic images (2
 * minibatches an epoch), every pruned weight checked after every update, in Java loops (exact, no ND4J epsilon).
 */
class KeptMasksTest {
    @TempDir
    static Path shared;
    static String data;
    static DesignWeights dense;
    static MagnitudePruning.Pruned pruned;
    static Path prunedFile;

    @TempDir
    Path runDir;

    @BeforeAll
    static void pruneARandomNetwork() throws Exception {
        data = "idx:" + SyntheticIdx.write(shared.resolve("idx"), 64, 16);
        ComputationGraph graph = new DesignCompiler().compile(design(), TrainingSettings.defaults().withSeed(7))
                .newNetwork();
        dense = copy(DesignWeights.extract(graph, design()));
        pruned = MagnitudePruning.prune(dense, 0.5, MagnitudePruning.Scope.LAYER);
        prunedFile = shared.resolve("pruned" + DesignWeights.SUFFIX);
        pruned.weights().write(prunedFile);
    }

    static Design design() {
        return TestDesigns.start().image(8, 8, 1).then("flat", "Flatten").then("dense1", "Dense", "units", 8)
                .then("dense2", "Dense", "units", 8).then("output", "Output", "units", 3).build();
    }

    private static RunRequest request(Path startingWeights, int epochs) {
        return RunRequest.of(design().withWeights(startingWeights.toString()), data).withBatchSize(32)
                .withEpochs(epochs).withSettings(TrainingSettings.defaults().withLearningRate(0.05).withSeed(3));
    }

    /** The weights as they are now, detached from the network. */
    private static DesignWeights copy(DesignWeights weights) {
        Map<String, Map<String, INDArray>> byNode = new java.util.LinkedHashMap<>();
        for (String node : weights.nodeIds()) {
            Map<String, INDArray> params = new java.util.LinkedHashMap<>();
            weights.node(node).forEach((name, value) -> params.put(name, value.dup()));
            byNode.put(node, params);
        }
        return DesignWeights.of(byNode);
    }

    private static float[] floats(INDArray array) {
        return array.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    /** The pruned weights (mask 0) of {@code graph} that are not exactly 0.0, counted in a Java loop. */
    private static long prunedButNotZero(ComputationGraph graph, DesignWeights masks) {
        DesignWeights now = DesignWeights.extract(graph, design());
        long wrong = 0;
        for (String node : masks.nodeIds()) {
            for (Map.Entry<String, INDArray> mask : masks.node(node).entrySet()) {
                float[] m = floats(mask.getValue());
                float[] w = floats(now.node(node).get(mask.getKey()));
                for (int i = 0; i < m.length; i++) {
                    wrong += m[i] == 0 && w[i] != 0.0f ? 1 : 0;
                }
            }
        }
        return wrong;
    }

    /** The hook, checked after every update by {@code check}. */
    private static ParameterHook checking(KeptMasks masks, List<Long> wrongPerUpdate) {
        return new ParameterHook() {
            @Override
            public void started(ComputationGraph graph, Design design, long iteration, long total) throws RunFailure {
                masks.started(graph, design, iteration, total);
            }

            @Override
            public void updated(ComputationGraph graph, long iteration) {
                masks.updated(graph, iteration);
                wrongPerUpdate.add(masks.masks() == null ? 0 : prunedButNotZero(graph, masks.masks()));
            }
        };
    }

    private static TrainingEvent train(RunRequest request, Path dir, ParameterHook hook) {
        TrainingEvent end = new TrainingSession(request, dir, event -> { }, hook).run();
        assertThat(end).as(String.valueOf(end)).isInstanceOf(TrainingEvent.Finished.class);
        return end;
    }

    private static ComputationGraph model(Path dir) throws Exception {
        return ModelZip.read(new RunFolder(dir).model(), false);
    }

    private static KeptMasks oneShot() {
        return new KeptMasks(new PruningPlan(0.5, MagnitudePruning.Scope.LAYER, false), pruned.masks(), null);
    }

    @Test
    void everyPrunedWeightIsExactlyZeroAfterEveryUpdateAndTheOthersTrain() throws Exception {
        List<Long> wrong = new ArrayList<>();

        train(request(prunedFile, 3), runDir, checking(oneShot(), wrong));

        assertThat(wrong).hasSize(6).containsOnly(0L);
        ComputationGraph tuned = model(runDir);
        assertThat(prunedButNotZero(tuned, pruned.masks())).isZero();
        float[] mask = floats(pruned.masks().node("dense1").get("W"));
        float[] before = floats(pruned.weights().node("dense1").get("W"));
        float[] after = floats(DesignWeights.extract(tuned, design()).node("dense1").get("W"));
        int changed = 0;
        int kept = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == 1) {
                kept++;
                changed += after[i] != before[i] ? 1 : 0;
            }
        }
        assertThat(kept).isEqualTo(256);
        // the synthetic images' dark pixels give some input weights no gradient at all, so not every one moves
        assertThat(changed).as("unpruned weights of dense1 that changed").isGreaterThan(kept / 2);
    }

    @Test
    void theMasksHoldThroughTheFineTuningSchedulesNetworkRebuild() throws Exception {
        List<Long> wrong = new ArrayList<>();
        // dense1 and dense2 frozen in epoch 1, and the network rebuilt in epoch 2 when they join
        RunRequest request = request(prunedFile, 3).withFineTuning(new FineTuning(0.5, 1, 0));

        train(request, runDir, checking(oneShot(), wrong));

        assertThat(wrong).hasSize(6).containsOnly(0L);
        assertThat(prunedButNotZero(model(runDir), pruned.masks())).isZero();
    }

    @Test
    void aResumedRunKeepsTheMasksOfItsFolder() throws Exception {
        new KeptMasksFiles(runDir).oneShot();
        train(request(prunedFile, 1), runDir, KeptMasks.forRun(runDir));
        Path checkpoint = new RunFolder(runDir).checkpointsDir().resolve("epoch-001.zip");
        assertThat(checkpoint).exists();
        // a checkpoint whose pruned weights were changed behind the masks' back: the resumed run zeroes them again
        ComputationGraph restored = Checkpoints.restore(checkpoint).graph();
        restored.params().addi(0.5);
        ModelZip.write(restored, checkpoint);
        List<Long> wrong = new ArrayList<>();

        train(request(prunedFile, 3).resumingFrom(checkpoint.toString(), null), runDir,
                checking((KeptMasks) KeptMasks.forRun(runDir), wrong));

        assertThat(wrong).hasSize(4).containsOnly(0L);
        assertThat(prunedButNotZero(model(runDir), pruned.masks())).isZero();
    }

    @Test
    void gradualPruningEndsAtTheTargetExactlyPerLayerAndNeverRevivesAWeight() throws Exception {
        List<DesignWeights> steps = new ArrayList<>();
        KeptMasks gradual = new KeptMasks(new PruningPlan(0.75, MagnitudePruning.Scope.LAYER, true), null,
                runDir.resolve(RunPruning.MASKS));
        ParameterHook recording = new ParameterHook() {
            @Override
            public void started(ComputationGraph graph, Design design, long iteration, long total) throws RunFailure {
                gradual.started(graph, design, iteration, total);
            }

            @Override
            public void updated(ComputationGraph graph, long iteration) {
                gradual.updated(graph, iteration);
                if (gradual.masks() != null) {
                    steps.add(gradual.masks());
                }
            }
        };

        train(request(dense(), 8), runDir, recording); // 16 updates: the ramp is 8, a step every update

        List<WeightSparsity> last = MagnitudePruning.count(DesignWeights.extract(model(runDir), design()));
        assertThat(last).extracting(WeightSparsity::node).containsExactly("dense1", "dense2", "output");
        for (WeightSparsity node : last) {
            assertThat(node.weights() - node.nonZeros()).as(node.node())
                    .isEqualTo(Math.round(0.75 * node.weights()));
        }
        for (int i = 1; i < steps.size(); i++) {
            assertThat(revived(steps.get(i - 1), steps.get(i))).as("step %d", i).isZero();
        }
        assertThat(DesignWeights.read(runDir.resolve(RunPruning.MASKS)).nodeIds()).contains("dense1");
    }

    @Test
    void gradualGlobalPruningEndsAtTheTargetOverAllLayersTogether() throws Exception {
        KeptMasks gradual = new KeptMasks(new PruningPlan(0.6, MagnitudePruning.Scope.GLOBAL, true), null, null);

        train(request(dense(), 4), runDir, gradual);

        List<WeightSparsity> last = MagnitudePruning.count(DesignWeights.extract(model(runDir), design()));
        long prunable = last.stream().mapToLong(WeightSparsity::weights).sum();
        long zeros = prunable - last.stream().mapToLong(WeightSparsity::nonZeros).sum();
        assertThat(zeros).isEqualTo(Math.round(0.6 * prunable));
    }

    private static Path dense() throws IOException {
        Path file = shared.resolve("dense" + DesignWeights.SUFFIX);
        if (!Files.exists(file)) {
            dense.write(file);
        }
        return file;
    }

    /** Weights pruned in {@code before} (mask 0) but kept in {@code after}. */
    private static long revived(DesignWeights before, DesignWeights after) {
        long revived = 0;
        for (String node : before.nodeIds()) {
            for (Map.Entry<String, INDArray> mask : before.node(node).entrySet()) {
                float[] b = floats(mask.getValue());
                float[] a = floats(after.node(node).get(mask.getKey()));
                for (int i = 0; i < b.length; i++) {
                    revived += b[i] == 0 && a[i] == 1 ? 1 : 0;
                }
            }
        }
        return revived;
    }

    @Test
    void aFolderWithoutAPlanKeepsNothing() throws IOException {
        assertThat(KeptMasks.forRun(runDir)).isSameAs(ParameterHook.NONE);
    }

    @Test
    void aOneShotPlanWithoutItsMasksIsRefused() throws IOException {
        new PruningPlan(0.5, MagnitudePruning.Scope.LAYER, false).write(runDir);

        assertThatThrownBy(() -> KeptMasks.forRun(runDir)).isInstanceOf(IOException.class)
                .hasMessageContaining("no " + RunPruning.MASKS);
    }

    @Test
    void aDamagedPlanIsRefusedNamingTheFile() throws IOException {
        Files.writeString(runDir.resolve(PruningPlan.FILE), "{\"targetSparsity\": 1.2, \"scope\": \"layer\", "
                + "\"schedule\": \"gradual\"}");

        assertThatThrownBy(() -> KeptMasks.forRun(runDir)).isInstanceOf(IOException.class)
                .hasMessageContaining(PruningPlan.FILE).hasMessageContaining("below 1, not 1.2");
    }

    @Test
    void masksForOtherNodesAreRefusedBeforeTraining() {
        KeptMasks other = new KeptMasks(new PruningPlan(0.5, MagnitudePruning.Scope.LAYER, false),
                DesignWeights.of(Map.of("dense9", pruned.masks().node("dense1"))), null);

        TrainingEvent end = new TrainingSession(request(prunedFile, 1), runDir, event -> { }, other).run();

        assertThat(end).isInstanceOf(TrainingEvent.Failed.class);
        assertThat(((TrainingEvent.Failed) end).reason()).contains("The pruning masks do not fit the network")
                .contains("node 'dense9' has no parameter 'W'");
    }

    /** Writes a one-shot plan and its masks into a run folder, as the compress command does. */
    private record KeptMasksFiles(Path dir) {
        void oneShot() throws IOException {
            new PruningPlan(0.5, MagnitudePruning.Scope.LAYER, false).write(dir);
            pruned.masks().write(dir.resolve(RunPruning.MASKS));
        }
    }
}
