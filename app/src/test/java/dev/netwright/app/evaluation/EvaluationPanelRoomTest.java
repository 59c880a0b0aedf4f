package dev.netwright.app.evaluation;

import dev.netwright.runtime.train.TrainingEvent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Ten classes in a panel as short as the window's dock: the matrix's rows keep room for their labels (issue 15, defect 10). */
@ExtendWith(ApplicationExtension.class)
class EvaluationPanelRoomTest {
    private static final int CLASSES = 10;
    private EvaluationPanel panel;

    private static TrainingEvent.Evaluation tenClasses() {
        int[][] confusion = new int[CLASSES][CLASSES];
        List<String> names = new ArrayList<>();
        double[] figures = new double[CLASSES];
        for (int i = 0; i < CLASSES; i++) {
            confusion[i][i] = 90;
            confusion[i][(i + 1) % CLASSES] = 10;
            names.add("class " + i);
            figures[i] = 0.9;
        }
        return new TrainingEvent.Evaluation(1, 0.9, names, confusion, figures, figures, figures, List.of(), List.of(),
                TrainingEvent.Evaluation.LAST);
    }

    @Start
    void start(Stage stage) {
        panel = new EvaluationPanel(new EvaluationModel());
        panel.model().show(tenClasses());
        stage.setScene(new Scene(panel, 1400, 330)); // the dock's height in a 1472x920 window
        stage.show();
    }

    @Test
    void eachRowOfTheMatrixIsAtLeastAsTallAsItsLabel(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> panel.matrix().viewer().getRenderingInfo() != null);
        robot.interact(() -> { });

        double rows = WaitForAsyncUtils.asyncFx(() ->
                panel.matrix().viewer().getRenderingInfo().getPlotInfo().getDataArea().getHeight() / CLASSES).get();
        assertThat(rows).as("px per row (11-point labels)").isGreaterThanOrEqualTo(EvaluationPanel.MIN_ROW_HEIGHT);
    }

    @Test
    void thePanelStopsShrinkingBeforeTheRowsGetTooShort(FxRobot robot) throws Exception {
        double least = WaitForAsyncUtils.asyncFx(() -> panel.minHeight(-1)).get();

        assertThat(least).isGreaterThanOrEqualTo(EvaluationPanel.MATRIX_MARGINS + EvaluationPanel.MIN_ROW_HEIGHT * CLASSES);
    }
}
