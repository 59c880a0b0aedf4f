package dev.netwright.app.window;

import dev.netwright.app.training.RunFixtures;
import dev.netwright.app.training.RunRecord;
import dev.netwright.runtime.train.RunFolder;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static dev.netwright.app.window.WindowTestSupport.onFx;
import static dev.netwright.app.window.WindowTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/** The Evaluation panel of a reopened design and of the runs chosen in its runs list (issue 15, defect 4). */
@ExtendWith(ApplicationExtension.class)
class EvaluationWindowTest {
    private Path home;
    private MainWindow window;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();

    @Start
    void start(Stage stage) throws Exception {
        home = WindowTestSupport.freshHome();
        window = WindowTestSupport.window(stage, home, dialogs);
    }

    /** Saves the CNN sample, gives it runs on disk as the worker leaves them, and opens it again. */
    private Workspace reopenedWithRuns(Path file, RunsWriter runs) throws Exception {
        dialogs.saveAnswer = file;
        onFx(() -> window.openSample("cnn"));
        assertThat(onFx(window::save)).isTrue();
        Path runsDir = onFx(() -> window.workspace().orElseThrow().runsDir());
        assertThat(runsDir.getParent()).isEqualTo(file.getParent());
        onFx(window::showStart);
        runs.write(runsDir);
        onFx(() -> window.openFile(file));
        return onFx(() -> window.workspace().orElseThrow());
    }

    private interface RunsWriter {
        void write(Path runsDir) throws Exception;
    }

    /** The line above the matrix (the panel's label is bound to it; EvaluationPanelTest reads the label). */
    private String summary(Workspace w) throws Exception {
        return onFx(() -> w.evaluationPanel().model().summaryProperty().get());
    }

    @Test
    void theRunsPanelListsTheRunsAndARunChosenThereIsTheTrainingPanelsAndIsEvaluated(FxRobot robot) throws Exception {
        Path[] older = new Path[1];
        Workspace w = reopenedWithRuns(home.resolve("runs.netwright.json"), runsDir -> {
            older[0] = RunFixtures.finished(runsDir, "20260101-000000-000", 0.625);
            RunFixtures.stoppedInEpochTwo(runsDir, "20260102-000000-000");
        });
        waitFor(Duration.ofSeconds(20), "the runs in the Runs panel", () -> w.runsPanel().table().getItems().size() == 2);

        onFx(() -> {
            w.showTab("runs-tab");
            var rows = w.runsPanel().table();
            rows.getSelectionModel().select(rows.getItems().stream().filter(r -> r.run().dir().equals(older[0])).findFirst().orElseThrow());
        });

        assertThat(onFx(() -> w.trainingPanel().runsTable().getSelectionModel().getSelectedItems()))
                .extracting(RunRecord::dir).containsExactly(older[0]);
        waitFor(Duration.ofSeconds(20), "the chosen run's evaluation", () -> w.evaluationPanel().evaluation() != null
                && w.evaluationPanel().evaluation().accuracy() == 0.625);
    }

    @Test
    void aReopenedDesignShowsItsNewestEvaluationAndAChosenRunShowsItsOwn(FxRobot robot) throws Exception {
        Path[] older = new Path[1];
        Workspace w = reopenedWithRuns(home.resolve("cnn.netwright.json"), runsDir -> {
            older[0] = RunFixtures.finished(runsDir, "20260101-000000-000", 0.625);
            RunFixtures.stoppedInEpochTwo(runsDir, "20260102-000000-000");
        });

        waitFor(Duration.ofSeconds(20), "the newest run's evaluation", () -> w.evaluationPanel().evaluation() != null);
        assertThat(summary(w)).isEqualTo("Validation accuracy 0.747 on 8 samples, 1 misclassified (epoch 2, last model)");
        TableView<RunRecord> table = w.trainingPanel().runsTable();
        assertThat(onFx(() -> table.getItems().get(0).result())).isEqualTo("acc 0.747, epoch 2, last model (stopped)");

        onFx(() -> {
            w.showTab("training-tab");
            table.getSelectionModel().select(1);
        });

        assertThat(onFx(() -> table.getItems().get(1).dir())).isEqualTo(older[0]);
        assertThat(onFx(() -> w.evaluationPanel().evaluation().accuracy())).isEqualTo(0.625);
        assertThat(onFx(() -> ((javafx.scene.control.TabPane) w.getItems().get(1)).getSelectionModel().getSelectedItem().getId()))
                .as("choosing a run keeps the Training panel in view").isEqualTo("training-tab");
        assertThat(summary(w)).isEqualTo("Validation accuracy 0.625 on 8 samples, 1 misclassified (epoch 1, last model)");
    }

    @Test
    void aChosenRunWithADamagedEvaluationFileSaysSoAndNamesTheFile(FxRobot robot) throws Exception {
        Path[] damaged = new Path[1];
        Workspace w = reopenedWithRuns(home.resolve("cnn.netwright.json"), runsDir -> {
            damaged[0] = RunFixtures.finished(runsDir, "20260101-000000-000", 0.625).resolve(RunFolder.EVALUATION);
            Files.writeString(damaged[0], "{\"type\":\"evalu");
        });
        waitFor(Duration.ofSeconds(20), "the runs list", () -> w.trainingPanel().runsTable().getItems().size() == 1);

        onFx(() -> w.trainingPanel().runsTable().getSelectionModel().select(0));

        assertThat(summary(w)).startsWith("Run 20260101-000000-000 has no evaluation: its file " + damaged[0] + " is damaged");
        assertThat(onFx(() -> w.evaluationPanel().evaluation())).isNull();
    }
}
