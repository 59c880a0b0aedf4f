package dev.netwright.designer.canvas;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Position;
import javafx.geometry.Point2D;
import javafx.scene.control.Labeled;
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

/** The canvas of a design a training run has locked: looking works, every attempted edit says why and changes nothing. */
@ExtendWith(ApplicationExtension.class)
class LockedCanvasTest {
    private static final String REASON = "Training run in progress – stop it to edit";
    private CanvasFixture fx;
    private Design original;

    @Start
    void start(Stage stage) {
        original = Design.of("t", "", null, List.of(
                node("Input", "input", 20, 60),
                node("Conv2D", "conv1", 20, 200),
                node("MaxPool2D", "maxpool1", 240, 200),
                node("Dense", "dense1", 460, 200)),
                List.of(Edge.of("input", "conv1"), Edge.of("conv1", "maxpool1")));
        fx = new CanvasFixture(stage, original);
        fx.document.setLocked(true, REASON);
    }

    @Test
    void draggingACardWhileLockedLeavesItWhereItWasAndSaysWhy(FxRobot robot) {
        Point2D from = fx.screenOf(fx.card("conv1"));
        robot.drag(from, MouseButton.PRIMARY).moveTo(new Point2D(from.getX() + 50, from.getY() + 150));

        assertThat(fx.card("conv1").getLayoutX()).as("the card does not follow the mouse").isEqualTo(20);
        assertThat(fx.card("conv1").getLayoutY()).isEqualTo(200);
        assertThat(notice(robot).isVisible()).isTrue();
        assertThat(notice(robot).getText()).isEqualTo(REASON);
        robot.release(MouseButton.PRIMARY);

        assertThat(fx.document.design()).isSameAs(original);
        assertThat(fx.document.selection()).as("the press still selects").containsExactly("conv1");
    }

    @Test
    void startingAWireWhileLockedDrawsNoDraftAndSaysWhy(FxRobot robot) {
        robot.drag(fx.outPort("maxpool1"), MouseButton.PRIMARY).moveTo(fx.inPort("dense1"));

        assertThat(robot.lookup("#wire-draft").tryQuery()).isEmpty();
        assertThat(notice(robot).getText()).isEqualTo(REASON);
        robot.release(MouseButton.PRIMARY);

        assertThat(fx.document.design()).isSameAs(original);
    }

    @Test
    void editingKeysChangeNothingWhileLockedAndSayWhy(FxRobot robot) {
        robot.clickOn("#node-maxpool1");
        robot.push(KeyCode.CONTROL, KeyCode.C); // copying is reading: allowed

        robot.push(KeyCode.DELETE);
        assertThat(notice(robot).isVisible()).isTrue();
        assertThat(notice(robot).getText()).isEqualTo(REASON);
        robot.push(KeyCode.BACK_SPACE).push(KeyCode.CONTROL, KeyCode.X).push(KeyCode.CONTROL, KeyCode.V)
                .push(KeyCode.CONTROL, KeyCode.D).push(KeyCode.RIGHT).push(KeyCode.L)
                .push(KeyCode.CONTROL, KeyCode.Z).push(KeyCode.CONTROL, KeyCode.Y);
        fx.sync(robot);

        assertThat(fx.document.design()).isSameAs(original);
        assertThat(fx.card("maxpool1").getLayoutX()).isEqualTo(240);
        assertThat(fx.document.commands().revisionProperty().get()).isZero();
    }

    @Test
    void droppingOrInsertingAKindWhileLockedAddsNothing(FxRobot robot) {
        robot.interact(() -> {
            fx.canvas.actions().addAt(CanvasFixture.CATALOG.require("Dense"), new Point2D(600, 400));
            fx.canvas.actions().insert(CanvasFixture.CATALOG.require("Dense"));
        });

        assertThat(fx.document.design()).isSameAs(original);
        assertThat(notice(robot).getText()).isEqualTo(REASON);
    }

    @Test
    void selectingPanningZoomingAndFittingStillWorkWhileLocked(FxRobot robot) {
        robot.drag(fx.screen(10, 190), MouseButton.PRIMARY).dropTo(fx.screen(470, 300));
        assertThat(fx.document.selection()).containsExactlyInAnyOrder("conv1", "maxpool1", "dense1");

        double scale = fx.canvas.viewport().scale();
        robot.interact(() -> fx.canvas.zoomProperty().set(scale / 2));
        assertThat(fx.canvas.viewport().scale()).isEqualTo(scale / 2);
        robot.clickOn(fx.canvas).push(KeyCode.F);
        assertThat(fx.canvas.viewport().scale()).isNotEqualTo(scale / 2);

        Point2D before = fx.canvas.canvasToView(0, 0);
        Point2D start = fx.canvas.localToScreen(400, 500);
        robot.drag(start, MouseButton.MIDDLE).dropTo(new Point2D(start.getX() - 120, start.getY() - 40));
        assertThat(fx.canvas.canvasToView(0, 0)).isNotEqualTo(before);

        assertThat(fx.document.design()).isSameAs(original);
    }

    @Test
    void unlockingLetsADragMoveTheCardAgain(FxRobot robot) {
        robot.interact(() -> fx.document.setLocked(false, null));

        Point2D from = fx.screenOf(fx.card("conv1"));
        robot.drag(from, MouseButton.PRIMARY).dropTo(new Point2D(from.getX() + 50, from.getY() + 150));

        assertThat(fx.document.design().requireNode("conv1").position()).isEqualTo(new Position(70, 350));
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertThat(fx.document.design()).isEqualTo(original);
    }

    private static Labeled notice(FxRobot robot) {
        return robot.lookup("#canvas-notice").queryLabeled();
    }
}
