package dev.netwright.app.tryit;

import dev.netwright.app.training.RunRecord;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.charts.metrics.RunMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Try it view model against a fake process, on the test's thread (no toolkit). */
class TryItModelTest {
    @TempDir
    Path runsDir;
    private final FakeProcess process = new FakeProcess();
    private final TryItModel model = new TryItModel(process, Runnable::run, Runnable::run);

    private RunRecord run(String name, boolean withModel) throws IOException {
        Path dir = Files.createDirectories(runsDir.resolve(name));
        if (withModel) {
            Files.writeString(new RunFolder(dir).model(), "not read by the model");
        }
        return new RunRecord(dir, null, new RunMetrics());
    }

    /** Shows run-1 (with a model), whose process answers its opening with {@code answer}. */
    private void openRun(String answer) throws IOException {
        model.showRuns(List.of(run("run-1", true)));
        process.reply(answer);
    }

    @Test
    void onlyRunsWithAModelAreOfferedAndTheNewestIsLoaded() throws IOException {
        RunRecord stopped = run("run-2", false);
        RunRecord trained = run("run-1", true);
        model.showRuns(List.of(stopped, trained));
        assertThat(model.runs()).containsExactly(trained);
        assertThat(process.started).containsExactly(trained.dir());
        assertThat(model.statusProperty().get()).startsWith("Loading run-1");
        assertThat(model.readyProperty().get()).isFalse();

        process.reply(FakeProcess.READY);
        assertThat(model.readyProperty().get()).isTrue();
        assertThat(model.classes()).hasSize(10);
        assertThat(model.layerProperty().get()).as("Grad-CAM's default layer: the last").isEqualTo("conv2");
        assertThat(model.drawableProperty().get()).isTrue();
        assertThat(model.samplesProperty().get()).isEqualTo(50);
    }

    @Test
    void anInputChosenWhileLoadingIsPredictedOnceReadyAndTheTopFiveAreRanked() throws IOException {
        model.showRuns(List.of(run("run-1", true)));
        model.useSample(7);
        assertThat(process.requests).isEmpty();
        process.reply(FakeProcess.READY);
        assertThat(process.last().path("op").asText()).isEqualTo("predict");
        assertThat(process.last().path("input").path("sample").asInt()).isEqualTo(7);

        process.reply(FakeProcess.prediction(process.last().path("id").asLong(), "prediction",
                FakeProcess.SHIRT_MOSTLY) + "}");
        assertThat(model.top()).extracting(TryItModel.ClassProbability::name)
                .containsExactly("Shirt", "Coat", "Pullover", "Bag", "T-shirt");
        assertThat(model.top().get(0).actual()).isTrue();
        assertThat(model.seenProperty().get().width()).isEqualTo(28);
    }

    @Test
    void explainSendsTheMethodItsSettingsAndTheChosenClassAndShowsTheMap() throws IOException {
        openRun(FakeProcess.READY);
        model.useSample(3);
        model.methodProperty().set(TryItModel.Method.OCCLUSION);
        model.patchProperty().set("6");
        model.strideProperty().set("3");
        model.targetProperty().set(2);
        model.explain();
        assertThat(model.explainingProperty().get()).isTrue();
        var request = process.last();
        assertThat(request.path("method").asText()).isEqualTo("occlusion");
        assertThat(request.path("patch").asInt()).isEqualTo(6);
        assertThat(request.path("stride").asInt()).isEqualTo(3);
        assertThat(request.path("target").asInt()).isEqualTo(2);

        long id = request.path("id").asLong();
        process.reply("{\"id\":" + id + ",\"type\":\"progress\",\"done\":1,\"total\":4}");
        assertThat(model.progressProperty().get()).isEqualTo(0.25);
        process.reply(FakeProcess.explanation(id, 2, FakeProcess.SHIRT_MOSTLY));
        assertThat(model.explainingProperty().get()).isFalse();
        TryItModel.Explanation shown = model.explanationProperty().get();
        assertThat(shown.className()).isEqualTo("Pullover");
        assertThat(shown.map()).hasSize(28 * 28);
        assertThat(shown.faithfulness()).contains("Deletion AUC 0.200 (random 0.400) ✓ lower\n")
                .contains("Insertion AUC 0.700 (random 0.500) ✓ higher");
    }

    @Test
    void settingsThatAreNoWholeNumbersAreRefusedBeforeAnythingIsSent() throws IOException {
        openRun(FakeProcess.READY);
        model.useSample(0);
        int sent = process.requests.size();
        model.methodProperty().set(TryItModel.Method.IG);
        model.stepsProperty().set("many");
        model.explain();
        assertThat(process.requests).hasSize(sent);
        assertThat(model.statusProperty().get()).isEqualTo("Steps must be a whole number of at least 1, not \"many\".");
    }

    @Test
    void cancelAsksTheProcessToStopAndALateAnswerIsIgnored() throws IOException {
        openRun(FakeProcess.READY);
        model.useSample(0);
        model.methodProperty().set(TryItModel.Method.LIME);
        model.explain();
        long id = process.last().path("id").asLong();
        model.cancel();
        assertThat(process.last().path("op").asText()).isEqualTo("cancel");
        assertThat(process.last().path("id").asLong()).isEqualTo(id);
        assertThat(model.explainingProperty().get()).isFalse();
        process.reply(FakeProcess.explanation(id, 6, FakeProcess.SHIRT_MOSTLY));
        assertThat(model.explanationProperty().get()).isNull();
    }

    @Test
    void errorsAndAProcessThatDiesAreToldInTheStatusLine() throws IOException {
        openRun(FakeProcess.READY);
        model.useFile(runsDir.resolve("broken.png"));
        long id = process.last().path("id").asLong();
        process.reply("{\"id\":" + id + ",\"type\":\"error\",\"message\":\"broken.png: not an image\"}");
        assertThat(model.statusProperty().get()).isEqualTo("broken.png: not an image");

        process.ended.ended(134, "java.lang.OutOfMemoryError: Java heap space");
        assertThat(model.readyProperty().get()).isFalse();
        assertThat(model.statusProperty().get()).isEqualTo("The process that runs the model ended unexpectedly "
                + "(exit code 134): java.lang.OutOfMemoryError: Java heap space. Press Reload to start it again.");
        model.restart();
        assertThat(process.started).hasSize(2);
    }

    @Test
    void aRunThatCannotBeLoadedSaysWhy() throws IOException {
        openRun("{\"type\":\"failed\",\"message\":\"The run in run-1 has no saved model\"}");
        process.ended.ended(2, "");
        assertThat(model.statusProperty().get()).isEqualTo("The run in run-1 has no saved model");
    }

    @Test
    void anAttentionDesignExposesItsLayersAndHeadsAndStartsOnAttention() throws IOException {
        openRun(FakeProcess.READY_ATTENTION);
        assertThat(model.hasAttentionProperty().get()).isTrue();
        assertThat(model.attentionLayers()).containsExactly("encoder1/attn", "encoder2/attn");
        assertThat(model.heads("encoder1/attn")).isEqualTo(4);
        assertThat(model.heads("pool")).isZero();
        assertThat(model.attentionLayerProperty().get()).as("the last by default").isEqualTo("encoder2/attn");
        assertThat(model.methodProperty().get()).as("no convolution for Grad-CAM").isEqualTo(TryItModel.Method.ATTENTION);
    }

    @Test
    void attentionAsksForTheLayerAndHeadShowsTheMatrixAndAsksAgainWhenTheHeadChanges() throws IOException {
        openRun(FakeProcess.READY_ATTENTION);
        model.useSample(2);
        model.targetProperty().set(3);
        model.explain();
        var request = process.last();
        assertThat(request.path("op").asText()).isEqualTo("attention");
        assertThat(request.path("layer").asText()).isEqualTo("encoder2/attn");
        assertThat(request.has("head")).as("the mean of the heads").isFalse();
        assertThat(request.has("target")).as("the same weights for every class").isFalse();

        process.reply(FakeProcess.attention(request.path("id").asLong(), "encoder2/attn", -1, 5));
        TryItModel.AttentionMap shown = model.attentionProperty().get();
        assertThat(shown.tokens()).isEqualTo(28);
        assertThat(shown.which()).isEqualTo("mean of 4 heads");
        assertThat(shown.received()[5]).isCloseTo(0.5 + 0.5 / 28, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(shown.paidBy(0)[1]).isCloseTo(0.5 / 28, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(model.top().get(0).name()).isEqualTo("Shirt");
        assertThat(model.statusProperty().get()).isEqualTo("Attention of sample #2 at encoder2/attn, mean of 4 heads.");

        model.headProperty().set(2);
        assertThat(process.last().path("op").asText()).isEqualTo("attention");
        assertThat(process.last().path("head").asInt()).isEqualTo(2);
        model.attentionLayerProperty().set("encoder1/attn");
        assertThat(process.last().path("layer").asText()).isEqualTo("encoder1/attn");
        assertThat(process.last().path("head").asInt()).as("the head kept: encoder1 has 4 too").isEqualTo(2);
    }

    @Test
    void attentionOnADesignWithoutItIsRefusedBeforeAnythingIsSent() throws IOException {
        openRun(FakeProcess.READY);
        assertThat(model.hasAttentionProperty().get()).isFalse();
        assertThat(model.attentionLayers()).isEmpty();
        model.useSample(0);
        int sent = process.requests.size();
        model.methodProperty().set(TryItModel.Method.ATTENTION);
        model.explain();
        assertThat(process.requests).hasSize(sent);
        assertThat(model.statusProperty().get()).isEqualTo(TryItModel.NO_ATTENTION);
    }

    @Test
    void aHeadTheProcessRefusesIsToldInTheStatusLine() throws IOException {
        openRun(FakeProcess.READY_ATTENTION);
        model.useSample(0);
        model.headProperty().set(9);
        model.explain();
        long id = process.last().path("id").asLong();
        process.reply("{\"id\":" + id + ",\"type\":\"error\",\"message\":\"Head 9 does not exist: encoder2/attn has 4 "
                + "heads (0 to 3); leave the head out for the mean of the heads\"}");
        assertThat(model.explainingProperty().get()).isFalse();
        assertThat(model.attentionProperty().get()).isNull();
        assertThat(model.statusProperty().get()).startsWith("Head 9 does not exist: encoder2/attn has 4 heads");
    }

    @Test
    void theGalleryOpensASampleOfItsRunAndExplainsItOnceItIsPredicted() throws IOException {
        RunRecord newest = run("run-2", true);
        RunRecord evaluated = run("run-1", true);
        model.showRuns(List.of(newest, evaluated));
        model.explainSample(evaluated, 12);
        assertThat(model.runProperty().get().dir()).isEqualTo(evaluated.dir());
        process.reply(FakeProcess.READY);
        long id = process.last().path("id").asLong();
        process.reply(FakeProcess.prediction(id, "prediction", FakeProcess.SHIRT_MOSTLY) + "}");
        assertThat(process.last().path("op").asText()).isEqualTo("explain");
        assertThat(process.last().path("input").path("sample").asInt()).isEqualTo(12);
    }

    @Test
    void aCsvDesignShowsItsFeaturesByNameAndATypedRowIsSentAsTyped() throws IOException {
        openRun(FakeProcess.READY_ROWS);
        assertThat(model.rowsProperty().get()).isTrue();
        assertThat(model.drawableProperty().get()).isFalse();
        assertThat(model.row().names()).containsExactly("age", "height", "weight");
        assertThat(model.statusProperty().get()).contains("Type a row's values");
        assertThat(model.methodProperty().get()).as("no convolution: attributions per feature")
                .isEqualTo(TryItModel.Method.SHAP);

        model.row().features().get(0).value().set("41");
        model.row().features().get(1).value().set("1.8");
        model.row().features().get(2).value().set("x");
        model.useRow();
        var request = process.last();
        assertThat(request.path("op").asText()).isEqualTo("predict");
        assertThat(request.path("input").path("row")).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
                .containsExactly("41", "1.8", "x");
        process.reply("{\"id\":" + request.path("id").asLong() + ",\"type\":\"error\",\"message\":"
                + "\"Column 'weight': 'x' is not a number\"}");
        assertThat(model.statusProperty().get()).isEqualTo("Column 'weight': 'x' is not a number");
        assertThat(model.row().values()).as("what was typed stays, to correct").containsExactly("41", "1.8", "x");
    }

    @Test
    void limeAndShapSendTheSegmentsChosenForAnImageAndNoneForARow() throws IOException {
        openRun(FakeProcess.READY);
        model.useSample(0);
        model.methodProperty().set(TryItModel.Method.LIME);
        model.segmentsProperty().set(dev.netwright.runtime.explain.SegmentMethod.FELZENSZWALB);
        model.explain();
        assertThat(process.last().path("segments").asText()).isEqualTo("fh");
        model.methodProperty().set(TryItModel.Method.SHAP);
        model.segmentsProperty().set(dev.netwright.runtime.explain.SegmentMethod.SLIC);
        model.explain();
        assertThat(process.last().path("segments").asText()).isEqualTo("slic");

        model.showRuns(List.of(run("run-2", true)));
        process.reply(FakeProcess.READY_ROWS);
        model.useSample(0);
        model.explain();
        assertThat(process.last().path("method").asText()).isEqualTo("shap");
        assertThat(process.last().has("segments")).as("a row's segments are its features").isFalse();
    }

    @Test
    void aPickedSampleFillsTheRowToEditFrom() throws IOException {
        openRun(FakeProcess.READY_ROWS);
        model.useSample(4);
        process.reply(FakeProcess.rowReply(process.last().path("id").asLong(), "prediction", "41,1.75,80"));
        assertThat(model.row().values()).containsExactly("41", "1.75", "80");
        assertThat(model.top()).extracting(TryItModel.ClassProbability::name).containsExactly("yes", "no");

        model.row().features().get(2).value().set("95");
        model.useRow();
        process.reply(FakeProcess.rowReply(process.last().path("id").asLong(), "prediction", "41,1.75,95"));
        assertThat(model.row().values()).containsExactly("41", "1.75", "95");
        assertThat(model.inputNameProperty().get()).isEqualTo("your row");
    }

    @Test
    void aRowOnAnImageDesignIsRefusedBeforeAnythingIsSent() throws IOException {
        openRun(FakeProcess.READY);
        model.useRow();
        assertThat(process.requests).isEmpty();
        assertThat(model.statusProperty().get()).startsWith("This run was trained on images");
    }

    @Test
    void aCsvDesignsExplanationIsGivenPerNamedFeatureWithEAndFx() throws IOException {
        openRun(FakeProcess.READY_ROWS);
        model.useSample(1);
        model.methodProperty().set(TryItModel.Method.SHAP);
        model.explain();
        assertThat(process.last().path("method").asText()).isEqualTo("shap");
        process.reply(FakeProcess.rowExplanation(process.last().path("id").asLong(), "0.05,-0.1,0.45", 0.3));
        var perFeature = model.perFeatureProperty().get();
        assertThat(perFeature.names()).containsExactly("age", "height", "weight");
        assertThat(perFeature.sorted()).extracting(f -> f.name()).containsExactly("weight", "height", "age");
        assertThat(perFeature.expected()).isEqualTo(0.3);
        assertThat(perFeature.output()).as("f(x): the explained class's probability").isEqualTo(0.7);

        model.useSample(2);
        assertThat(model.perFeatureProperty().get()).as("cleared with a new input").isNull();
    }

    @Test
    void integratedGradientsSendTheirStepsAndBaselineAndARowCannotBeBlurred() throws IOException {
        openRun(FakeProcess.READY);
        model.useSample(1);
        model.methodProperty().set(TryItModel.Method.IG);
        model.explain();
        assertThat(process.last().path("baseline").asText()).as("the default").isEqualTo("black");
        model.stepsProperty().set("200");
        model.baselineProperty().set(dev.netwright.runtime.explain.Baseline.BLUR);
        model.explain();
        assertThat(process.last().path("steps").asInt()).isEqualTo(200);
        assertThat(process.last().path("baseline").asText()).isEqualTo("blur");
        model.methodProperty().set(TryItModel.Method.GRADCAM);
        model.explain();
        assertThat(process.last().has("baseline")).as("Grad-CAM has none").isFalse();

        model.runProperty().set(run("run-2", true));
        process.reply(FakeProcess.READY_ROWS);
        assertThat(model.baselineProperty().get()).isEqualTo(dev.netwright.runtime.explain.Baseline.MEAN);
    }
}
