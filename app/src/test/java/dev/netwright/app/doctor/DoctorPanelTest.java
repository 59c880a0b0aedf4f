package dev.netwright.app.doctor;

import dev.netwright.runtime.train.TrainingEvent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Doctor tab: a run's findings as they arrive, cleared by the next run, and a finished run's recorded ones. */
@ExtendWith(ApplicationExtension.class)
class DoctorPanelTest {
    private DoctorPanel panel;

    @Start
    void start(Stage stage) {
        panel = new DoctorPanel(new DoctorModel());
        stage.setScene(new Scene(panel, 800, 300));
        stage.show();
    }

    static TrainingEvent.Finding tooHigh() {
        return new TrainingEvent.Finding("learning-rate-too-high", null, "The learning rate (10) is too high.",
                Map.of("updateRatio", 5.0), List.of(new TrainingEvent.Action("set-setting", null, "learningRate", "0.01",
                "Set the learning rate to 0.01.")), 1, 4);
    }

    static TrainingEvent.Finding dead() {
        return new TrainingEvent.Finding("dead-units", "dense", "Dead ReLUs in dense.", Map.of("deadShare", 1.0),
                List.of(), 2, 20);
    }

    static TrainingEvent started() {
        return new TrainingEvent.RunStarted("CPU", "cpu", 100, 10, 5, 1, 3, 32, "data");
    }

    @Test
    void findingsOfTheRunningRunAppearAsTheyArriveWithWhatToTry(FxRobot robot) {
        assertThat(panel.model().headingProperty().get()).isEqualTo(DoctorModel.NO_RUN);
        robot.interact(() -> panel.model().accept(List.of(started(),
                new TrainingEvent.Iteration(1, 4, 9.0, 10, 100), tooHigh())));

        assertThat(panel.list().getItems()).containsExactly(tooHigh());
        assertThat(robot.lookup("#doctor-heading").queryLabeled().getText()).isEqualTo("1 finding in this run.");
        assertThat(robot.lookup("Learning rate too high · epoch 1, iteration 4").tryQuery()).isPresent();
        assertThat(robot.lookup("Try: Set the learning rate to 0.01.").tryQuery()).isPresent();

        robot.interact(() -> panel.model().accept(List.of(dead())));
        assertThat(panel.list().getItems()).containsExactly(tooHigh(), dead());
        assertThat(robot.lookup("Dead units · node dense · epoch 2, iteration 20").tryQuery()).isPresent();
    }

    @Test
    void aNewRunStartsWithAnEmptyList(FxRobot robot) {
        robot.interact(() -> panel.model().accept(List.of(started(), tooHigh())));
        robot.interact(() -> panel.model().accept(List.of(started())));

        assertThat(panel.list().getItems()).isEmpty();
        assertThat(panel.model().headingProperty().get()).isEqualTo(DoctorModel.WATCHING);
    }

    @Test
    void aFinishedRunShowsWhatItRecordedOrThatNothingWasWrong(FxRobot robot) {
        robot.interact(() -> panel.model().showRun("run-1", List.of(dead())));
        assertThat(panel.list().getItems()).containsExactly(dead());
        assertThat(panel.model().headingProperty().get()).isEqualTo("1 finding in run-1.");

        robot.interact(() -> panel.model().showRun("run-2", List.of()));
        assertThat(panel.list().getItems()).isEmpty();
        assertThat(panel.model().headingProperty().get()).isEqualTo("The doctor found nothing wrong in run-2.");
    }
}
