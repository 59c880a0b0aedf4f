package dev.netwright.app.tryit;

import dev.netwright.app.training.RunRecord;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.charts.metrics.RunMetrics;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.netwright.runtime.explain.SegmentMethod;

import static org.assertj.core.api.Assertions.assertThat;

/** The Try it panel on a headless stage, with a process that answers at once. */
@ExtendWith(ApplicationExtension.class)
class TryItPanelTest {
    /** Two segments of a 28×28 image: the left half (0) and the right half (1). */
    private static final String HALVES = java.util.stream.IntStream.range(0, 28 * 28)
            .mapToObj(i -> i % 28 < 14 ? "0" : "1").collect(java.util.stream.Collectors.joining(","));

    @TempDir
    static Path runsDir;
    private final FakeProcess process = new FakeProcess();
    private TryItPanel panel;

    @Start
    void start(Stage stage) {
        process.answerer = request -> {
            long id = request.path("id").asLong();
            switch (request.path("op").asText()) {
                case "predict" -> process.reply(FakeProcess.prediction(id, "prediction", FakeProcess.SHIRT_MOSTLY) + "}");
                case "explain" -> process.reply(request.has("segments") // LIME, SHAP: what they switched on and off
                        ? FakeProcess.explanation(id, 6, FakeProcess.SHIRT_MOSTLY).replace("gradcam", "lime")
                        .replaceFirst("}$", ",\"segments\":\"7 segments (Felzenszwalb–Huttenlocher)\",\"segmentOf\":["
                                + HALVES + "]}")
                        : FakeProcess.explanation(id, 6, FakeProcess.SHIRT_MOSTLY));
                case "attention" -> process.reply(FakeProcess.attention(id, request.path("layer").asText(),
                        request.path("head").asInt(-1), 5));
                default -> { }
            }
        };
        panel = new TryItPanel(new TryItModel(process, Runnable::run, Runnable::run));
        stage.setScene(new Scene(panel, 1250, 720));
        stage.show();
    }

    private void loaded(FxRobot robot) throws Exception {
        loaded(robot, FakeProcess.READY);
    }

    private void loaded(FxRobot robot, String ready) throws Exception {
        Path dir = Files.createDirectories(runsDir.resolve("run-1"));
        Files.writeString(new RunFolder(dir).model(), "not read by the panel");
        RunRecord run = new RunRecord(dir, null, new RunMetrics());
        robot.interact(() -> {
            panel.model().showRuns(List.of(run));
            process.reply(ready);
        });
    }

    @Test
    void aSampleShowsItsTopFiveClassesAndTheInputAsTheModelSeesIt(FxRobot robot) throws Exception {
        loaded(robot);
        robot.clickOn("#tryit-sample").eraseText(3).write("4");
        robot.clickOn("#tryit-try-sample");
        assertThat(process.last().path("input").path("sample").asInt()).isEqualTo(4);
        assertThat(robot.lookup(".tryit-bar-name").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("Shirt (true)", "Coat", "Pullover", "Bag", "T-shirt");
        assertThat(robot.lookup(".tryit-bar-value").queryAllAs(Label.class)).extracting(Label::getText)
                .startsWith("60.0%");
    }

    @Test
    void theExplainButtonStaysWhereItWasWhenAPredictionArrives(FxRobot robot) throws Exception {
        loaded(robot);
        javafx.scene.Node explain = robot.lookup("#tryit-explain").query();
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        double before = explain.localToScene(0, 0).getX();

        robot.clickOn("#tryit-try-sample");

        assertThat(robot.lookup(".tryit-bar-name").queryAll()).hasSize(5);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertThat(explain.localToScene(0, 0).getX()).isEqualTo(before);
    }

    @Test
    void aSampleExplainedFromTheGalleryIsTheNumberInTheSpinner(FxRobot robot) throws Exception {
        loaded(robot);
        RunRecord run = panel.model().runs().get(0);
        robot.interact(() -> panel.model().explainSample(run, 37));

        assertThat(process.last().path("input").path("sample").asInt()).isEqualTo(37);
        assertThat(robot.lookup("#tryit-sample").queryAs(javafx.scene.control.Spinner.class).getValue())
                .isEqualTo(37);
        robot.clickOn("#tryit-try-sample");
        assertThat(process.last().path("input").path("sample").asInt()).as("Try sample tries the one shown")
                .isEqualTo(37);
    }

    @Test
    void explainDrawsTheMapAndItsAreasBesideRandomOnes(FxRobot robot) throws Exception {
        loaded(robot);
        robot.clickOn("#tryit-try-sample");
        robot.clickOn("#tryit-explain");
        assertThat(process.last().path("method").asText()).isEqualTo("gradcam");
        assertThat(process.last().path("layer").asText()).isEqualTo("conv2");
        assertThat(robot.lookup("#tryit-heat").queryAs(ImageView.class).getImage()).isNotNull();
        assertThat(robot.lookup("#tryit-faithfulness").queryAs(Label.class).getText())
                .contains("gradcam for Shirt (p 0.600)").contains("Deletion AUC 0.200 (random 0.400)");
        robot.interact(() -> ((javafx.scene.control.Slider) panel.lookup("#tryit-opacity")).setValue(0.3));
        assertThat(robot.lookup("#tryit-heat").queryAs(ImageView.class).getOpacity()).isEqualTo(0.3);
    }

    @Test
    void limeOffersTheSegmentsAndSendsTheOneChosen(FxRobot robot) throws Exception {
        loaded(robot);
        assertThat(robot.lookup("#tryit-segments").tryQuery()).as("not for Grad-CAM").isEmpty();
        robot.interact(() -> panel.model().methodProperty().set(TryItModel.Method.LIME));
        assertThat(robot.lookup("#tryit-segments").queryComboBox().getItems()).containsExactly(SegmentMethod.values());
        robot.interact(() -> robot.lookup("#tryit-segments").queryComboBox().getSelectionModel()
                .select(SegmentMethod.FELZENSZWALB));
        robot.clickOn("#tryit-try-sample");
        robot.clickOn("#tryit-explain");
        assertThat(process.last().path("method").asText()).isEqualTo("lime");
        assertThat(process.last().path("segments").asText()).isEqualTo("fh");
        assertThat(robot.lookup("#tryit-faithfulness").queryAs(Label.class).getText())
                .startsWith("lime on 7 segments (Felzenszwalb–Huttenlocher) for Shirt (p 0.600)");
    }

    @Test
    void limesSegmentBoundariesAreDrawnOverTheMapAndTheCheckBoxHidesThem(FxRobot robot) throws Exception {
        loaded(robot);
        robot.interact(() -> panel.model().methodProperty().set(TryItModel.Method.LIME));
        robot.clickOn("#tryit-try-sample");
        robot.clickOn("#tryit-explain");
        CheckBox toggle = robot.lookup("#tryit-boundaries").queryAs(CheckBox.class);
        ImageView overlay = robot.lookup("#tryit-boundaries-overlay").queryAs(ImageView.class);
        assertThat(toggle.isVisible()).as("offered for segments").isTrue();
        assertThat(toggle.isSelected()).as("on by default").isTrue();
        assertThat(overlay.isVisible()).isTrue();
        // 28×28 enlarged 9 times: the halves meet between x 125 and 126, drawn on 125 alone, top to bottom
        assertThat(overlay.getImage().getPixelReader().getArgb(125, 0)).isEqualTo(HeatMapView.BOUNDARY);
        assertThat(overlay.getImage().getPixelReader().getArgb(125, 251)).isEqualTo(HeatMapView.BOUNDARY);
        assertThat(overlay.getImage().getPixelReader().getArgb(124, 0)).isZero();
        assertThat(overlay.getImage().getPixelReader().getArgb(126, 100)).isZero();

        robot.clickOn("#tryit-boundaries");
        assertThat(overlay.isVisible()).as("hidden by the check box").isFalse();
        robot.clickOn("#tryit-boundaries");
        assertThat(overlay.isVisible()).as("shown again").isTrue();

        robot.interact(() -> panel.model().methodProperty().set(TryItModel.Method.GRADCAM));
        robot.clickOn("#tryit-explain");
        assertThat(process.last().path("method").asText()).isEqualTo("gradcam");
        assertThat(toggle.isVisible()).as("Grad-CAM has no segments").isFalse();
        assertThat(overlay.getImage()).isNull();
    }

    @Test
    void anAttentionDesignShowsTheTokenMatrixAndTheRowBandsOfTheRowClicked(FxRobot robot) throws Exception {
        loaded(robot, FakeProcess.READY_ATTENTION);
        assertThat(robot.lookup("#tryit-method").queryComboBox().getValue()).isEqualTo(TryItModel.Method.ATTENTION);
        assertThat(robot.lookup("#tryit-class").tryQuery()).as("no class to choose: one matrix for all").isEmpty();
        assertThat(robot.lookup("#tryit-attention-layer").queryComboBox().getItems())
                .containsExactly("encoder1/attn", "encoder2/attn");
        assertThat(robot.lookup("#tryit-head").queryComboBox().getItems())
                .containsExactly("Mean of heads", "Head 0", "Head 1", "Head 2", "Head 3");
        robot.clickOn("#tryit-try-sample");
        robot.clickOn("#tryit-explain");
        assertThat(process.last().path("op").asText()).isEqualTo("attention");
        assertThat(robot.lookup("#tryit-attention-image").queryAs(ImageView.class).getImage()).isNotNull();
        assertThat(robot.lookup("#tryit-heat").queryAs(ImageView.class).getImage()).as("row bands").isNotNull();
        assertThat(robot.lookup("#tryit-faithfulness").queryAs(Label.class).getText())
                .contains("Attention at encoder2/attn, mean of 4 heads").contains("row 5 gets the most");

        // a click on the matrix's row 3 draws what row 3 attends to
        ImageView matrix = robot.lookup("#tryit-attention-image").queryAs(ImageView.class);
        var bounds = matrix.localToScreen(matrix.getBoundsInLocal());
        double cell = bounds.getHeight() / 28;
        robot.clickOn(bounds.getMinX() + 10, bounds.getMinY() + 3.5 * cell);
        assertThat(panel.model().tokenProperty().get()).isEqualTo(3);
        assertThat(robot.lookup("#tryit-token").queryComboBox().getValue()).isEqualTo("What row 3 attends to");
        assertThat(robot.lookup("#tryit-faithfulness").queryAs(Label.class).getText())
                .contains("what row 3 takes from each row; most from row 5");

        robot.interact(() -> robot.lookup("#tryit-head").queryComboBox().getSelectionModel().select("Head 1"));
        assertThat(process.last().path("head").asInt()).isEqualTo(1);
        assertThat(robot.lookup("#tryit-faithfulness").queryAs(Label.class).getText()).contains("head 1 of 4");
    }

    @Test
    void withoutSelfAttentionTheAttentionMethodIsGreyedAndSaysWhy(FxRobot robot) throws Exception {
        loaded(robot);
        robot.clickOn("#tryit-method");
        javafx.scene.control.ListCell<?> cell = robot.lookup(".list-cell").queryAllAs(javafx.scene.control.ListCell.class)
                .stream().filter(c -> c.getItem() == TryItModel.Method.ATTENTION).findFirst().orElseThrow();
        assertThat(cell.getTooltip().getText()).isEqualTo("This design has no self-attention layer: attention maps "
                + "need a Self-attention layer or a Transformer encoder block.");
        robot.clickOn(cell);
        assertThat(panel.model().methodProperty().get()).as("not chosen").isEqualTo(TryItModel.Method.GRADCAM);
    }

    @Test
    void aDrawingIsTriedAsA28By28Picture(FxRobot robot) throws Exception {
        loaded(robot);
        robot.drag("#tryit-pad").moveBy(30, 40).drop();
        var request = process.requests.stream().filter(r -> r.path("input").has("file")).reduce((a, b) -> b)
                .orElseThrow();
        Path png = Path.of(request.path("input").path("file").asText());
        var image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(28);
        assertThat(image.getHeight()).isEqualTo(28);
        assertThat(image.getType()).as("gray, so it is read without a colour note").isEqualTo(java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        assertThat(robot.lookup("#tryit-status").queryAs(Label.class).getText()).isEqualTo("Predicted drawing.");
    }

    @Test
    void aPasteWithoutAPictureSaysSo(FxRobot robot) throws Exception {
        loaded(robot);
        robot.interact(() -> javafx.scene.input.Clipboard.getSystemClipboard().setContent(
                java.util.Map.of(javafx.scene.input.DataFormat.PLAIN_TEXT, "words")));
        robot.clickOn("#tryit-paste");
        assertThat(robot.lookup("#tryit-status").queryAs(Label.class).getText())
                .isEqualTo("The clipboard holds no picture and no file: copy an image first.");
    }
}
