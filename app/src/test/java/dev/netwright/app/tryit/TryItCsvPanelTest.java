package dev.netwright.app.tryit;

import dev.netwright.app.training.RunRecord;
import dev.netwright.charts.metrics.RunMetrics;
import dev.netwright.runtime.train.RunFolder;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Try it panel for a design trained on CSV rows, on a headless stage, with a process that answers at once. */
@ExtendWith(ApplicationExtension.class)
class TryItCsvPanelTest {
    @TempDir
    static Path runsDir;
    private final FakeProcess process = new FakeProcess();
    private TryItPanel panel;

    @Start
    void start(Stage stage) {
        process.answerer = request -> {
            long id = request.path("id").asLong();
            JsonRow typed = new JsonRow(request.path("input").path("row"));
            switch (request.path("op").asText()) {
                case "predict" -> process.reply(typed.hasBad() ? "{\"id\":" + id + ",\"type\":\"error\",\"message\":"
                        + "\"Column 'height': 'tall' is not a number\"}"
                        : FakeProcess.rowReply(id, "prediction", typed.orElse("41,1.75,80")));
                case "explain" -> process.reply(FakeProcess.rowExplanation(id, "0.05,-0.1,0.45", 0.3));
                default -> { }
            }
        };
        panel = new TryItPanel(new TryItModel(process, Runnable::run, Runnable::run));
        stage.setScene(new Scene(panel, 1250, 720));
        stage.show();
    }

    /** A typed row in a request: its values joined, and whether one is no number. */
    private record JsonRow(com.fasterxml.jackson.databind.JsonNode row) {
        boolean hasBad() {
            for (var v : row) {
                if (!v.asText().matches("-?[0-9.]+")) {
                    return true;
                }
            }
            return false;
        }

        String orElse(String otherwise) {
            if (row.isMissingNode()) {
                return otherwise;
            }
            StringBuilder joined = new StringBuilder();
            row.forEach(v -> joined.append(joined.length() == 0 ? "" : ",").append(v.asText()));
            return joined.toString();
        }
    }

    private void loaded(FxRobot robot) throws Exception {
        Path dir = Files.createDirectories(runsDir.resolve("run-1"));
        Files.writeString(new RunFolder(dir).model(), "not read by the panel");
        RunRecord run = new RunRecord(dir, null, new RunMetrics());
        robot.interact(() -> {
            panel.model().showRuns(List.of(run));
            process.reply(FakeProcess.READY_ROWS);
        });
    }

    @Test
    void theRowIsATableOfNamedFeaturesFilledByASampleAndEditedToPredict(FxRobot robot) throws Exception {
        loaded(robot);
        assertThat(robot.lookup("#tryit-row").query().isVisible()).isTrue();
        assertThat(robot.lookup("#tryit-paste").query().isVisible()).as("no picture to paste").isFalse();
        assertThat(robot.lookup("#tryit-open").queryAs(javafx.scene.control.Button.class).getText()).isEqualTo("Open CSV…");
        assertThat(robot.lookup("#tryit-row .label").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("Feature", "Value", "age", "height", "weight");

        robot.clickOn("#tryit-try-sample");
        assertThat(robot.lookup("#tryit-feature-2").queryAs(TextField.class).getText()).isEqualTo("80");

        robot.clickOn("#tryit-feature-1").push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A).write("tall");
        robot.clickOn("#tryit-predict-row");
        assertThat(robot.lookup("#tryit-status").queryAs(Label.class).getText())
                .isEqualTo("Column 'height': 'tall' is not a number");

        robot.clickOn("#tryit-feature-1").push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A).write("1.9");
        robot.clickOn("#tryit-predict-row");
        assertThat(process.last().path("input").path("row").get(1).asText()).isEqualTo("1.9");
        assertThat(robot.lookup(".tryit-bar-name").queryAllAs(Label.class)).extracting(Label::getText)
                .startsWith("yes (true)");
    }

    @Test
    void shapIsDrawnAsABarPerFeatureLargestFirstInsteadOfAMap(FxRobot robot) throws Exception {
        loaded(robot);
        robot.clickOn("#tryit-try-sample");
        assertThat(panel.model().methodProperty().get()).isEqualTo(TryItModel.Method.SHAP);
        assertThat(robot.lookup("#tryit-baseline").queryComboBox().getItems()).as("a row has nothing to blur")
                .containsExactly(dev.netwright.runtime.explain.Baseline.BLACK, dev.netwright.runtime.explain.Baseline.MEAN);
        assertThat(robot.lookup("#tryit-baseline").queryComboBox().getValue())
                .isEqualTo(dev.netwright.runtime.explain.Baseline.MEAN);
        assertThat(robot.lookup("#tryit-segments").tryQuery()).as("a row's segments are its features").isEmpty();
        robot.clickOn("#tryit-explain");
        assertThat(process.last().path("baseline").asText()).isEqualTo("mean");
        assertThat(robot.lookup("#tryit-feature-chart").query().isVisible()).isTrue();
        assertThat(panel.featureChart().bars()).containsExactly("weight", "height", "age");
        assertThat(panel.featureChart().summary()).startsWith("E[f] 0.300 → f(x) 0.700");
        assertThat(panel.featureChart().chart().getTitle().getText()).isEqualTo("KernelSHAP for yes");
    }
}
