package dev.netwright.app.training;

import dev.netwright.designer.command.Edits;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.train.TrainingPlans;
import javafx.beans.value.ObservableValue;

import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the training form's values ({@link TrainingSettingsModel}) and the training settings saved with the open design
 * alike (issue 15, defect 5). A change in the form is an edit of the design ({@link Edits#setTraining}: undoable, marks
 * the design unsaved; changes of one field in a row are one step); a design opened, undone or redone shows its settings
 * in the form. Settings that are all the defaults are saved as none, so that a design whose settings were changed
 * and changed back is written as before. No controls: the form binds to the model, this links the model to the design.
 */
public final class DesignTrainingSettings {
    private final TrainingSettingsModel model;
    private final DesignDocument document;
    /** True while the form shows the design's settings, or while the form's change is applied to the design. */
    private boolean busy;

    /** Shows the design's saved settings (the defaults if it has none) and follows both sides from now on. */
    public DesignTrainingSettings(TrainingSettingsModel model, DesignDocument document) {
        this.model = Objects.requireNonNull(model, "model");
        this.document = Objects.requireNonNull(document, "document");
        show(document.design());
        follow(model.optimizerProperty(), "optimizer");
        follow(model.learningRateProperty(), "learning rate");
        follow(model.batchSizeProperty(), "batch size");
        follow(model.epochsProperty(), "epochs");
        follow(model.l2Property(), "L2");
        follow(model.dropoutOverrideProperty(), "dropout override");
        follow(model.dropoutRateProperty(), "dropout rate");
        follow(model.patienceProperty(), "patience");
        follow(model.seedProperty(), "seed");
        follow(model.backendProperty(), "backend");
        follow(model.maxTrainProperty(), "train samples");
        follow(model.maxValidationProperty(), "validation samples");
        follow(model.augmentationProperty(), "augmentation");
        follow(model.pretrainedRateFactorProperty(), "pretrained LR factor");
        follow(model.headFirstProperty(), "head-first epochs");
        follow(model.unfreezeEveryProperty(), "unfreeze every");
        follow(model.distilFromProperty(), "distil from");
        follow(model.distilAlphaProperty(), "distillation α");
        follow(model.distilTemperatureProperty(), "distillation T");
        // the type and its values are one setting: choosing a type and typing its values merge into one undo step
        for (ObservableValue<?> field : java.util.List.of(model.schedule().typeProperty(),
                model.schedule().firstProperty(), model.schedule().secondProperty())) {
            field.addListener((o, old, now) -> {
                if (!busy) {
                    changed("learning-rate schedule", model.schedule().describe());
                }
            });
        }
        document.designProperty().addListener((o, old, now) -> {
            if (!busy && !old.training().equals(now.training())) {
                show(now);
            }
        });
    }

    private void show(Design design) {
        busy = true;
        try {
            model.show(design.training().orElseGet(TrainingPlans::defaults));
        } finally {
            busy = false;
        }
    }

    private void follow(ObservableValue<?> field, String setting) {
        field.addListener((o, old, now) -> {
            if (!busy) {
                changed(setting, String.valueOf(now));
            }
        });
    }

    /** The form's {@code setting} changed to {@code value}: the design's settings follow, where the value is right. */
    private void changed(String setting, String value) {
        Optional<TrainingPlan> saved = document.design().training();
        TrainingPlan defaults = TrainingPlans.defaults();
        TrainingPlan next = model.plan(saved.orElse(defaults));
        Optional<TrainingPlan> toSave = next.equals(defaults) ? Optional.empty() : Optional.of(next);
        if (toSave.equals(saved)) {
            return; // a wrong value, or one the design has already
        }
        busy = true;
        try {
            document.execute(Edits.setTraining(setting, value, toSave.orElse(null)));
        } finally {
            busy = false;
        }
    }
}
