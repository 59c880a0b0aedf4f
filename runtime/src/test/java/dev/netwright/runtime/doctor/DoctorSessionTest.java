package dev.netwright.runtime.doctor;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.data.DataSplit;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.train.ParameterHook;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;
import dev.netwright.runtime.train.TrainingSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The doctor on small real trainings (8×8 images of three classes, a few hundred examples, seconds each): each fault
 * provoked is found, on the node it concerns, and a healthy run raises nothing.
 */
class DoctorSessionTest {
    @TempDir
    static Path shared;
    static String clean;

    @TempDir
    Path runDir;

    @BeforeAll
    static void writeData() throws Exception {
        clean = NoisyIdx.write(shared.resolve("clean"), 330, 60, 0);
    }

    static Design smallNet() {
        return TestDesigns.start().image(8, 8, 1).then("flat", "Flatten").then("dense", "Dense", "units", 16)
                .then("output", "Output", "units", 3).build();
    }

    static RunRequest request(Design design, String data, double learningRate, int epochs) {
        return RunRequest.of(design, data).withBatchSize(32).withEpochs(epochs)
                .withSettings(TrainingSettings.defaults().withLearningRate(learningRate));
    }

    /** A run with the doctor wired in as the worker wires it, plus {@code extra} hooks; every event it reported. */
    List<TrainingEvent> train(RunRequest request, ParameterHook... extra) {
        List<TrainingEvent> events = new ArrayList<>();
        RunDoctor doctor = new RunDoctor(new RunFolder(runDir), events::add);
        ParameterHook[] hooks = new ParameterHook[extra.length + 1];
        System.arraycopy(extra, 0, hooks, 0, extra.length);
        hooks[extra.length] = doctor;
        new TrainingSession(request, runDir, doctor, ParameterHook.all(hooks)).run();
        return events;
    }

    static List<TrainingEvent.Finding> findings(List<TrainingEvent> events) {
        return events.stream().filter(TrainingEvent.Finding.class::isInstance).map(TrainingEvent.Finding.class::cast)
                .toList();
    }

    static List<String> kinds(List<TrainingEvent> events) {
        return findings(events).stream().map(TrainingEvent.Finding::kind).toList();
    }

    static TrainingEvent.Finding finding(List<TrainingEvent> events, String kind) {
        return findings(events).stream().filter(f -> f.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " among " + kinds(events)));
    }

    @Test
    void aHealthyRunIsSampledLayerByLayerAndRaisesNoFinding() throws Exception {
        List<TrainingEvent> events = train(request(smallNet(), clean, 0.01, 3));

        assertThat(events.get(events.size() - 1)).isInstanceOf(TrainingEvent.Finished.class);
        assertThat(kinds(events)).isEmpty();
        assertThat(runDir.resolve(RunFolder.DOCTOR)).doesNotExist();
        List<TrainingEvent.Signals> signals = events.stream().filter(TrainingEvent.Signals.class::isInstance)
                .map(TrainingEvent.Signals.class::cast).toList();
        assertThat(signals).isNotEmpty();
        TrainingEvent.Signals last = signals.get(signals.size() - 1);
        assertThat(last.classes()).isEqualTo(3);
        TrainingEvent.LayerSignals dense = last.layers().stream().filter(l -> l.node().equals("dense")).findFirst()
                .orElseThrow();
        assertThat(dense.activation()).isEqualTo("relu");
        assertThat(dense.parameters()).isEqualTo(64 * 16 + 16);
        assertThat(dense.updateRatio()).isBetween(1e-5, 0.1);
        assertThat(dense.gradientNorm()).isPositive();
        assertThat(dense.weightNorm()).isPositive();
        assertThat(dense.activationStd()).isPositive();
        assertThat(dense.deadShare()).isBetween(0.0, 0.5);
        assertThat(last.layers()).extracting(TrainingEvent.LayerSignals::node).contains("dense", "output");
    }

    @Test
    void aLearningRateOfTenIsTooHigh() throws Exception {
        List<TrainingEvent> events = train(request(smallNet(), clean, 10, 3));

        TrainingEvent.Finding high = finding(events, Findings.LEARNING_RATE_TOO_HIGH);
        assertThat(high.node()).isNull(); // a setting of the run, not of a node
        assertThat(high.evidence().get("learningRate")).isEqualTo(10.0);
        assertThat(high.actions()).anySatisfy(a -> {
            assertThat(a.name()).isEqualTo("learningRate");
            assertThat(Double.parseDouble(a.value())).isLessThanOrEqualTo(1.0);
        });
        List<String> recorded = Files.readAllLines(runDir.resolve(RunFolder.DOCTOR));
        assertThat(recorded).isNotEmpty();
        assertThat(TrainingEvents.fromJsonLine(recorded.get(0))).isEqualTo(findings(events).get(0));
    }

    @Test
    void aLearningRateOfOneTenMillionthIsTooLow() {
        List<TrainingEvent> events = train(request(smallNet(), clean, 1e-7, 3));

        TrainingEvent.Finding low = finding(events, Findings.LEARNING_RATE_TOO_LOW);
        assertThat(low.evidence().get("updateRatio")).isLessThan(1e-5);
        assertThat(low.actions()).anySatisfy(a -> assertThat(Double.parseDouble(a.value())).isGreaterThanOrEqualTo(1e-6));
        assertThat(kinds(events)).doesNotContain(Findings.LOSS_AT_CHANCE, Findings.LEARNING_RATE_TOO_HIGH);
    }

    @Test
    void aTwentyLayerSigmoidStackHasVanishingGradientsFromItsFirstLayer() {
        TestDesigns deep = TestDesigns.start().image(8, 8, 1).then("flat", "Flatten");
        for (int i = 1; i <= 20; i++) {
            deep.then("d" + i, "Dense", "units", 16, "activation", "sigmoid");
        }
        List<TrainingEvent> events = train(request(deep.then("output", "Output", "units", 3).build(), clean, 0.01, 2));

        TrainingEvent.Finding vanishing = finding(events, Findings.VANISHING_GRADIENTS);
        assertThat(vanishing.node()).isEqualTo("d1");
        assertThat(vanishing.evidence().get("ratio")).isLessThan(1e-4);
    }

    @Test
    void reluUnitsStartedWithALargeNegativeBiasAreDead() {
        ParameterHook negativeBias = new ParameterHook() {
            @Override
            public void started(ComputationGraph graph, Design design, long iteration, long total) {
                graph.getLayer("dense").getParam("b").assign(-10);
            }
        };
        List<TrainingEvent> events = train(request(smallNet(), clean, 0.01, 2), negativeBias);

        TrainingEvent.Finding dead = finding(events, Findings.DEAD_UNITS);
        assertThat(dead.node()).isEqualTo("dense");
        assertThat(dead.evidence().get("deadShare")).isEqualTo(1.0);
        assertThat(dead.actions()).anySatisfy(a -> assertThat(a.value()).isEqualTo("leakyrelu"));
    }

    @Test
    void aTinyNoisyTrainingSetIsOverfittedAndDropoutGoesAfterTheLastHiddenLayer() throws Exception {
        String tiny = NoisyIdx.write(runDir.resolve("tiny"), 30, 90, 0.5);
        Design wide = TestDesigns.start().image(8, 8, 1).then("flat", "Flatten").then("hidden", "Dense", "units", 128)
                .then("output", "Output", "units", 3).build();
        List<TrainingEvent> events = train(request(wide, tiny, 0.02, 45).withBatchSize(5)
                .withSplit(DataSplit.VALIDATE_ON_TEST));

        TrainingEvent.Finding overfitting = finding(events, Findings.OVERFITTING);
        assertThat(overfitting.node()).isEqualTo("hidden");
        assertThat(overfitting.actions()).anySatisfy(a -> {
            assertThat(a.kind()).isEqualTo("insert-after");
            assertThat(a.node()).isEqualTo("hidden");
            assertThat(a.name()).isEqualTo("Dropout");
        });
        assertThat(overfitting.evidence().get("validationLoss")).isGreaterThan(overfitting.evidence().get("bestValidationLoss"));
        // beyond the sampling noise of its 90 validation examples, which the worker measured example by example
        assertThat(overfitting.evidence()).containsEntry("validationExamples", 90.0);
        assertThat(overfitting.evidence().get("pValue")).isLessThan(EpochRules.RISE_NOT_BY_CHANCE);
    }

    @Test
    void shuffledLabelsLeaveTheLossAtGuessing() throws Exception {
        String shuffled = NoisyIdx.write(runDir.resolve("shuffled"), 600, 60, 1.0);
        List<TrainingEvent> events = train(request(smallNet(), shuffled, 0.01, 3));

        TrainingEvent.Finding data = finding(events, Findings.LOSS_AT_CHANCE);
        assertThat(data.node()).isNull();
        assertThat(data.evidence().get("chanceLoss")).isEqualTo(Math.log(3));
        assertThat(kinds(events)).doesNotContain(Findings.LEARNING_RATE_TOO_LOW, Findings.LEARNING_RATE_TOO_HIGH);
    }

    @Test
    void aClassMissingFromTheTrainingDataIsNeverPredictedAndNamedOnTheOutput() throws Exception {
        String withoutBird = NoisyIdx.write(runDir.resolve("without-2"), 330, 60, 0, 2);
        List<TrainingEvent> events = train(request(smallNet(), withoutBird, 0.01, 3)
                .withSplit(DataSplit.VALIDATE_ON_TEST));

        TrainingEvent.Finding never = finding(events, Findings.CLASS_NEVER_PREDICTED);
        assertThat(never.node()).isEqualTo("output");
        assertThat(never.explanation()).contains("never predicts the class 2");
        assertThat(kinds(events)).doesNotContain(Findings.LEARNING_RATE_TOO_HIGH, Findings.LEARNING_RATE_TOO_LOW,
                Findings.LOSS_AT_CHANCE);
    }

    @Test
    void aHealthyTransformerRaisesNoFindingOnLayersThatApplyNoActivation() {
        // positional encoding, attention and layer norm apply no activation function: DL4J's default (sigmoid) in
        // their configuration once made their outputs look saturated
        Design transformer = TestDesigns.start().sequence(NoisyIdx.SIZE, NoisyIdx.SIZE)
                .then("embed", "Dense", "units", 16, "activation", "identity").then("posenc", "PositionalEncoding")
                .then("encoder1", "TransformerEncoderBlock", "heads", 2, "feedForward", 32, "dropout", 0.0)
                .then("pool", "GlobalPooling", "mode", "avg").then("output", "Output", "units", 3).build();

        List<TrainingEvent> events = train(request(transformer, clean, 0.01, 3));

        assertThat(events.get(events.size() - 1)).isInstanceOf(TrainingEvent.Finished.class);
        assertThat(kinds(events)).isEmpty();
    }

    @Test
    void aHealthyNetworkWithBatchNormAndDropoutRaisesNoFinding() {
        // batch norm and dropout apply no activation either (the residual CNN once raised saturated-units on each BN)
        Design normalised = TestDesigns.start().image(8, 8, 1).then("flat", "Flatten").then("dense", "Dense", "units", 16)
                .then("bn", "BatchNorm").then("drop", "Dropout", "rate", 0.1).then("output", "Output", "units", 3).build();

        List<TrainingEvent> events = train(request(normalised, clean, 0.01, 3));

        assertThat(events.get(events.size() - 1)).isInstanceOf(TrainingEvent.Finished.class);
        assertThat(kinds(events)).isEmpty();
    }

    @Test
    void aClassWithAFewTrainingExamplesIsNamedWithItsCountAsImbalanced() throws Exception {
        String rare = NoisyIdx.writeCounts(runDir.resolve("rare-2"), new int[] {150, 150, 6}, new int[] {20, 20, 20}, new int[] {0, 1, 2});
        List<TrainingEvent> events = train(request(smallNet(), rare, 0.01, 1).withSplit(DataSplit.VALIDATE_ON_TEST));

        TrainingEvent.Finding imbalance = finding(events, Findings.CLASS_IMBALANCE);
        assertThat(imbalance.node()).isNull(); // the data's problem, not a node's
        assertThat(imbalance.epoch()).isEqualTo(1);
        assertThat(imbalance.iteration()).as("found before the first update").isZero();
        assertThat(imbalance.explanation()).contains("150 examples of 0", "only 6 of 2", "25 times fewer");
        assertThat(imbalance.evidence()).containsEntry("examplesOf.2", 6.0).containsEntry("ratio", 25.0)
                .doesNotContainKey("examplesOf.1");
        assertThat(imbalance.actions()).anySatisfy(a -> assertThat(a.description()).contains("#per-class=6"));
        assertThat(imbalance.actions()).anySatisfy(a -> assertThat(java.util.Arrays.asList(a.kind(), a.name(), a.value()))
                .containsExactly("set-data", "per-class", "6"));
        assertThat(imbalance.actions()).anySatisfy(a -> assertThat(a.description()).contains("no class weights"));
    }

    @Test
    void classesTwiceAsLargeAsAnotherAreNotImbalanced() throws Exception {
        String mild = NoisyIdx.writeCounts(runDir.resolve("mild"), new int[] {100, 100, 50}, new int[] {20, 20, 20}, new int[] {0, 1, 2});
        List<TrainingEvent> events = train(request(smallNet(), mild, 0.01, 1).withSplit(DataSplit.VALIDATE_ON_TEST));

        assertThat(events.get(events.size() - 1)).isInstanceOf(TrainingEvent.Finished.class);
        assertThat(kinds(events)).doesNotContain(Findings.CLASS_IMBALANCE);
    }

    @Test
    void aClassThatLooksLikeALargerOneLosesAccuracyWhileTheOverallRises() throws Exception {
        // class 2 draws the band of class 0, which has twice its training examples: the model can only learn to give
        // that band to class 0. Through the first epoch (10 updates) the network is held at its start, with class 2's
        // output bias raised so that it predicts class 2 for everything; from the second it learns, and gives up class 2.
        String alike = NoisyIdx.writeCounts(runDir.resolve("alike"), new int[] {120, 120, 60},
                new int[] {40, 20, 20}, new int[] {0, 1, 0});
        ParameterHook favourTwoFirst = new ParameterHook() {
            private INDArray start;

            @Override
            public void started(ComputationGraph graph, Design design, long iteration, long total) {
                graph.getLayer("output").getParam("b").putScalar(2, 3.0);
                start = graph.params().dup();
            }

            @Override
            public void updated(ComputationGraph graph, long iteration) {
                if (iteration <= 10) {
                    graph.setParams(start);
                }
            }
        };
        List<TrainingEvent> events = train(request(smallNet(), alike, 0.01, 3).withSplit(DataSplit.VALIDATE_ON_TEST),
                favourTwoFirst);
        TrainingEvent.Finding drift = finding(events, Findings.CLASS_ACCURACY_DRIFT);
        assertThat(drift.node()).isEqualTo("output");
        assertThat(drift.explanation()).contains("worse at the class 2", "2: 100 % at epoch 1 (20 of 20), 0 % now");
        assertThat(drift.evidence().get("accuracyOf.2")).isLessThanOrEqualTo(drift.evidence().get("accuracyOf.2.best")
                - 0.15);
        assertThat(drift.evidence().get("validationAccuracy"))
                .isGreaterThan(drift.evidence().get("validationAccuracyThen.2"));
    }
}
