package dev.netwright.app.evaluation;

import dev.netwright.charts.fx.ConfusionMatrixChart;
import dev.netwright.runtime.train.TrainingEvent;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Evaluation panel in a window: clicking the confusion matrix's cells (issue 15, defect 9). */
@ExtendWith(ApplicationExtension.class)
class EvaluationPanelTest {
    private static final ConfusionMatrixChart.Cell CORRECT_A = new ConfusionMatrixChart.Cell(0, 0);
    private static final ConfusionMatrixChart.Cell A_AS_B = new ConfusionMatrixChart.Cell(0, 1);

    private EvaluationPanel panel;

    /** 4 "a" (3 right, one taken for "b"), 4 "b" (all right). */
    static TrainingEvent.Evaluation evaluation() {
        return new TrainingEvent.Evaluation(2, 0.875, List.of("a", "b"), new int[][] {{3, 1}, {0, 4}},
                new double[] {1, 0.8}, new double[] {0.75, 1}, new double[] {0.86, 0.89},
                List.of(new TrainingEvent.Misclassified(1, 0, 1, 0.6)),
                List.of(new TrainingEvent.Misclassified(0, 0, 0, 0.7), new TrainingEvent.Misclassified(2, 0, 0, 0.9),
                        new TrainingEvent.Misclassified(3, 0, 0, 0.8), new TrainingEvent.Misclassified(4, 1, 1, 0.9),
                        new TrainingEvent.Misclassified(5, 1, 1, 0.9), new TrainingEvent.Misclassified(6, 1, 1, 0.9),
                        new TrainingEvent.Misclassified(7, 1, 1, 0.9)),
                TrainingEvent.Evaluation.LAST);
    }

    @Start
    void start(Stage stage) {
        panel = new EvaluationPanel(new EvaluationModel());
        panel.model().show(evaluation());
        stage.setScene(new Scene(panel, 900, 640));
        stage.show();
    }

    private void click(FxRobot robot, ConfusionMatrixChart.Cell cell) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> panel.matrix().centreOf(cell).isPresent());
        Point2D onScreen = WaitForAsyncUtils.asyncFx(() -> panel.matrix().viewer()
                .localToScreen(panel.matrix().centreOf(cell).orElseThrow())).get();
        robot.clickOn(onScreen);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String header(FxRobot robot) {
        return robot.lookup("#gallery-header").queryAs(Label.class).getText();
    }

    @Test
    void clickingADiagonalCellListsTheCorrectlyClassifiedSamplesOfItsClass(FxRobot robot) throws Exception {
        click(robot, CORRECT_A);

        assertThat(panel.gallery().shown()).extracting(TrainingEvent.Misclassified::index).containsExactly(2, 3, 0);
        assertThat(header(robot)).isEqualTo("True a, predicted a (correct): 3");
        assertThat(robot.lookup(".gallery-tile").queryAll()).hasSize(3);
    }

    @Test
    void clickingAnOffDiagonalCellListsItsMistakes(FxRobot robot) throws Exception {
        click(robot, A_AS_B);

        assertThat(panel.gallery().shown()).containsExactly(new TrainingEvent.Misclassified(1, 0, 1, 0.6));
        assertThat(header(robot)).isEqualTo("True a, predicted b: 1");
    }

    @Test
    void theClickedCellIsHighlightedUntilAnotherIsClicked(FxRobot robot) throws Exception {
        assertThat(panel.matrix().selected()).isEmpty();

        click(robot, CORRECT_A);
        assertThat(panel.matrix().selected()).contains(CORRECT_A);
        assertThat(panel.matrix().isSelectionDrawn()).isTrue();

        click(robot, A_AS_B);
        assertThat(panel.matrix().selected()).contains(A_AS_B);
        assertThat(panel.matrix().isSelectionDrawn()).isTrue();
        assertThat(panel.matrix().chart().getXYPlot().getAnnotations())
                .as("one border: the first cell's is gone")
                .filteredOn(a -> a instanceof org.jfree.chart.annotations.XYShapeAnnotation).hasSize(1);
    }

    @Test
    void anotherEvaluationClearsTheSelection(FxRobot robot) throws Exception {
        click(robot, A_AS_B);

        robot.interact(() -> panel.model().show(evaluation()));

        assertThat(panel.matrix().selected()).isEmpty();
        assertThat(panel.matrix().isSelectionDrawn()).isFalse();
        assertThat(header(robot)).isEqualTo("All misclassified validation samples: 1");
    }

    @Test
    void noEvaluationEmptiesThePanelAndSaysWhy(FxRobot robot) {
        robot.interact(() -> panel.model().showNone("Run r has no evaluation: it failed (out of memory)."));

        assertThat(robot.lookup("#evaluation-summary").queryAs(Label.class).getText())
                .isEqualTo("Run r has no evaluation: it failed (out of memory).");
        assertThat(panel.perClass().view().getItems()).isEmpty();
        assertThat(panel.gallery().shown()).isEmpty();
        assertThat(panel.matrix().centreOf(CORRECT_A)).isEmpty();
    }
}
