package dev.netwright.app.compress;

import dev.netwright.app.training.CommandLauncher;
import dev.netwright.app.training.EndedCommand;
import dev.netwright.app.training.RunRecord;
import dev.netwright.runtime.compress.CompressionReport;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Compress panel on a headless stage, with a launcher that writes what `netwright compress` would. */
@ExtendWith(ApplicationExtension.class)
class CompressPanelTest {
    @TempDir
    static Path runsDir;
    private CompressPanel panel;

    @Start
    void start(Stage stage) {
        CommandLauncher launcher = (arguments, lines) -> {
            boolean quantise = arguments.contains("--quantise");
            boolean distil = arguments.contains("--distil");
            String name = Path.of(arguments.get(1)).getFileName() + (distil ? "-distil" : quantise ? "-int8" : "-prune");
            CompressFixtures.compressed(runsDir, name, Path.of(arguments.get(1)), distil ? "distil"
                    : quantise ? CompressionReport.QUANTISE_INT8 : CompressionReport.PRUNE, 0.9,
                    distil ? 0.8712 : quantise ? 0.8867 : 0.8801, distil ? 80_000 : quantise ? 107_160 : 56_543);
            lines.accept("done");
            return EndedCommand.withExitCode(0);
        };
        panel = new CompressPanel(new CompressModel(launcher, Runnable::run, Runnable::run, () -> runsDir));
        stage.setScene(new Scene(panel, 1200, 760)); // the settings whole, without scrolling
        stage.show();
    }

    @Test
    void distillingAsksForAStudentAndPassesItOn(FxRobot robot) throws Exception {
        RunRecord run = CompressFixtures.run(runsDir, "run-2");
        robot.interact(() -> {
            panel.model().showRuns(List.of(run));
            panel.setStudentChooser(owner -> runsDir.resolve("small-cnn.json").toFile());
        });
        robot.clickOn("#compress-distil");
        Label problem = robot.lookup("#compress-problem").queryAs(Label.class);
        assertThat(problem.getText()).startsWith("Choose the student design");
        assertThat(robot.lookup("#compress-start").queryButton().isDisabled()).isTrue();

        robot.clickOn("#compress-choose-student");
        assertThat(robot.lookup("#compress-student").queryAs(Label.class).getText()).isEqualTo("small-cnn.json");
        robot.clickOn("#compress-start");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(panel.chart().pointLabels()).containsExactly("original", "distil into small-cnn.json (α 0.5, T 4.0)");
    }

    @Test
    void badSettingsAreNamedAndCompressWaitsForGoodOnes(FxRobot robot) throws Exception {
        RunRecord run = CompressFixtures.run(runsDir, "run-0");
        robot.interact(() -> panel.model().showRuns(List.of(run)));
        Button compress = robot.lookup("#compress-start").queryButton();
        assertThat(compress.isDisabled()).isFalse();

        robot.clickOn("#compress-sparsity").eraseText(3).write("1.2");
        WaitForAsyncUtils.waitForFxEvents();

        Label problem = robot.lookup("#compress-problem").queryAs(Label.class);
        assertThat(problem.isVisible()).isTrue();
        assertThat(problem.getText()).contains("above 0 and below 1", "not 1.2");
        assertThat(compress.isDisabled()).isTrue();
    }

    @Test
    void eachCompressionBecomesARowAndAPointWithTheParetoFront(FxRobot robot) throws Exception {
        RunRecord run = CompressFixtures.run(runsDir, "run-1");
        robot.interact(() -> panel.model().showRuns(List.of(run)));

        robot.clickOn("#compress-start");
        robot.clickOn("#compress-quantise");
        robot.clickOn("#compress-start");
        WaitForAsyncUtils.waitForFxEvents();

        @SuppressWarnings("unchecked")
        TableView<Variant> table = robot.lookup("#compress-variants").queryAs(TableView.class);
        assertThat(table.getItems()).extracting(Variant::name).containsExactly("run-1", "run-1-prune", "run-1-int8");
        assertThat(panel.chart().pointLabels())
                .containsExactly("original", "prune 90% layer, 1 epoch", "int8 (500 calibration)");
        assertThat(panel.chart().frontLabels()).as("cheapest first; the original is beaten by int8 on both")
                .containsExactly("prune 90% layer, 1 epoch", "int8 (500 calibration)");
        assertThat(robot.lookup("#compress-message").queryAs(Label.class).getText()).startsWith("Done: int8");
        assertThat(cellTexts(table, "Parameters")).containsExactly("93,322", "93,322", "93,322");
        assertThat(cellTexts(table, "Non-zeros")).as("the original's counts too").containsExactly("93,310", "9,500",
                "9,500");

        robot.clickOn("#compress-by-latency");
        assertThat(panel.cost()).isEqualTo(dev.netwright.charts.metrics.TradeOff.Cost.LATENCY);
        assertThat(panel.chart().frontLabels()).as("the fixtures' latencies: 0.12 ms each, the original 0.10; "
                + "int8 is a little more accurate than the original").containsExactly("original", "int8 (500 calibration)");
    }

    private static List<String> cellTexts(TableView<Variant> table, String title) {
        var column = table.getColumns().stream().filter(c -> c.getText().equals(title)).findFirst().orElseThrow();
        return table.getItems().stream().map(v -> String.valueOf(column.getCellObservableValue(v).getValue())).toList();
    }
}
