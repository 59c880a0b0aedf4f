package dev.netwright.app.experiments;

import dev.netwright.app.training.CommandLauncher;
import dev.netwright.charts.metrics.ParallelCoordinates;
import dev.netwright.runtime.sweep.Trial;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.netwright.app.experiments.ExperimentsModelTest.experiment;
import static dev.netwright.app.experiments.ExperimentsModelTest.trial;
import static dev.netwright.app.experiments.ExperimentsModelTest.write;
import static org.assertj.core.api.Assertions.assertThat;

/** The Experiments tab on a real (headless) stage: the trials table, its sorting, the chart and a double-click. */
@ExtendWith(ApplicationExtension.class)
class ExperimentsPanelTest {
    @TempDir
    static Path runsDir;
    private ExperimentsPanel panel;
    private final List<Path> shown = new ArrayList<>();

    @Start
    void start(Stage stage) {
        CommandLauncher none = (arguments, lines) -> {
            throw new AssertionError("no sweep starts in this test");
        };
        panel = new ExperimentsPanel(new ExperimentsModel(none, Runnable::run, Runnable::run, () -> runsDir,
                Optional::empty));
        panel.setOnShowTrial(shown::add);
        stage.setScene(new Scene(panel, 1000, 420));
        stage.show();
    }

    private void showExperiment(FxRobot robot) {
        write(runsDir.resolve("cnn-sweep-1"), experiment(trial(1, 0.001, 32, Trial.State.FINISHED, 0.81),
                trial(2, 0.01, 64, Trial.State.FINISHED, 0.86), trial(3, 0.001, 64, Trial.State.RUNNING, Double.NaN)));
        robot.interact(() -> panel.model().refresh());
    }

    @Test
    void everySettingsNameIsShownWhole(FxRobot robot) {
        robot.interact(() -> panel.getScene().getWindow().setWidth(900)); // narrower than the window's tab
        robot.interact(() -> panel.layout());

        List<Label> names = robot.lookup("#sweep-settings").queryAs(GridPane.class).getChildren().stream()
                .filter(Label.class::isInstance).map(Label.class::cast).toList();
        assertThat(names).extracting(Label::getText).contains("Training examples (0: all)", "Cluster");
        assertThat(names).allSatisfy(name -> assertThat(name.getWidth()).as(name.getText())
                .isGreaterThanOrEqualTo(name.prefWidth(-1) - 0.5));
    }

    @Test
    void withoutTrialsTheChartDrawsNoAxesAndWithTrialsOneAxisPerDimensionAndTheScore(FxRobot robot) {
        robot.interact(() -> panel.chart().show(ParallelCoordinates.of(List.of("lr"), List.of(), "best val. acc.")));
        assertThat(panel.chart().axisNames()).isEmpty();

        showExperiment(robot);

        assertThat(panel.chart().axisNames()).containsExactly("lr", "batch", "best val. acc.");
    }

    @Test
    void theTrialsHaveAColumnPerDimensionAndALinePerTrialWithTheBestDrawnLast(FxRobot robot) {
        System.gc(); // the chart's listener must outlive a collection (it once hung on a view nobody kept)
        showExperiment(robot);

        assertThat(panel.table().getColumns()).extracting(TableColumn::getText)
                .contains("Trial", "State", "lr", "batch", "Epochs", "Best val. acc.", "Val. loss", "Time (s)");
        assertThat(panel.table().getItems()).hasSize(3);
        assertThat(panel.chart().lineLabels()).hasSize(3).last().isEqualTo("trial-002");
        assertThat(panel.chart().tickLabels()).contains("0.001", "0.01", "32", "64", "0.81", "0.86");
        assertThat(robot.lookup("running").tryQuery()).as("the running trial's state is shown").isPresent();
        assertThat(robot.lookup("#resume-sweep").queryButton().isDisabled()).as("a trial has not ended").isFalse();
    }

    @Test
    void aClickOnTheAccuracyHeaderSortsTheTrialsByIt(FxRobot robot) {
        showExperiment(robot);
        TableColumn<Trial, ?> accuracy = panel.table().getColumns().stream()
                .filter(c -> c.getText().equals("Best val. acc.")).findFirst().orElseThrow();

        robot.interact(() -> {
            accuracy.setSortType(TableColumn.SortType.DESCENDING);
            panel.table().getSortOrder().setAll(List.of(accuracy));
        });

        assertThat(panel.table().getItems()).extracting(Trial::id).containsExactly("trial-002", "trial-001", "trial-003");
    }

    @Test
    void anExperimentThatHasEndedCannotBeResumed(FxRobot robot) {
        write(runsDir.resolve("cnn-sweep-0"), experiment(trial(1, 0.001, 32, Trial.State.FINISHED, 0.81)));
        robot.interact(() -> panel.model().refresh());
        robot.interact(() -> panel.model().chosenProperty().set(panel.model().experiments().stream()
                .filter(e -> e.dir().getFileName().toString().equals("cnn-sweep-0")).findFirst().orElseThrow()));

        assertThat(robot.lookup("#resume-sweep").queryButton().isDisabled()).isTrue();
    }

    @Test
    void doubleClickingATrialShowsItsRun(FxRobot robot) {
        showExperiment(robot);

        robot.doubleClickOn("trial-002");

        assertThat(shown).containsExactly(runsDir.resolve("cnn-sweep-1").resolve("trial-002"));
    }

    @Test
    void theChosenExperimentShowsItsClusterAndWhyItStoppedThere(FxRobot robot) {
        // named to sort after cnn-sweep-1 should both be written in the same millisecond (the others choose that one)
        write(runsDir.resolve("cnn-sweep-0-cluster"), experiment(trial(1, 0.001, 32, Trial.State.PENDING, Double.NaN))
                .onCluster("spark://master-host:7077")
                .withProblem("Cannot reach the Spark master spark://master-host:7077: Connection refused"));
        robot.interact(() -> panel.model().refresh());
        robot.interact(() -> panel.model().chosenProperty().set(panel.model().experiments().stream()
                .filter(e -> e.dir().getFileName().toString().equals("cnn-sweep-0-cluster")).findFirst().orElseThrow()));

        assertThat(robot.lookup("#experiment-place").queryLabeled().getText()).isEqualTo("Trained on "
                + "spark://master-host:7077 · stopped: Cannot reach the Spark master spark://master-host:7077: "
                + "Connection refused");
        assertThat(robot.lookup("#experiment-place").queryLabeled().isVisible()).isTrue();
    }

    @Test
    void aMalformedClusterDisablesStartAndTheProblemSaysWhatToType(FxRobot robot) {
        robot.interact(() -> panel.model().paramsProperty().set("lr=1e-4..1e-2:log"));

        robot.interact(() -> robot.lookup("#sweep-cluster").queryAs(TextField.class).setText("spark:/master-host"));

        assertThat(robot.lookup("#start-sweep").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#sweep-problem").queryLabeled().getText())
                .startsWith("Cluster 'spark:/master-host' is not a Spark master URL Netwright takes: use spark://HOST:PORT");
        robot.interact(() -> panel.model().clusterProperty().set("local[2]"));
        assertThat(robot.lookup("#start-sweep").queryButton().isDisabled()).isFalse();
    }

    @Test
    void startIsDisabledUntilTheSettingsAreRightAndTheProblemSaysWhy(FxRobot robot) {
        assertThat(robot.lookup("#start-sweep").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#sweep-problem").queryLabeled().getText()).startsWith("Add a dimension to sweep");
        assertThat(robot.lookup("#sweep-problem").queryLabeled().getTextFill())
                .as("nothing typed yet: a hint, not an error")
                .isEqualTo(javafx.scene.paint.Color.web(ExperimentsPanel.HINT));

        robot.interact(() -> panel.model().paramsProperty().set("lr"));
        assertThat(robot.lookup("#sweep-problem").queryLabeled().getTextFill()).as("a wrong dimension is an error")
                .isEqualTo(javafx.scene.paint.Color.web(ExperimentsPanel.ERROR));

        robot.interact(() -> panel.model().paramsProperty().set("lr=1e-4..1e-2:log"));

        assertThat(robot.lookup("#start-sweep").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#sweep-problem").queryLabeled().isVisible()).isFalse();
    }
}
