package dev.netwright.samples;

import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.compile.CompiledDesign;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.Dl4jShapes;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.layers.Shape;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamplesTest {

    static List<Sample> samples() {
        return Samples.list();
    }

    @Test
    void theClassicModelsTheRecurrentCnnAndTheTunedResidualCnnShip() {
        assertThat(Samples.list()).extracting(Sample::id).containsExactly("cnn", "lstm", "transformer",
                "transformer-tutorial", "resnet", "rcnn", "resnet-tuned", "cnn-pretrained", "transfer");
        assertThatThrownBy(() -> Samples.load("vgg")).hasMessageContaining("no sample called 'vgg'")
                .hasMessageContaining("cnn, lstm, transformer, transformer-tutorial, resnet, rcnn");
    }

    /** Issue 15's accuracy sample: BatchNorm and shortcuts, trained with a schedule and augmentation it carries. */
    @Test
    void theTunedResidualSampleCarriesItsScheduleAndAugmentation() {
        Design tuned = Samples.load("resnet-tuned");

        assertThat(tuned.nodes()).extracting(n -> n.kind()).contains("BatchNorm", "Add", "Dropout");
        TrainingPlan plan = tuned.training().orElseThrow();
        assertThat(plan.lrSchedule()).isEqualTo(new LearningRateSchedule.OneCycle(8, 0.3));
        assertThat(plan.augmentation().flip()).isTrue();
        assertThat(plan.augmentation().crop()).isEqualTo(2);
        assertThat(plan.epochs()).isEqualTo(12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void roundTripsThroughJsonByteForByte(Sample sample) throws Exception {
        String shipped = Samples.json(sample);
        assertThat(new DesignJson().write(new DesignJson().read(shipped, sample.id()))).isEqualTo(shipped);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void checksCleanAndAgreesWithDl4j(Sample sample) throws Exception {
        Design design = Samples.load(sample);
        CheckResult check = new Checker().check(design);
        assertThat(check.diagnostics()).isEmpty();
        CompiledDesign compiled = new DesignCompiler().compile(design, TrainingSettings.defaults());
        assertThat(Dl4jShapes.disagreements(compiled)).isEmpty();
    }

    @Test
    void seedCnnHasTheKnownParameterCount() {
        // Conv 320 + Conv 18,496 + Conv 36,928 + Dense 36,928 + Output 650, as Keras reports for this model.
        assertThat(new Checker().check(Samples.load("cnn")).totalParams()).isEqualTo(93_322);
    }

    @Test
    void recurrentCnnReadsTheFeatureMapRowByRow() {
        CheckResult check = new Checker().check(Samples.load("rcnn"));
        assertThat(check.output("pool2")).contains(new Shape.Image(7, 7, 32));
        assertThat(check.output("rows")).contains(new Shape.Sequence(7, 7 * 32));
        // Conv 160 + Conv 4,640 + LSTM 4·64·(224 + 64 + 1) = 73,984 + Output 650
        assertThat(check.totalParams()).isEqualTo(79_434);
    }

    static List<Sample> smallSamples() {
        return Samples.small();
    }

    @Test
    void theTutorialTransformerHasTheTutorialsSizeAndTheParametersOfItsPyTorchTwin() {
        Design design = Samples.load("transformer-tutorial");
        assertThat(Samples.find("transformer-tutorial").orElseThrow().large()).isTrue();
        assertThat(design.nodes()).filteredOn(n -> n.kind().equals("TransformerEncoderBlock")).hasSize(6)
                .allSatisfy(n -> assertThat(n.params()).containsEntry("heads", 8).containsEntry("feedForward", 2048)
                        .containsEntry("dropout", 0.1));
        CheckResult check = new Checker().check(design);
        assertThat(check.output("encoder6")).contains(new Shape.Sequence(28, 512));
        // nn.TransformerEncoder(nn.TransformerEncoderLayer(512, 8, 2048), 6) with its 28->512 projection and 512->10
        // classifier, bench/peer_pytorch.py's TutorialTransformer, counts the same
        assertThat(check.totalParams()).isEqualTo(18_934_282);
    }

    @Test
    void theTutorialTransformerLearnsAFixedBatch() throws Exception {
        // canLearnAFixedBatch sized for 19 million parameters: 4 images, 12 steps, the sample's own learning rate
        assertLearnsAFixedBatch(Samples.load("transformer-tutorial"), 1e-4, 4, 12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smallSamples")
    void canLearnAFixedBatch(Sample sample) throws Exception {
        Design design = Samples.load(sample);
        for (var node : design.nodes()) { // a sample's frozen nodes (sample:transfer's) would not fit random labels
            design = design.withNode(node.withTrainable(true));
        }
        assertLearnsAFixedBatch(design, 3e-3, 16, 30);
    }

    /** Adam at {@code learningRate} on one batch of random images and labels halves the training loss in {@code steps}. */
    private static void assertLearnsAFixedBatch(Design design, double learningRate, int batchSize, int steps)
            throws Exception {
        CompiledDesign compiled = new DesignCompiler().compile(design,
                TrainingSettings.defaults().withLearningRate(learningRate).withSeed(7));
        ComputationGraph graph = compiled.newNetwork();
        int classes = design.nodes().stream().filter(n -> n.kind().equals("Output"))
                .mapToInt(n -> ((Number) n.params().get("units")).intValue()).findFirst().orElseThrow();
        MultiDataSet batch = randomBatch(compiled, batchSize, classes, new Random(11));

        // The training loss DL4J reports for each fit is computed before that step's update, as a loss
        // curve shows it; inference-mode loss is not used because BatchNorm's running statistics lag
        // behind weights that change this fast on one batch.
        graph.fit(batch);
        double before = graph.score();
        for (int step = 0; step < steps; step++) {
            graph.fit(batch);
        }
        double after = graph.score();
        assertThat(after).as("training loss after %d Adam steps (before: %s)", steps, before).isLessThan(before / 2);
    }

    private static MultiDataSet randomBatch(CompiledDesign compiled, int size, int classes, Random random) {
        long[] shape = compiled.inputTypes().get(0).getShape(true);
        shape[0] = size;
        INDArray features = Nd4j.rand(DataType.FLOAT, shape);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, size, classes);
        for (int i = 0; i < size; i++) {
            labels.putScalar(i, random.nextInt(classes), 1f);
        }
        return new org.nd4j.linalg.dataset.MultiDataSet(features, labels);
    }
}
