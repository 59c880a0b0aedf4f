package dev.netwright.app.training;

import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.kinds.DropoutKind;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.samples.Samples;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The training settings become a run request, and a wrong field is named. */
@ExtendWith(ApplicationExtension.class)
class TrainingFormTest {
    private TrainingForm form;

    @Start
    void start(Stage stage) {
        form = new TrainingForm();
        stage.setScene(new Scene(form.view(), 700, 300));
        stage.show();
    }

    @Test
    void theDefaultsMakeTheCommandLinesDefaultRun(FxRobot robot) {
        Design cnn = Samples.load("cnn");
        RunRequest made = callOnFx(robot, () -> form.request(cnn, "fashion-mnist-sample"));
        RunRequest expected = RunRequest.of(cnn, "fashion-mnist-sample");
        assertThat(made).isEqualTo(expected);
    }

    @Test
    void aLearningRateThatIsNotANumberIsRefusedByName(FxRobot robot) {
        robot.interact(() -> ((TextField) robot.lookup("#learning-rate").query()).setText("fast"));
        assertThatThrownBy(() -> callOnFx(robot, () -> form.request(Samples.load("cnn"), "fashion-mnist-sample")))
                .hasMessageContaining("Learning rate").hasMessageContaining("fast");
    }

    @Test
    void aNegativeLearningRateIsRefused(FxRobot robot) {
        robot.interact(() -> ((TextField) robot.lookup("#learning-rate").query()).setText("-0.1"));
        assertThatThrownBy(() -> callOnFx(robot, () -> form.request(Samples.load("cnn"), "fashion-mnist-sample")))
                .hasMessageContaining("learning rate");
    }

    @Test
    void theFineTuningControlsGoIntoTheRun(FxRobot robot) {
        robot.interact(() -> {
            ((TextField) robot.lookup("#pretrained-lr-factor").query()).setText("0.1");
            robot.lookup("#head-first").queryAs(javafx.scene.control.Spinner.class).getValueFactory().setValue(2);
            robot.lookup("#unfreeze-every").queryAs(javafx.scene.control.Spinner.class).getValueFactory().setValue(3);
        });

        RunRequest made = callOnFx(robot, () -> form.request(Samples.load("cnn"), "fashion-mnist-sample"));

        assertThat(made.fineTuning()).isEqualTo(new dev.netwright.runtime.design.FineTuning(0.1, 2, 3));
        robot.interact(() -> ((TextField) robot.lookup("#pretrained-lr-factor").query()).setText("none"));
        assertThatThrownBy(() -> callOnFx(robot, () -> form.request(Samples.load("cnn"), "fashion-mnist-sample")))
                .hasMessageContaining("Pretrained LR factor must be a number, not 'none'");
    }

    @Test
    void theDropoutOverrideChangesTheRunsCopyOfTheDesignOnly(FxRobot robot) {
        Design design = Samples.load("cnn");
        Node dropout = design.withNode(new Node("drop", DropoutKind.ID, "Dropout", java.util.Map.of("rate", 0.5),
                new dev.netwright.runtime.design.Position(0, 0))).requireNode("drop");
        Design withDropout = design.withNode(dropout);
        robot.interact(() -> {
            robot.lookup(n -> n instanceof CheckBox c && "Dropout".equals(c.getText())).queryAs(CheckBox.class).setSelected(true);
        });
        RunRequest made = callOnFx(robot, () -> form.request(withDropout, "fashion-mnist-sample"));
        assertThat(made.design().requireNode("drop").params().get("rate")).isEqualTo(0.5);
        assertThat(withDropout.requireNode("drop").params().get("rate")).isEqualTo(0.5);

        robot.interact(() -> ((TextField) robot.lookup(n -> n instanceof TextField t && "0.5".equals(t.getText())).query()).setText("0.2"));
        RunRequest changed = callOnFx(robot, () -> form.request(withDropout, "fashion-mnist-sample"));
        assertThat(changed.design().requireNode("drop").params().get("rate")).isEqualTo(0.2);
        assertThat(withDropout.requireNode("drop").params().get("rate")).as("the user's design").isEqualTo(0.5);
    }

    @Test
    void theScheduleShowsTheValuesOfTheChosenTypeOnly(FxRobot robot) {
        javafx.scene.control.ComboBox<?> type = robot.lookup("#lr-schedule").queryAs(javafx.scene.control.ComboBox.class);
        TextField first = robot.lookup("#lr-schedule-first").queryAs(TextField.class);
        TextField second = robot.lookup("#lr-schedule-second").queryAs(TextField.class);
        assertThat(first.isVisible()).isFalse();
        assertThat(second.isVisible()).isFalse();

        robot.interact(() -> form.model().schedule().typeProperty().set("step"));
        assertThat(type.getValue()).isEqualTo("step");
        assertThat(((javafx.scene.control.ComboBox<String>) type).getConverter().toString("cosine"))
                .isEqualTo("Cosine + warm-up");
        assertThat(first.isVisible()).isTrue();
        assertThat(second.isVisible()).isTrue();
        assertThat(first.getText()).isEqualTo("2");
        assertThat(first.getTooltip().getText()).contains("every this many epochs");
        assertThat(robot.lookup(n -> n instanceof javafx.scene.control.Label l && "Every (epochs)".equals(l.getText()))
                .tryQuery()).isPresent();

        robot.interact(() -> first.setText("4"));
        RunRequest made = callOnFx(robot, () -> form.request(Samples.load("cnn"), "fashion-mnist-sample"));
        assertThat(made.lrSchedule()).isEqualTo(new dev.netwright.runtime.design.LearningRateSchedule.Step(4, 0.5));

        robot.interact(() -> form.model().schedule().typeProperty().set("exponential"));
        assertThat(first.isVisible()).isTrue();
        assertThat(second.isVisible()).isFalse();
        assertThat(first.getTooltip().getText()).contains("multiplied by");
    }

    @Test
    void anEarlierRunsSettingsCanBeShownAgain(FxRobot robot) {
        Design cnn = Samples.load("cnn");
        RunRequest earlier = RunRequest.of(cnn, "fashion-mnist-sample").withEpochs(7).withBatchSize(32)
                .withSettings(TrainingSettings.defaults().withOptimizer(TrainingSettings.Optimizer.SGD).withLearningRate(0.05))
                .withLimits(1000, 100).withAugmentation(dev.netwright.runtime.design.Augmentation.parse("flip,crop=4"));
        robot.interact(() -> form.show(earlier));
        assertThat(callOnFx(robot, () -> form.request(cnn, "fashion-mnist-sample"))).isEqualTo(earlier);
    }

    @Test
    void theFormsValuesAreItsModels(FxRobot robot) {
        robot.interact(() -> ((TextField) robot.lookup("#learning-rate").query()).setText("0.01"));
        robot.interact(() -> form.model().seedProperty().set("7"));

        assertThat(form.model().learningRateProperty().get()).isEqualTo("0.01");
        assertThat(robot.lookup(n -> n instanceof TextField t && "7".equals(t.getText())).tryQuery()).isPresent();
    }

    @Test
    void duringARunEverySettingIsDisabledAndLooksIt(FxRobot robot) {
        robot.interact(() -> {
            form.model().schedule().typeProperty().set("cosine"); // its two values show
            form.editableProperty().set(false);
            form.view().applyCss();
            form.view().layout();
        });
        java.util.List<javafx.scene.Node> inputs = form.view().getChildren().stream()
                .flatMap(n -> n instanceof javafx.scene.layout.HBox row ? row.getChildren().stream()
                        : java.util.stream.Stream.of(n)) // head-first and unfreeze-every share a cell
                .filter(n -> n instanceof javafx.scene.control.Control && !(n instanceof javafx.scene.control.Label)).toList();
        // with the schedule, its two values, the augmentation, the three fine-tuning settings and the four of
        // distillation (Distil from run…, ✕, α, T)
        assertThat(inputs).hasSize(23).allMatch(javafx.scene.Node::isDisabled);

        // issue 15, defect 14: a disabled spinner fades its text twice (the spinner and its editor), a text field once,
        // so learning rate, L2, dropout and seed looked editable beside the faded spinners during a run
        Spinner<?> epochs = robot.lookup("#epochs").queryAs(Spinner.class);
        double spinnerText = callOnFx(robot, () -> visibility(epochs.getEditor()));
        java.util.List<TextField> fields = inputs.stream().filter(TextField.class::isInstance).map(TextField.class::cast).toList();
        assertThat(fields).hasSize(10);
        for (TextField field : fields) {
            assertThat(callOnFx(robot, () -> visibility(field))).as(field.getText()).isLessThanOrEqualTo(spinnerText + 1e-6);
        }
    }

    /** How strongly a text field's text shows: its colour's opacity times every node's opacity up to the scene's root. */
    private static double visibility(TextField field) {
        javafx.scene.text.Text text = (javafx.scene.text.Text) field.lookup(".text");
        double shown = ((javafx.scene.paint.Color) text.getFill()).getOpacity();
        for (javafx.scene.Node n = text; n != null; n = n.getParent()) {
            shown *= n.getOpacity();
        }
        return shown;
    }

    private static <T> T callOnFx(FxRobot robot, java.util.concurrent.Callable<T> action) {
        java.util.concurrent.atomic.AtomicReference<T> result = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<RuntimeException> error = new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> {
            try {
                result.set(action.call());
            } catch (RuntimeException e) {
                error.set(e);
            } catch (Exception e) {
                error.set(new IllegalStateException(e));
            }
        });
        if (error.get() != null) {
            throw error.get();
        }
        return result.get();
    }
}
