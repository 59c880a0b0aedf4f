package dev.netwright.app.window;

import dev.netwright.app.files.ProjectFiles;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;

import static dev.netwright.app.window.WindowTestSupport.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training settings are part of the design (issue 15, defect 5: 3 epochs came back as 1, and changing a setting
 * left the design "saved"): a change marks it unsaved and is undone like any edit; saving and opening it again
 * brings the values back.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingSettingsWindowTest {
    private Stage stage;
    private Path home;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        home = WindowTestSupport.freshHome();
        ScriptedDialogs dialogs = new ScriptedDialogs();
        dialogs.saveAnswer = home.resolve("three epochs.netwright.json");
        window = WindowTestSupport.window(stage, home, dialogs);
    }

    @Test
    void changingASettingMarksTheDesignUnsavedAndUndoTakesItBack(FxRobot robot) throws Exception {
        onFx(() -> window.openSample("cnn"));
        assertThat(onFx(() -> window.isDirty())).isFalse();

        robot.interact(() -> epochs(robot).getValueFactory().setValue(3));

        assertThat(onFx(() -> window.isDirty())).isTrue();
        assertThat(onFx(() -> stage.getTitle())).contains("\u2022");
        assertThat(onFx(() -> window.workspace().orElseThrow().document().commands().undoDescriptionProperty().get()))
                .isEqualTo("Set epochs to 3");

        robot.interact(() -> window.workspace().orElseThrow().document().commands().undo());

        assertThat(onFx(() -> epochs(robot).getValue())).isEqualTo(1);
        assertThat(onFx(() -> window.isDirty())).isFalse();
    }

    @Test
    void anAugmentationTypedInTheFormIsAnUndoableEditThatMarksTheDesignUnsaved(FxRobot robot) throws Exception {
        onFx(() -> window.openSample("cnn"));

        robot.interact(() -> augmentation(robot).setText("shift=2,flip"));

        assertThat(onFx(() -> window.isDirty())).isTrue();
        assertThat(onFx(() -> window.workspace().orElseThrow().document().design().training().orElseThrow()
                .augmentation().spec())).isEqualTo("shift=2,flip");
        assertThat(onFx(() -> window.workspace().orElseThrow().document().commands().undoDescriptionProperty().get()))
                .isEqualTo("Set augmentation to shift=2,flip");

        robot.interact(() -> window.workspace().orElseThrow().document().commands().undo());

        assertThat(onFx(() -> augmentation(robot).getText())).isEqualTo("none");
        assertThat(onFx(() -> window.isDirty())).isFalse();
    }

    @Test
    void savedSettingsComeBackWhenTheDesignIsOpenedAgain(FxRobot robot) throws Exception {
        onFx(() -> window.openSample("cnn"));
        robot.interact(() -> {
            epochs(robot).getValueFactory().setValue(3);
            learningRate(robot).setText("0.01");
        });
        assertThat(onFx(window::save)).isTrue();
        assertThat(onFx(() -> window.isDirty())).isFalse();
        Path file = onFx(() -> window.workspace().orElseThrow().file());

        onFx(window::showStart);
        onFx(() -> window.openFile(file));

        assertThat(onFx(() -> epochs(robot).getValue())).isEqualTo(3);
        assertThat(onFx(() -> learningRate(robot).getText())).isEqualTo("0.01");
        assertThat(new ProjectFiles().open(file).training().orElseThrow().epochs()).isEqualTo(3);
        assertThat(onFx(() -> window.isDirty())).as("opening shows the values without an edit").isFalse();
    }

    @SuppressWarnings("unchecked")
    private static Spinner<Integer> epochs(FxRobot robot) {
        return robot.lookup("#epochs").queryAs(Spinner.class);
    }

    private static TextField augmentation(FxRobot robot) {
        return robot.lookup("#augmentation").queryAs(TextField.class);
    }

    private static TextField learningRate(FxRobot robot) {
        return robot.lookup("#learning-rate").queryAs(TextField.class);
    }
}
