package dev.netwright.designer.canvas;

import dev.netwright.designer.action.Action;
import dev.netwright.designer.command.Edits;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Position;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.netwright.designer.canvas.CanvasCommand.ACTUAL_SIZE;
import static dev.netwright.designer.canvas.CanvasCommand.AUTO_LAYOUT;
import static dev.netwright.designer.canvas.CanvasCommand.COPY;
import static dev.netwright.designer.canvas.CanvasCommand.CUT;
import static dev.netwright.designer.canvas.CanvasCommand.DELETE;
import static dev.netwright.designer.canvas.CanvasCommand.FIT_TO_VIEW;
import static dev.netwright.designer.canvas.CanvasCommand.LAY_OUT_LEFT_TO_RIGHT;
import static dev.netwright.designer.canvas.CanvasCommand.LAY_OUT_TOP_TO_BOTTOM;
import static dev.netwright.designer.canvas.CanvasCommand.PASTE;
import static dev.netwright.designer.canvas.CanvasCommand.REDO;
import static dev.netwright.designer.canvas.CanvasCommand.SELECT_ALL;
import static dev.netwright.designer.canvas.CanvasCommand.UNDO;
import static dev.netwright.designer.canvas.CanvasCommand.ZOOM_IN;
import static dev.netwright.designer.canvas.CanvasCommand.ZOOM_OUT;
import static dev.netwright.designer.canvas.CanvasFixture.node;
import static org.assertj.core.api.Assertions.assertThat;

/** The canvas commands as actions on whichever canvas is open: enabled by the open design's lock and history. */
@ExtendWith(ApplicationExtension.class)
class CanvasCommandsTest {
    private static final Set<CanvasCommand> WHEN_OPEN = EnumSet.of(COPY, SELECT_ALL, FIT_TO_VIEW, ZOOM_IN, ZOOM_OUT, ACTUAL_SIZE);
    private static final Set<CanvasCommand> EDITS = EnumSet.of(CUT, PASTE, DELETE, AUTO_LAYOUT, LAY_OUT_LEFT_TO_RIGHT, LAY_OUT_TOP_TO_BOTTOM);
    private CanvasFixture fx;
    private final ObjectProperty<DesignCanvas> open = new SimpleObjectProperty<>();
    private CanvasCommands commands;

    @Start
    void start(Stage stage) {
        fx = new CanvasFixture(stage, design());
        commands = new CanvasCommands(open);
    }

    private static Design design() {
        return Design.of("t", "", null, List.of(node("Input", "input", 20, 60), node("Dense", "dense1", 280, 60)), List.of());
    }

    @Test
    void withNoCanvasOpenEveryCommandIsDisabled(FxRobot robot) {
        assertThat(enabled(robot)).isEmpty();
    }

    @Test
    void anOpenDesignWithNoHistoryAllowsEverythingButUndoAndRedo(FxRobot robot) {
        robot.interact(() -> open.set(fx.canvas));

        Set<CanvasCommand> expected = EnumSet.copyOf(WHEN_OPEN);
        expected.addAll(EDITS);
        assertThat(enabled(robot)).isEqualTo(expected);
    }

    @Test
    void undoIsEnabledAfterAnEditAndRedoAfterAnUndo(FxRobot robot) {
        robot.interact(() -> {
            open.set(fx.canvas);
            fx.document.execute(Edits.moveNodes(Map.of("dense1", new Position(300, 80))));
        });
        assertThat(enabled(robot)).contains(UNDO).doesNotContain(REDO);

        robot.interact(() -> fx.document.commands().undo());
        assertThat(enabled(robot)).contains(REDO).doesNotContain(UNDO);
    }

    @Test
    void aLockedDesignDisablesTheEditsAndUndoButNotLookingAtIt(FxRobot robot) {
        robot.interact(() -> {
            open.set(fx.canvas);
            fx.document.execute(Edits.moveNodes(Map.of("dense1", new Position(300, 80))));
            fx.document.setLocked(true, "A training run uses this design: stop it to edit.");
        });

        assertThat(enabled(robot)).isEqualTo(WHEN_OPEN);
    }

    @Test
    void theCommandsFollowTheCanvasThatIsOpenNow(FxRobot robot) {
        robot.interact(() -> {
            open.set(fx.canvas);
            fx.document.setLocked(true, "locked");
        });
        assertThat(enabled(robot)).doesNotContain(CUT);

        robot.interact(() -> open.set(new DesignCanvas(new DesignDocument(design(), CanvasFixture.CATALOG))));
        assertThat(enabled(robot)).as("the other design is not locked").contains(CUT);

        robot.interact(() -> fx.document.setLocked(false, null));
        robot.interact(() -> open.set(null));
        assertThat(enabled(robot)).isEmpty();
    }

    @Test
    void aMenuItemActsOnTheOpenCanvas(FxRobot robot) {
        robot.interact(() -> {
            open.set(fx.canvas);
            fx.document.execute(Edits.moveNodes(Map.of("dense1", new Position(300, 80))));
            commands.action(UNDO).toMenuItem().fire();
        });
        assertThat(fx.document.design().requireNode("dense1").position()).isEqualTo(new Position(280, 60));

        robot.interact(() -> {
            fx.canvas.zoomProperty().set(1.0);
            commands.action(ZOOM_IN).toMenuItem().fire();
        });
        assertThat(fx.canvas.zoomProperty().get()).isEqualTo(1.25);

        robot.interact(() -> commands.action(SELECT_ALL).toMenuItem().fire());
        assertThat(fx.document.selection()).containsExactlyInAnyOrder("input", "dense1");
    }

    @Test
    void labelsAcceleratorsAndToolbarTextsAreTheMenusAndToolbarsOwn() {
        assertThat(commands.action(UNDO).label()).isEqualTo("Undo");
        assertThat(commands.action(UNDO).accelerator()).contains(KeyCombination.keyCombination("Shortcut+Z"));
        assertThat(commands.action(UNDO).tooltip()).contains("Undo (Ctrl+Z)");
        assertThat(commands.action(REDO).accelerator()).contains(KeyCombination.keyCombination("Shortcut+Shift+Z"));
        assertThat(commands.action(CUT).accelerator()).contains(KeyCombination.keyCombination("Shortcut+X"));
        assertThat(commands.action(COPY).accelerator()).as("shown in the menu; the focused canvas or text field consumes it first")
                .contains(KeyCombination.keyCombination("Shortcut+C"));
        assertThat(commands.action(DELETE).accelerator()).contains(KeyCombination.keyCombination("Delete"));
        assertThat(commands.action(SELECT_ALL).accelerator()).contains(KeyCombination.keyCombination("Shortcut+A"));
        assertThat(commands.action(FIT_TO_VIEW).accelerator()).contains(KeyCombination.keyCombination("F"));
        assertThat(commands.action(AUTO_LAYOUT).accelerator()).contains(KeyCombination.keyCombination("L"));
        assertThat(commands.action(PASTE).accelerator()).contains(KeyCombination.keyCombination("Shortcut+V"));
        assertThat(commands.action(SELECT_ALL).label()).isEqualTo("Select All");
        assertThat(commands.action(AUTO_LAYOUT).label()).isEqualTo("Auto-layout");
        assertThat(commands.action(AUTO_LAYOUT).buttonText()).isEqualTo("Layout");
        assertThat(commands.action(FIT_TO_VIEW).label()).isEqualTo("Fit to Window");
        assertThat(commands.action(FIT_TO_VIEW).buttonText()).isEqualTo("Fit");
        assertThat(commands.action(ZOOM_OUT).accelerator().orElseThrow().getName()).isEqualTo("Shortcut+Minus");
        assertThat(commands.action(ACTUAL_SIZE).accelerator().orElseThrow().getName()).isEqualTo("Shortcut+0");
    }

    @Test
    void undoAndRedoSayWhatTheyWouldUndoAndRedo(FxRobot robot) {
        javafx.scene.control.MenuItem[] items = new javafx.scene.control.MenuItem[2];
        robot.interact(() -> {
            items[0] = commands.action(UNDO).toMenuItem();
            items[1] = commands.action(REDO).toMenuItem();
            open.set(fx.canvas);
        });
        assertThat(items[0].getText()).isEqualTo("Undo");
        assertThat(items[1].getText()).isEqualTo("Redo");

        robot.interact(() -> fx.document.execute(Edits.moveNodes(Map.of("input", new Position(40, 60),
                "dense1", new Position(300, 80)))));
        assertThat(items[0].getText()).isEqualTo("Undo Move 2 layers");
        assertThat(commands.action(UNDO).label()).isEqualTo("Undo Move 2 layers");

        robot.interact(() -> fx.document.commands().undo());
        assertThat(items[0].getText()).isEqualTo("Undo");
        assertThat(items[1].getText()).isEqualTo("Redo Move 2 layers");

        robot.interact(() -> open.set(null));
        assertThat(items[1].getText()).as("no design, nothing to name").isEqualTo("Redo");
    }

    private Set<CanvasCommand> enabled(FxRobot robot) {
        Set<CanvasCommand> result = EnumSet.noneOf(CanvasCommand.class);
        robot.interact(() -> {
            for (CanvasCommand command : CanvasCommand.values()) {
                Action action = commands.action(command);
                if (action.isEnabled()) {
                    result.add(command);
                }
            }
        });
        return result;
    }
}
