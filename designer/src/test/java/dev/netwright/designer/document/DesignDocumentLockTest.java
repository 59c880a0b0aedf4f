package dev.netwright.designer.document;

import dev.netwright.designer.command.Edits;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Position;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lock a training run puts on its design: every edit is refused at the document, viewing still works. */
class DesignDocumentLockTest {
    private static final String REASON = "Training run in progress – stop it to edit";

    private final DesignDocument doc = new DesignDocument(Samples.load("cnn"));

    @Test
    void aLockedDocumentRefusesExecuteUndoAndRedoAndKeepsTheSameDesign() {
        doc.execute(Edits.moveNodes(Map.of("conv1", new Position(10, 10))));
        doc.execute(Edits.moveNodes(Map.of("conv1", new Position(20, 20))));
        doc.commands().undo();
        Design before = doc.design();
        long revision = doc.commands().revisionProperty().get();

        doc.setLocked(true, REASON);

        assertThat(doc.execute(Edits.deleteNodes(List.of("conv1"), "Delete"))).isFalse();
        assertThat(doc.commands().undo()).isFalse();
        assertThat(doc.commands().redo()).isFalse();
        assertThat(doc.design()).isSameAs(before);
        assertThat(doc.commands().revisionProperty().get()).isEqualTo(revision);
    }

    @Test
    void aLockedDocumentDoesNotEvenRunTheCommand() {
        doc.setLocked(true, REASON);
        boolean[] ran = {false};

        doc.execute(dev.netwright.designer.command.Command.of("Spy", d -> {
            ran[0] = true;
            return d;
        }));

        assertThat(ran[0]).isFalse();
    }

    @Test
    void lockingGreysOutUndoAndRedoAndSaysWhy() {
        doc.execute(Edits.moveNodes(Map.of("conv1", new Position(10, 10))));
        doc.execute(Edits.moveNodes(Map.of("conv1", new Position(20, 20))));
        doc.commands().undo();

        doc.setLocked(true, REASON);
        assertThat(doc.isLocked()).isTrue();
        assertThat(doc.lockedProperty().get()).isTrue();
        assertThat(doc.lockReason()).isEqualTo(REASON);
        assertThat(doc.commands().canUndoProperty().get()).isFalse();
        assertThat(doc.commands().canRedoProperty().get()).isFalse();

        doc.setLocked(false, null);
        assertThat(doc.lockReason()).isEmpty();
        assertThat(doc.commands().canUndoProperty().get()).isTrue();
        assertThat(doc.commands().canRedoProperty().get()).isTrue();
    }

    @Test
    void selectingStillWorksWhileLocked() {
        doc.setLocked(true, REASON);

        doc.select("conv1");

        assertThat(doc.selection()).containsExactly("conv1");
    }

    @Test
    void unlockingLetsEditsThroughAgainAndKeepsTheHistory() {
        doc.execute(Edits.moveNodes(Map.of("conv1", new Position(10, 10))));
        doc.setLocked(true, REASON);
        doc.setLocked(false, null);

        assertThat(doc.execute(Edits.moveNodes(Map.of("conv1", new Position(20, 20))))).isTrue();
        assertThat(doc.commands().undo()).isTrue();
        assertThat(doc.commands().undo()).isTrue();
        assertThat(doc.design()).isEqualTo(Samples.load("cnn"));
    }

    @Test
    void aLockWithoutAReasonIsRefused() {
        assertThatThrownBy(() -> doc.setLocked(true, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
        assertThat(doc.isLocked()).isFalse();
    }
}
