package dev.netwright.designer.canvas;

import dev.netwright.designer.command.Edits;
import dev.netwright.runtime.check.Diagnostic;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static dev.netwright.designer.canvas.CanvasFixture.node;
import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of edit the canvas makes, undone and redone with the keys: the JSON is byte for byte the same. */
@ExtendWith(ApplicationExtension.class)
class UndoRedoTest {
    private CanvasFixture fx;

    @Start
    void start(Stage stage) {
        Design design = Design.of("t", "", null, List.of(
                node("Input", "input", 20, 60),
                node("Conv2D", "conv1", 280, 60),
                node("Dense", "dense1", 540, 60)),
                List.of(Edge.of("input", "conv1")));
        fx = new CanvasFixture(stage, design);
    }

    @Test
    void undoAndRedoOfEveryCommandKindRestoreIdenticalJson(FxRobot robot) {
        step(robot, "Connect conv1 → dense1", () -> robot.drag(fx.outPort("conv1"), MouseButton.PRIMARY)
                .dropTo(fx.inPort("dense1")));
        step(robot, "Insert Flatten between conv1 and dense1", () -> robot.interact(() -> {
            Diagnostic error = fx.document.check().diagnosticsFor("dense1").stream().filter(Diagnostic::isError)
                    .findFirst().orElseThrow();
            fx.document.execute(Edits.applyFix(error.fix(), fx.document.catalog()));
        }));
        step(robot, "Add Dropout", () -> robot.interact(() -> fx.canvas.actions().addAt(
                fx.document.catalog().require("Dropout"), new Point2D(300, 400))));
        step(robot, "Add Output after dense1", () -> {
            robot.clickOn("#node-dense1");
            robot.interact(() -> fx.palette.searchField().setText("output")); // Output is scrolled out of sight
            robot.doubleClickOn("#palette-Output");
        });
        robot.interact(() -> fx.canvas.centreOn("dropout1")); // adding Output scrolled the view to it
        step(robot, "Move layer", () -> robot.drag("#node-dropout1", MouseButton.PRIMARY).dropBy(40, 30));
        step(robot, "Move layer", () -> robot.push(KeyCode.LEFT));
        step(robot, "Duplicate layer", () -> robot.push(KeyCode.CONTROL, KeyCode.D));
        step(robot, "Delete layer", () -> robot.clickOn("#node-dropout2").push(KeyCode.DELETE));
        step(robot, "Paste layer", () -> robot.clickOn("#node-conv1").push(KeyCode.CONTROL, KeyCode.C)
                .push(KeyCode.CONTROL, KeyCode.V));
        step(robot, "Cut 2 layers", () -> robot.clickOn("#node-conv2").press(KeyCode.SHIFT)
                .clickOn("#node-dropout1").release(KeyCode.SHIFT).push(KeyCode.CONTROL, KeyCode.X));
        step(robot, "Set units of dense1 to 32", () -> robot.interact(() -> fx.document.execute(Edits.setParam("dense1",
                fx.document.catalog().require("Dense").param("units"), 32))));
        step(robot, "Rename dense1 to Hidden", () -> robot.interact(() -> fx.document.execute(Edits.rename("dense1",
                "Hidden"))));
        step(robot, "Auto-layout", () -> robot.clickOn(fx.screen(700, 560)).push(KeyCode.L));
    }

    @Test
    void ctrlZUndoesAndCtrlShiftZAndCtrlYRedo(FxRobot robot) {
        String before = fx.json();
        robot.clickOn("#node-dense1").push(KeyCode.DELETE);
        String after = fx.json();

        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertThat(fx.json()).isEqualTo(before);
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z);
        assertThat(fx.json()).isEqualTo(after);
        robot.push(KeyCode.CONTROL, KeyCode.Z).push(KeyCode.CONTROL, KeyCode.Y);
        assertThat(fx.json()).isEqualTo(after);
    }

    /** Runs one edit, then checks undo gives the JSON from before it and redo the JSON from after it. */
    private void step(FxRobot robot, String description, Runnable edit) {
        String before = fx.json();
        edit.run();
        String after = fx.json();
        assertThat(after).as(description + " changed the design").isNotEqualTo(before);
        String made = fx.document.commands().undoDescriptionProperty().get();
        assertThat(made).as("the command made").startsWith(description);

        robot.interact(fx.canvas.actions()::undo);
        assertThat(fx.json()).as("undo of " + made).isEqualTo(before);
        robot.interact(fx.canvas.actions()::redo);
        assertThat(fx.json()).as("redo of " + made).isEqualTo(after);
        fx.sync(robot);
    }
}
