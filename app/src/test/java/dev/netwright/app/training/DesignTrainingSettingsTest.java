package dev.netwright.app.training;

import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.FineTuning;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.train.Backend;
import dev.netwright.runtime.train.TrainingPlans;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The training form's values are saved with the design, as undoable edits (issue 15, defect 5); no toolkit. */
class DesignTrainingSettingsTest {
    private final DesignDocument document = new DesignDocument(Samples.load("cnn"));
    private final TrainingSettingsModel model = new TrainingSettingsModel();

    DesignTrainingSettingsTest() {
        new DesignTrainingSettings(model, document);
    }

    @Test
    void aChangedSettingIsAnEditThatMarksTheDesignUnsaved() {
        model.epochsProperty().set(3);

        assertThat(document.design().training().orElseThrow().epochs()).isEqualTo(3);
        assertThat(document.commands().dirtyProperty().get()).isTrue();
        assertThat(document.commands().undoDescriptionProperty().get()).isEqualTo("Set epochs to 3");
    }

    @Test
    void undoAndRedoShowTheSettingsInTheForm() {
        model.epochsProperty().set(3);
        model.optimizerProperty().set(TrainingSettings.Optimizer.SGD);

        document.commands().undo();
        assertThat(model.optimizerProperty().get()).isEqualTo(TrainingSettings.Optimizer.ADAM);
        assertThat(model.epochsProperty().get()).isEqualTo(3);
        document.commands().undo();
        assertThat(model.epochsProperty().get()).isEqualTo(1);
        assertThat(document.design().training()).isEmpty();
        assertThat(document.commands().dirtyProperty().get()).isFalse();
        document.commands().redo();
        assertThat(model.epochsProperty().get()).isEqualTo(3);
    }

    @Test
    void typingInOneFieldIsOneUndoStepAndTheTextStaysAsTyped() {
        for (String typed : new String[] {"", "1", "1e", "1e-", "1e-2"}) {
            model.learningRateProperty().set(typed);
        }

        assertThat(model.learningRateProperty().get()).isEqualTo("1e-2");
        assertThat(document.design().training().orElseThrow().learningRate()).isEqualTo(0.01);
        document.commands().undo();
        assertThat(document.design().training()).isEmpty();
        assertThat(model.learningRateProperty().get()).isEqualTo("0.001");
        assertThat(document.commands().canUndoProperty().get()).isFalse();
    }

    @Test
    void aScheduleChosenAndTypedIsOneUndoStepSavedWithTheDesign() {
        model.schedule().typeProperty().set("step");
        model.schedule().firstProperty().set("3");

        assertThat(document.design().training().orElseThrow().lrSchedule())
                .isEqualTo(new dev.netwright.runtime.design.LearningRateSchedule.Step(3, 0.5));
        assertThat(document.commands().undoDescriptionProperty().get())
                .isEqualTo("Set learning-rate schedule to step:every=3,factor=0.5");
        document.commands().undo();
        assertThat(document.design().training()).isEmpty();
        assertThat(model.schedule().typeProperty().get()).isEqualTo("constant");
        assertThat(document.commands().canUndoProperty().get()).isFalse();
    }

    @Test
    void aTypedAugmentationIsOneUndoStepThatMarksTheDesignUnsaved() {
        for (String typed : new String[] {"s", "shift", "shift=", "shift=2", "shift=2,", "shift=2,flip"}) {
            model.augmentationProperty().set(typed);
        }

        assertThat(document.design().training().orElseThrow().augmentation())
                .isEqualTo(dev.netwright.runtime.design.Augmentation.parse("shift=2,flip"));
        assertThat(document.commands().dirtyProperty().get()).isTrue();
        assertThat(document.commands().undoDescriptionProperty().get()).isEqualTo("Set augmentation to shift=2,flip");
        assertThat(model.augmentationProperty().get()).isEqualTo("shift=2,flip");
        document.commands().undo();
        assertThat(document.design().training()).isEmpty();
        assertThat(model.augmentationProperty().get()).isEqualTo("none");
        assertThat(document.commands().canUndoProperty().get()).isFalse();
        assertThat(document.commands().dirtyProperty().get()).isFalse();
        document.commands().redo();
        assertThat(model.augmentationProperty().get()).isEqualTo("shift=2,flip");
    }

    @Test
    void aWrongAugmentationChangesNothingAndTheRunNamesIt() {
        model.augmentationProperty().set("zoom=2");

        assertThat(document.design().training()).isEmpty();
        assertThat(model.problem(document.design())).contains("Augmentation: unknown augmentation setting 'zoom=2' "
                + "(the settings: shift=PIXELS, flip, rotate=DEGREES, crop=PIXELS, erase=PROBABILITY; or none)");
    }

    @Test
    void fineTuningSettingsAreUndoableEditsSavedWithTheDesignAndGoIntoTheRun() {
        for (String typed : new String[] {"0", "0.", "0.1"}) {
            model.pretrainedRateFactorProperty().set(typed);
        }
        model.headFirstProperty().set(2);
        model.unfreezeEveryProperty().set(1);

        assertThat(document.design().training().orElseThrow().fineTuning()).isEqualTo(new FineTuning(0.1, 2, 1));
        assertThat(document.commands().dirtyProperty().get()).isTrue();
        assertThat(document.commands().undoDescriptionProperty().get()).isEqualTo("Set unfreeze every to 1");
        assertThat(model.request(document.design(), "fashion-mnist-sample").fineTuning())
                .isEqualTo(new FineTuning(0.1, 2, 1));
        document.commands().undo();
        assertThat(model.unfreezeEveryProperty().get()).isZero();
        document.commands().undo();
        assertThat(model.headFirstProperty().get()).isZero();
        assertThat(document.commands().undoDescriptionProperty().get()).isEqualTo("Set pretrained LR factor to 0.1");
        document.commands().undo();
        assertThat(document.design().training()).isEmpty();
        assertThat(model.pretrainedRateFactorProperty().get()).isEqualTo("1");
        assertThat(document.commands().dirtyProperty().get()).isFalse();
    }

    @Test
    void aWrongPretrainedRateFactorChangesNothingAndTheRunNamesIt() {
        model.pretrainedRateFactorProperty().set("0");

        assertThat(document.design().training()).isEmpty();
        assertThat(model.problem(document.design())).contains("Pretrained LR factor must be a number above 0, not '0'");
    }

    @Test
    void aWrongValueChangesNothingInTheDesign() {
        model.seedProperty().set("lucky");
        model.dropoutRateProperty().set("0.99");

        assertThat(document.design().training()).isEmpty();
        assertThat(document.commands().dirtyProperty().get()).isFalse();
    }

    @Test
    void settingsChangedBackToTheDefaultsLeaveTheDesignWithNone() {
        model.epochsProperty().set(3);
        model.epochsProperty().set(1);

        assertThat(document.design().training()).isEmpty();
        assertThat(document.commands().dirtyProperty().get()).isFalse();
    }

    @Test
    void aDesignsSavedSettingsShowInTheFormOfTheReopenedDesign() throws Exception {
        model.epochsProperty().set(3);
        model.dropoutOverrideProperty().set(true);
        model.dropoutRateProperty().set("0.2");
        model.backendProperty().set(Backend.CPU);
        model.setQuickRun(3, 640, 200);
        DesignJson json = new DesignJson();
        Design reopened = json.read(json.write(document.design()), "saved.json");

        DesignDocument again = new DesignDocument(reopened);
        TrainingSettingsModel form = new TrainingSettingsModel();
        new DesignTrainingSettings(form, again);

        assertThat(form.epochsProperty().get()).isEqualTo(3);
        assertThat(form.dropoutOverrideProperty().get()).isTrue();
        assertThat(form.dropoutRateProperty().get()).isEqualTo("0.2");
        assertThat(form.backendProperty().get()).isEqualTo(Backend.CPU);
        assertThat(form.maxTrainProperty().get()).isEqualTo(640);
        assertThat(form.maxValidationProperty().get()).isEqualTo(200);
        assertThat(again.commands().dirtyProperty().get()).as("showing is not an edit").isFalse();
        assertThat(form.request(reopened, "fashion-mnist-sample").epochs()).isEqualTo(3);
    }

    @Test
    void theFormsPlanOfTheDefaultsIsTheDefaultPlan() {
        TrainingPlan defaults = TrainingPlans.defaults();
        assertThat(model.plan(defaults.withEpochs(9))).isEqualTo(defaults);
    }
}
