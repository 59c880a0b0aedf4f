package dev.netwright.app.runs;

import dev.netwright.app.training.RunFixtures;
import dev.netwright.app.training.RunList;
import dev.netwright.app.training.RunRecord;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
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

import static org.assertj.core.api.Assertions.assertThat;

/** The Runs panel: every run side by side, sortable, choosing runs for the other panels. */
@ExtendWith(ApplicationExtension.class)
class RunsPanelTest {
    @TempDir
    Path runs;
    private RunsPanel panel;
    private final List<List<RunRecord>> chosen = new ArrayList<>();

    @Start
    void start(Stage stage) {
        panel = new RunsPanel();
        panel.setOnChoose(chosen::add);
        stage.setScene(new Scene(panel, 1200, 300));
        stage.show();
    }

    private List<RunRecord> threeRuns() throws Exception {
        RunFixtures.finished(runs, "20261201-100000-000", 0.81);
        RunFixtures.finished(runs, "20261201-110000-000", 0.92);
        RunFixtures.stoppedInEpochTwo(runs, "20261201-120000-000");
        return RunList.list(runs);
    }

    @Test
    void eachRunIsARowWithItsSettingsAndResults(FxRobot robot) throws Exception {
        List<RunRecord> records = threeRuns();
        robot.interact(() -> panel.show(records));

        assertThat(panel.table().getItems()).extracting(RunComparison::name)
                .as("newest first, as the runs list").containsExactly("20261201-120000-000", "20261201-110000-000", "20261201-100000-000");
        RunComparison stopped = panel.table().getItems().get(0);
        assertThat(stopped.state()).isEqualTo("stopped");
        assertThat(stopped.epochs()).isEqualTo("1 of 1"); // one epoch ended; run.json asked for the default 1
        assertThat(stopped.bestValidation()).hasValue(0.734);
        assertThat(stopped.savedModel()).as("the saved model's evaluation, as the Evaluation panel shows").hasValue(0.747);
        assertThat(robot.lookup("Adam").tryQuery()).as("the optimizer is shown").isPresent();
    }

    @Test
    void clickingAHeaderSortsByThatColumnAsNumbers(FxRobot robot) throws Exception {
        List<RunRecord> records = threeRuns();
        robot.interact(() -> panel.show(records));

        robot.interact(() -> {
            TableColumn<RunComparison, ?> best = column("Best val. acc.");
            best.setSortType(TableColumn.SortType.DESCENDING);
            panel.table().getSortOrder().setAll(List.of(best));
        });
        assertThat(panel.table().getItems()).extracting(RunComparison::name)
                .containsExactly("20261201-110000-000", "20261201-100000-000", "20261201-120000-000");

        robot.interact(() -> panel.show(records)); // a refreshed list keeps the user's order
        assertThat(panel.table().getItems()).extracting(RunComparison::name).first().isEqualTo("20261201-110000-000");
    }

    @Test
    void theRunMenuActsOnOneRunWithASavedModel(FxRobot robot) throws Exception {
        List<RunRecord> records = threeRuns();
        List<RunRecord> continued = new ArrayList<>();
        robot.interact(() -> {
            panel.setOnContinueFrom(continued::add);
            panel.show(records);
        });

        robot.interact(() -> panel.table().getSelectionModel().selectAll());
        assertThat(panel.chosenWithModel()).as("two or more runs").isEmpty();
        robot.interact(() -> {
            panel.table().getSelectionModel().clearAndSelect(1);
            panel.runMenuItems().get(0).fire();
        });
        assertThat(panel.chosenWithModel()).isPresent();
        assertThat(continued).extracting(RunRecord::name).containsExactly("20261201-110000-000");
        robot.interact(() -> panel.table().getSelectionModel().clearAndSelect(0));
        assertThat(panel.chosenWithModel()).as("stopped after its first epoch: it saved a model").isPresent();
    }

    @Test
    void theRunsChosenInTheTableAreHandedOn(FxRobot robot) throws Exception {
        List<RunRecord> records = threeRuns();
        robot.interact(() -> panel.show(records));

        robot.clickOn("20261201-100000-000");
        robot.press(javafx.scene.input.KeyCode.SHIFT).clickOn("20261201-110000-000").release(javafx.scene.input.KeyCode.SHIFT);

        assertThat(chosen).isNotEmpty();
        assertThat(chosen.get(chosen.size() - 1)).extracting(RunRecord::name)
                .containsExactlyInAnyOrder("20261201-100000-000", "20261201-110000-000");
    }

    @SuppressWarnings("unchecked")
    private TableColumn<RunComparison, ?> column(String title) {
        return panel.table().getColumns().stream().filter(c -> c.getText().equals(title)).findFirst().orElseThrow();
    }
}
