package dev.netwright.designer.document;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.designer.command.Command;
import dev.netwright.designer.command.Edits;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.design.Position;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandStackTest {
    private final DesignJson json = new DesignJson();
    private final LayerCatalog catalog = StandardKinds.catalog();

    @Test
    void undoAndRedoRestoreByteIdenticalDesigns() {
        CommandStack stack = new CommandStack(Samples.load("cnn"));
        String original = json.write(stack.design());
        stack.execute(Edits.addNode(catalog.require("Dropout"), "drop1", new Position(10, 10)));
        String added = json.write(stack.design());

        assertThat(stack.undo()).isTrue();
        assertThat(json.write(stack.design())).isEqualTo(original);
        assertThat(stack.redo()).isTrue();
        assertThat(json.write(stack.design())).isEqualTo(added);
    }

    private static final TrainingPlan PLAN = new TrainingPlan("ADAM", 0.001, 64, 1, 0, false, 0.5, 0, 42, "AUTO", 0, 0);

    @Test
    void changesOfOneTrainingSettingInARowAreOneUndoStep() {
        CommandStack stack = new CommandStack(Samples.load("cnn"));
        stack.execute(Edits.setTraining("learning rate", "0.01", PLAN.withLearningRate(0.01)));
        stack.execute(Edits.setTraining("learning rate", "0.015", PLAN.withLearningRate(0.015)));

        assertThat(stack.design().training()).contains(PLAN.withLearningRate(0.015));
        assertThat(stack.undoDescriptionProperty().get()).isEqualTo("Set learning rate to 0.015");
        assertThat(stack.undo()).isTrue();
        assertThat(stack.design().training()).as("one undo goes back to before the first change").isEmpty();
        assertThat(stack.canUndoProperty().get()).isFalse();
        assertThat(stack.dirtyProperty().get()).isFalse();
    }

    @Test
    void anotherSettingOrASaveBetweenChangesKeepsThemApart() {
        CommandStack stack = new CommandStack(Samples.load("cnn"));
        stack.execute(Edits.setTraining("epochs", "2", PLAN.withEpochs(2)));
        stack.execute(Edits.setTraining("seed", "7", PLAN.withEpochs(2).withSeed(7)));
        stack.execute(Edits.setTraining("epochs", "3", PLAN.withEpochs(3).withSeed(7)));
        stack.markSaved();
        stack.execute(Edits.setTraining("epochs", "4", PLAN.withEpochs(4).withSeed(7)));

        assertThat(stack.dirtyProperty().get()).isTrue();
        stack.undo();
        assertThat(stack.design().training()).contains(PLAN.withEpochs(3).withSeed(7));
        assertThat(stack.dirtyProperty().get()).isFalse();
        stack.undo();
        assertThat(stack.design().training()).contains(PLAN.withEpochs(2).withSeed(7));
    }

    @Test
    void changingASettingBackToWhereItWasLeavesNoStep() {
        CommandStack stack = new CommandStack(Samples.load("cnn").withTraining(PLAN));
        stack.execute(Edits.setTraining("epochs", "3", PLAN.withEpochs(3)));
        stack.execute(Edits.setTraining("epochs", "1", PLAN));

        assertThat(stack.design().training()).contains(PLAN);
        assertThat(stack.canUndoProperty().get()).isFalse();
        assertThat(stack.dirtyProperty().get()).isFalse();
    }

    @Test
    void aNoOpIsNotRecorded() {
        CommandStack stack = new CommandStack(Samples.load("cnn"));
        Position where = stack.design().requireNode("conv1").position();
        assertThat(stack.execute(Edits.moveNodes(Map.of("conv1", where)))).isFalse();
        assertThat(stack.canUndoProperty().get()).isFalse();
        assertThat(stack.revisionProperty().get()).isZero();
    }

    @Test
    void dirtyFollowsTheSavedStateThroughUndoAndRedo() {
        CommandStack stack = new CommandStack(Samples.load("cnn"));
        assertThat(stack.dirtyProperty().get()).isFalse();
        stack.execute(Edits.rename("conv1", "First conv"));
        assertThat(stack.dirtyProperty().get()).isTrue();
        stack.markSaved();
        assertThat(stack.dirtyProperty().get()).isFalse();
        stack.undo();
        assertThat(stack.dirtyProperty().get()).isTrue();
        stack.redo();
        assertThat(stack.dirtyProperty().get()).isFalse();
        assertThat(stack.revisionProperty().get()).isEqualTo(3);
    }

    @Test
    void menuTextsNameTheNextUndoAndRedo() {
        CommandStack stack = new CommandStack(Samples.load("cnn"));
        stack.execute(Edits.moveNodes(Map.of("conv1", new Position(0, 0), "conv2", new Position(5, 5))));
        assertThat(stack.undoDescriptionProperty().get()).isEqualTo("Move 2 layers");
        stack.undo();
        assertThat(stack.redoDescriptionProperty().get()).isEqualTo("Move 2 layers");
        assertThat(stack.undoDescriptionProperty().get()).isEmpty();
    }

    @Test
    void aNewEditClearsRedo() {
        CommandStack stack = new CommandStack(Samples.load("cnn"));
        stack.execute(Edits.rename("conv1", "a"));
        stack.undo();
        stack.execute(Edits.rename("conv1", "b"));
        assertThat(stack.canRedoProperty().get()).isFalse();
    }

    @Test
    void anEditStartedFromInsideAnotherIsRefused() {
        CommandStack stack = new CommandStack(Samples.load("cnn"));
        Command nested = Command.of("outer", d -> {
            stack.execute(Edits.rename("conv1", "inner"));
            return d;
        });
        assertThatThrownBy(() -> stack.execute(nested)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must not nest");
        assertThat(stack.design().requireNode("conv1").name()).isEqualTo("Conv 32");
    }

    @Test
    void anEditFromADesignListenerIsRefusedToo() {
        CommandStack stack = new CommandStack(Samples.load("cnn"));
        Throwable[] seen = new Throwable[1];
        stack.designProperty().addListener((obs, o, n) -> {
            try {
                stack.execute(Edits.rename("conv2", "from a listener"));
            } catch (IllegalStateException e) {
                seen[0] = e;
            }
        });
        stack.execute(Edits.rename("conv1", "x"));
        assertThat(seen[0]).isNotNull();
        assertThat(stack.design().requireNode("conv2").name()).isEqualTo("Conv 64");
    }

    @Test
    void resetForgetsHistory() {
        CommandStack stack = new CommandStack(Samples.load("cnn"));
        stack.execute(Edits.rename("conv1", "x"));
        Design other = Samples.load("lstm");
        stack.reset(other);
        assertThat(stack.design()).isEqualTo(other);
        assertThat(stack.canUndoProperty().get()).isFalse();
        assertThat(stack.dirtyProperty().get()).isFalse();
    }

    @Test
    void theHistoryKeepsTheLatestStepsAndDropsTheOldest() {
        Design original = Samples.load("cnn");
        CommandStack stack = new CommandStack(original);
        int edits = CommandStack.HISTORY_LIMIT + 5;
        for (int i = 1; i <= edits; i++) {
            stack.execute(Edits.rename("conv1", "name " + i));
        }

        int undone = 0;
        while (stack.undo()) {
            undone++;
        }

        assertThat(undone).isEqualTo(CommandStack.HISTORY_LIMIT);
        assertThat(stack.design().requireNode("conv1").name()).as("the five oldest steps are gone")
                .isEqualTo("name 5");
        assertThat(stack.canUndoProperty().get()).isFalse();
        assertThat(stack.dirtyProperty().get()).as("the oldest kept state is not the saved one").isTrue();
    }

    @Test
    void undoingBackToTheOldestKeptStateKnowsItWasSaved() {
        CommandStack stack = new CommandStack(Samples.load("cnn"));
        stack.execute(Edits.rename("conv1", "saved"));
        stack.markSaved();
        for (int i = 1; i <= CommandStack.HISTORY_LIMIT; i++) {
            stack.execute(Edits.rename("conv1", "name " + i));
        }
        for (int i = 0; i < CommandStack.HISTORY_LIMIT; i++) {
            assertThat(stack.dirtyProperty().get()).isTrue();
            assertThat(stack.undo()).isTrue();
        }
        assertThat(stack.undo()).as("the saved edit itself fell out of the history").isFalse();
        assertThat(stack.design().requireNode("conv1").name()).isEqualTo("saved");
        assertThat(stack.dirtyProperty().get()).as("undone back to the saved design").isFalse();
    }
}
