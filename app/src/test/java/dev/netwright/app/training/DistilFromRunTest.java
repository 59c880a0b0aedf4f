package dev.netwright.app.training;

import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Distillation;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.samples.Samples;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Training panel's "Distil from run…" control (issue 19): choosing a teacher run, α and T go into the run and are
 * saved with the design as undoable edits; ✕ turns distillation off; a wrong α or T is refused by name.
 */
@ExtendWith(ApplicationExtension.class)
class DistilFromRunTest {
    @TempDir
    static Path runs;

    private TrainingForm form;
    private DesignDocument document;
    private final AtomicReference<File> chosen = new AtomicReference<>();

    @Start
    void start(Stage stage) {
        document = new DesignDocument(Samples.load("cnn"));
        form = new TrainingForm();
        new DesignTrainingSettings(form.model(), document);
        form.setTeacherChooser(owner -> chosen.get());
        stage.setScene(new Scene(new ScrollPane(form.view()), 760, 420));
        stage.show();
    }

    private Path teacher() {
        return runs.resolve("seed-cnn-teacher");
    }

    private void chooseTeacher(FxRobot robot) {
        chosen.set(teacher().toFile());
        robot.interact(() -> robot.lookup("#distil-from").queryAs(Button.class).fire());
    }

    private void type(FxRobot robot, String id, String text) {
        robot.interact(() -> robot.lookup(id).queryAs(TextField.class).setText(text));
    }

    private <T> T onFx(FxRobot robot, java.util.function.Supplier<T> value) {
        AtomicReference<T> result = new AtomicReference<>();
        robot.interact(() -> result.set(value.get()));
        return result.get();
    }

    @Test
    void withoutATeacherTheRunDoesNotDistilAndAlphaAndTAreOff(FxRobot robot) {
        assertThat(robot.lookup("#distil-teacher").queryAs(Label.class).getText()).isEqualTo("off");
        assertThat(robot.lookup("#distil-alpha").queryAs(TextField.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#distil-temperature").queryAs(TextField.class).isDisabled()).isTrue();
        assertThat(onFx(robot, () -> form.request(document.design(), "fashion-mnist").distillation())).isNull();
    }

    @Test
    void aChosenTeacherWithAlphaAndTGoesIntoTheRunAndIsSavedWithTheDesign(FxRobot robot) throws Exception {
        chooseTeacher(robot);
        type(robot, "#distil-alpha", "0.3");
        type(robot, "#distil-temperature", "2");

        Distillation expected = new Distillation(teacher().toString(), 0.3, 2);
        assertThat(robot.lookup("#distil-teacher").queryAs(Label.class).getText()).isEqualTo("seed-cnn-teacher");
        assertThat(robot.lookup("#distil-alpha").queryAs(TextField.class).isDisabled()).isFalse();
        assertThat(onFx(robot, () -> form.request(document.design(), "fashion-mnist").distillation()))
                .isEqualTo(expected);
        assertThat(document.design().training().orElseThrow().distillation()).isEqualTo(expected);
        assertThat(document.commands().undoDescriptionProperty().get()).isEqualTo("Set distillation T to 2");
        DesignJson json = new DesignJson();
        Design reopened = json.read(json.write(document.design()), "saved.json");
        assertThat(reopened.training().orElseThrow().distillation()).isEqualTo(expected);
    }

    @Test
    void undoGoesBackStepByStepToNoTeacher(FxRobot robot) {
        chooseTeacher(robot);
        type(robot, "#distil-alpha", "0.7");

        robot.interact(() -> document.commands().undo());
        assertThat(document.design().training().orElseThrow().distillation())
                .isEqualTo(new Distillation(teacher().toString(), 0.5, 4));
        assertThat(robot.lookup("#distil-alpha").queryAs(TextField.class).getText()).isEqualTo("0.5");
        robot.interact(() -> document.commands().undo());
        assertThat(document.design().training()).isEmpty();
        assertThat(robot.lookup("#distil-teacher").queryAs(Label.class).getText()).isEqualTo("off");
        assertThat(document.commands().dirtyProperty().get()).isFalse();
    }

    @Test
    void theClearButtonTurnsDistillationOff(FxRobot robot) {
        chooseTeacher(robot);
        robot.interact(() -> robot.lookup("#distil-off").queryAs(Button.class).fire());

        assertThat(robot.lookup("#distil-teacher").queryAs(Label.class).getText()).isEqualTo("off");
        assertThat(document.design().training()).isEmpty();
        assertThat(onFx(robot, () -> form.request(document.design(), "fashion-mnist").distillation())).isNull();
    }

    @Test
    void cancellingTheChooserChangesNothing(FxRobot robot) {
        chosen.set(null);
        robot.interact(() -> robot.lookup("#distil-from").queryAs(Button.class).fire());

        assertThat(document.commands().dirtyProperty().get()).isFalse();
        assertThat(robot.lookup("#distil-teacher").queryAs(Label.class).getText()).isEqualTo("off");
    }

    @Test
    void aTemperatureOfZeroOrAnAlphaOutsideZeroToOneIsRefusedByName(FxRobot robot) {
        chooseTeacher(robot);
        type(robot, "#distil-temperature", "0");

        assertThat(onFx(robot, () -> form.model().problem(document.design())))
                .hasValue("Distillation T must be a number above 0 and at most 100, such as 4, not '0'");
        assertThat(document.design().training().orElseThrow().distillation().temperature()).isEqualTo(4);
        type(robot, "#distil-temperature", "4");
        type(robot, "#distil-alpha", "1.5");
        assertThat(onFx(robot, () -> form.model().problem(document.design())))
                .hasValue("Distillation α must be a number from 0 to 1 (the labels' share of the loss), not '1.5'");
    }
}
