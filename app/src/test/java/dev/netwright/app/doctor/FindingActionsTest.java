package dev.netwright.app.doctor;

import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.doctor.Doctor;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvent.Action;
import dev.netwright.runtime.train.TrainingEvent.Finding;
import dev.netwright.runtime.train.TrainingPlans;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training doctor's suggestions applied to a design: each kind is one undoable edit through the designer's commands,
 * undo gives the design back exactly, and what cannot be applied is said plainly with the design untouched.
 */
class FindingActionsTest {
    private final Design cnn = Samples.load("cnn");
    private final DesignDocument document = new DesignDocument(cnn);
    private final FindingActions actions = new FindingActions(document);

    static Action setting(String name, String value) {
        return new Action("set-setting", null, name, value, "Set " + name + " to " + value + ".");
    }

    static Action param(String node, String name, String value) {
        return new Action("set-param", node, name, value, "Use " + value + " in " + node + ".");
    }

    static Action insertAfter(String node, String kind) {
        return new Action("insert-after", node, kind, null, "Add a " + kind + " after " + node + ".");
    }

    @Test
    void aLearningRateIsSetAsTheTrainingFormSavesItAndUndoTakesItBack() {
        FindingActions.Outcome outcome = actions.apply(setting("learningRate", "0.01"));

        assertThat(outcome.changed()).isTrue();
        assertThat(outcome.message()).isEqualTo("Changed: Set learning rate to 0.01. Undo (Ctrl+Z) takes it back.");
        assertThat(document.design().training().orElseThrow())
                .isEqualTo(TrainingPlans.defaults().withLearningRate(0.01));
        assertThat(document.commands().undo()).isTrue();
        assertThat(document.design()).isEqualTo(cnn);
    }

    @Test
    void wholeNumberSettingsTakeTheirValuesAndAChangeBackToTheDefaultsSavesNone() {
        assertThat(actions.apply(setting("epochs", "4")).changed()).isTrue();
        assertThat(document.design().training().orElseThrow().epochs()).isEqualTo(4);
        assertThat(actions.apply(setting("earlyStoppingPatience", "2")).changed()).isTrue();
        assertThat(document.design().training().orElseThrow().patience()).isEqualTo(2);
        assertThat(actions.apply(setting("l2", "0.0001")).changed()).isTrue();
        assertThat(document.design().training().orElseThrow().l2()).isEqualTo(1e-4);

        document.commands().undo();
        document.commands().undo();
        assertThat(actions.apply(setting("epochs", String.valueOf(TrainingPlans.defaults().epochs()))).changed()).isTrue();
        assertThat(document.design().training()).as("all defaults again: saved as none").isEmpty();
    }

    @Test
    void aNodesParameterIsSetAsTheInspectorSetsIt() {
        FindingActions.Outcome outcome = actions.apply(param("dense1", "activation", "leakyrelu"));

        assertThat(outcome.changed()).isTrue();
        assertThat(document.design().requireNode("dense1").params().get("activation")).isEqualTo("leakyrelu");
        assertThat(document.commands().undoDescriptionProperty().get()).isEqualTo("Set activation of dense1 to leakyrelu");
        document.commands().undo();
        assertThat(document.design()).isEqualTo(cnn);
    }

    @Test
    void aLayerIsInsertedAfterTheNodeWiredInAndSelected() {
        FindingActions.Outcome outcome = actions.apply(insertAfter("dense1", "Dropout"));

        assertThat(outcome.changed()).isTrue();
        assertThat(outcome.message()).isEqualTo("Changed: Insert Dropout after dense1. Undo (Ctrl+Z) takes it back.");
        String added = document.selection().iterator().next();
        assertThat(document.design().requireNode(added).kind()).isEqualTo("Dropout");
        assertThat(document.design().edgesFrom("dense1")).containsExactly(Edge.of("dense1", added));
        assertThat(document.design().edgesFrom(added)).containsExactly(Edge.of(added, "output"));
        assertThat(document.check().errorCount()).isZero();
        document.commands().undo();
        assertThat(document.design()).isEqualTo(cnn);
    }

    @Test
    void anActionOnANodeThatIsGoneSaysSoAndChangesNothing() {
        for (Action action : new Action[] {insertAfter("dense9", "BatchNorm"), param("dense9", "activation", "relu")}) {
            FindingActions.Outcome outcome = actions.apply(action);

            assertThat(outcome.changed()).isFalse();
            assertThat(outcome.message()).isEqualTo("Node dense9 is no longer in the design: nothing was changed.");
        }
        assertThat(document.design()).isEqualTo(cnn);
        assertThat(document.commands().canUndoProperty().get()).isFalse();
    }

    @Test
    void whatCannotBeAppliedIsSaidPlainlyAndChangesNothing() {
        assertThat(actions.apply(param("flatten", "activation", "relu")).message())
                .isEqualTo("flatten (Flatten) has no setting 'activation': nothing was changed.");
        assertThat(actions.apply(param("dense1", "activation", "wobbly")).message())
                .startsWith("Not applied: ").contains("wobbly");
        assertThat(actions.apply(insertAfter("dense1", "Wobble")).message())
                .isEqualTo("Netwright has no layer kind 'Wobble': nothing was changed.");
        assertThat(actions.apply(insertAfter("output", "Dropout")).message())
                .isEqualTo("output has no output to put a Dropout after: nothing was changed.");
        assertThat(actions.apply(setting("learningRate", "-1")).message()).startsWith("Not applied: 'learningRate'");
        assertThat(actions.apply(setting("epochs", "2.5")).message()).startsWith("Not applied: ");
        assertThat(actions.apply(param("dense1", "units", "many")).message())
                .isEqualTo("Not applied: Units must be a whole number, not 'many'");
        assertThat(actions.apply(param("dense1", "units", "64.5")).message()).startsWith("Not applied: Units must be");
        assertThat(actions.apply(param("dense1", "activation", "relu")).message())
                .isEqualTo("Activation of dense1 is relu already: nothing was changed.");
        assertThat(document.design()).isEqualTo(cnn);
        assertThat(document.commands().canUndoProperty().get()).isFalse();
    }

    @Test
    void aLockedDesignIsNotChangedAndTheReasonIsGiven() {
        document.setLocked(true, "A training run uses this design: stop it to edit.");

        FindingActions.Outcome outcome = actions.apply(setting("learningRate", "0.01"));

        assertThat(outcome.changed()).isFalse();
        assertThat(outcome.message()).isEqualTo("Not applied: A training run uses this design: stop it to edit.");
        assertThat(document.design()).isEqualTo(cnn);
    }

    static Action perClass(String n) {
        return new Action("set-data", null, "per-class", n, "Balance the classes with #per-class=" + n + ".");
    }

    @Test
    void balancingTheClassesEndsTheDataInUseWithPerClassAsTheDesignsDataAndUndoTakesItBack() {
        FindingActions.Outcome outcome = actions.apply(perClass("6"));

        assertThat(outcome.changed()).isTrue();
        assertThat(outcome.message())
                .isEqualTo("Changed: Set the data to fashion-mnist-sample#per-class=6. Undo (Ctrl+Z) takes it back.");
        assertThat(document.design().data().orElseThrow().source()).isEqualTo("fashion-mnist-sample#per-class=6");
        assertThat(document.commands().undo()).isTrue();
        assertThat(document.design()).isEqualTo(cnn);
    }

    @Test
    void balancingKeepsTheClassesChosenAndReplacesAnEarlierPerClass() {
        FindingActions onTabData = new FindingActions(document, () -> "fashion-mnist#classes=5,6#per-class=50");

        assertThat(onTabData.apply(perClass("12")).changed()).isTrue();
        assertThat(document.design().data().orElseThrow().source()).isEqualTo("fashion-mnist#classes=5,6#per-class=12");
        assertThat(onTabData.apply(perClass("0")).message()).startsWith("Not applied: ").contains("#per-class=");
        assertThat(onTabData.apply(perClass("a few")).message())
                .isEqualTo("Not applied: the suggested number of examples per class 'a few' is not a whole number.");
        FindingActions onBadData = new FindingActions(document, () -> "fashion-mnist#per-class=1#per-class=2");
        assertThat(onBadData.apply(perClass("6")).message()).isEqualTo("Not applied: Data reference "
                + "'fashion-mnist#per-class=1#per-class=2' names #per-class= twice.");
        assertThat(document.commands().undo()).isTrue();
        assertThat(document.design()).isEqualTo(cnn);
    }

    @Test
    void aLargerBatchSizeIsSetAsTheTrainingFormSavesIt() {
        FindingActions.Outcome outcome = actions.apply(setting("batchSize", "128"));

        assertThat(outcome.message()).isEqualTo("Changed: Set batch size to 128. Undo (Ctrl+Z) takes it back.");
        assertThat(document.design().training().orElseThrow().batchSize()).isEqualTo(128);
        document.commands().undo();
        assertThat(document.design()).isEqualTo(cnn);
    }

    @Test
    void theDoctorsOwnActionsForImbalanceSlowInputAndDriftAreOneClickAndApply() {
        List<Finding> findings = Doctor.diagnose(List.of(
                new TrainingEvent.RunStarted("CPU", "cpu", 100, 1500, 600, 1, 3, 16, "data"),
                new TrainingEvent.ClassCounts(List.of("shirt", "coat", "bag"), new int[] {1000, 1000, 40}),
                detail(1, 100, 100, 180), end(1, 0.633), detail(2, 180, 180, 140), end(2, 0.833),
                detail(3, 190, 190, 140), end(3, 0.867)));
        assertThat(findings).extracting(Finding::kind)
                .containsExactly("data-class-imbalance", "slow-input-pipeline", "class-accuracy-drift");

        Action balance = oneClick(findings.get(0));
        Action batch = oneClick(findings.get(1));
        Action stopEarly = oneClick(findings.get(2));
        assertThat(actions.apply(balance).changed()).isTrue();
        assertThat(document.design().data().orElseThrow().source()).isEqualTo("fashion-mnist-sample#per-class=40");
        assertThat(actions.apply(batch).changed()).isTrue();
        assertThat(document.design().training().orElseThrow().batchSize()).isEqualTo(32);
        assertThat(actions.apply(stopEarly).changed()).isTrue();
        assertThat(document.design().training().orElseThrow().patience()).isEqualTo(2);
        for (int i = 0; i < 3; i++) {
            assertThat(document.commands().undo()).isTrue();
        }
        assertThat(document.design()).isEqualTo(cnn);
    }

    private static Action oneClick(Finding finding) {
        List<Action> appliable = finding.actions().stream().filter(FindingActions::appliable).toList();
        assertThat(appliable).as(finding.kind()).hasSize(1);
        return appliable.get(0);
    }

    /** An epoch's detail: 3 s of 5 waiting for data, and each class's right answers of 200 validation examples. */
    private static TrainingEvent detail(int epoch, int... correct) {
        return new TrainingEvent.EpochDetail(epoch, 3, 2, new int[] {200, 200, 200}, correct);
    }

    private static TrainingEvent end(int epoch, double accuracy) {
        return new TrainingEvent.EpochEnd(epoch, epoch * 10L, 0.5, accuracy, 0.5, accuracy, 5);
    }

    @Test
    void adviceAndSettingsTheWindowDoesNotHoldAreNotOneClickActions() {
        assertThat(FindingActions.appliable(new Action("advice", null, null, null, "Check the labels."))).isFalse();
        assertThat(FindingActions.appliable(setting("gradientClipping", "1"))).isFalse();
        assertThat(FindingActions.appliable(setting("normalisation", "STANDARDISE"))).isFalse();
        assertThat(FindingActions.appliable(setting("learningRate", "0.01"))).isTrue();
        assertThat(FindingActions.appliable(param("dense1", "activation", "relu"))).isTrue();
        assertThat(FindingActions.appliable(insertAfter("dense1", "Dropout"))).isTrue();
        assertThat(FindingActions.appliable(perClass("6"))).isTrue();
        assertThat(FindingActions.appliable(new Action("set-data", null, "classes", "1,2", "Keep two."))).isFalse();
        assertThat(actions.apply(setting("gradientClipping", "1")).changed()).isFalse();
    }
}
