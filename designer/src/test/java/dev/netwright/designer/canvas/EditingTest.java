package dev.netwright.designer.canvas;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Position;
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

@ExtendWith(ApplicationExtension.class)
class EditingTest {
    private CanvasFixture fx;

    @Start
    void start(Stage stage) {
        Design design = Design.of("t", "", null, List.of(
                node("Input", "input", 20, 60),
                node("Conv2D", "conv1", 20, 200),
                node("MaxPool2D", "maxpool1", 240, 200),
                node("Dense", "dense1", 460, 200)),
                List.of(Edge.of("input", "conv1"), Edge.of("conv1", "maxpool1"), Edge.of("maxpool1", "dense1")));
        fx = new CanvasFixture(stage, design);
    }

    @Test
    void rubberBandSelectsTheCardsItTouches(FxRobot robot) {
        robot.drag(fx.screen(10, 190), MouseButton.PRIMARY).dropTo(fx.screen(470, 300));

        assertThat(fx.document.selection()).containsExactlyInAnyOrder("conv1", "maxpool1", "dense1");
        assertThat(fx.card("conv1").isSelected()).isTrue();
        assertThat(fx.card("input").isSelected()).isFalse();
    }

    @Test
    void copyAndPasteOfAChainKeepsItsInternalWiresWithFreshIds(FxRobot robot) {
        robot.drag(fx.screen(10, 190), MouseButton.PRIMARY).dropTo(fx.screen(470, 300));
        robot.push(KeyCode.CONTROL, KeyCode.C).push(KeyCode.CONTROL, KeyCode.V);

        Design design = fx.document.design();
        assertThat(design.nodes()).hasSize(7);
        assertThat(design.edges()).contains(Edge.of("conv2", "maxpool2"), Edge.of("maxpool2", "dense2"));
        assertThat(design.edgesInto("conv2")).isEmpty(); // the wire from outside the copy stays behind
        assertThat(design.requireNode("conv2").position()).isEqualTo(new Position(50, 230));
        assertThat(fx.document.selection()).containsExactlyInAnyOrder("conv2", "maxpool2", "dense2");
        assertThat(fx.document.commands().undoDescriptionProperty().get()).isEqualTo("Paste 3 layers");
    }

    @Test
    void clickSelectsAndShiftClickToggles(FxRobot robot) {
        robot.clickOn("#node-conv1");
        assertThat(fx.document.selection()).containsExactly("conv1");
        robot.press(KeyCode.SHIFT).clickOn("#node-dense1").clickOn("#node-conv1").release(KeyCode.SHIFT);
        assertThat(fx.document.selection()).containsExactly("dense1");
        robot.clickOn(fx.screen(700, 500));
        assertThat(fx.document.selection()).isEmpty();
    }

    @Test
    void movingSeveralCardsIsOneUndoStep(FxRobot robot) {
        String before = fx.json();
        robot.clickOn("#node-conv1").press(KeyCode.SHIFT).clickOn("#node-maxpool1").release(KeyCode.SHIFT);

        Point2D from = fx.screenOf(fx.card("conv1"));
        robot.drag(from, MouseButton.PRIMARY).dropTo(new Point2D(from.getX() + 50, from.getY() + 150));

        Design moved = fx.document.design();
        assertThat(moved.requireNode("conv1").position()).isEqualTo(new Position(70, 350));
        assertThat(moved.requireNode("maxpool1").position()).isEqualTo(new Position(290, 350));
        assertThat(moved.requireNode("dense1").position()).isEqualTo(new Position(460, 200));
        assertThat(fx.document.commands().undoDescriptionProperty().get()).isEqualTo("Move 2 layers");
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertThat(fx.json()).isEqualTo(before);
        assertThat(fx.document.commands().canUndoProperty().get()).isFalse();
    }

    @Test
    void deleteRemovesTheSelectionAndItsWires(FxRobot robot) {
        robot.clickOn("#node-maxpool1").push(KeyCode.DELETE);
        fx.sync(robot);

        assertThat(fx.document.design().contains("maxpool1")).isFalse();
        assertThat(fx.document.design().edges()).containsExactly(Edge.of("input", "conv1"));
        assertThat(robot.lookup("#node-maxpool1").tryQuery()).isEmpty();
        assertThat(fx.canvas.graph().wires()).hasSize(1);
    }

    @Test
    void arrowKeysNudgeTheSelectionOneCommandPerPress(FxRobot robot) {
        robot.clickOn("#node-conv1").push(KeyCode.RIGHT).push(KeyCode.RIGHT).push(KeyCode.SHIFT, KeyCode.DOWN);

        Node conv = fx.document.design().requireNode("conv1");
        assertThat(conv.position()).isEqualTo(new Position(40, 201));
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertThat(fx.document.design().requireNode("conv1").position()).isEqualTo(new Position(40, 200));
    }

    @Test
    void clickingAWireSelectsItAndDeleteDisconnects(FxRobot robot) {
        fx.sync(robot);
        WireView wire = fx.canvas.graph().wire(Edge.of("conv1", "maxpool1"));
        Point2D middle = fx.screen((wire.getStartX() + wire.getEndX()) / 2, (wire.getStartY() + wire.getEndY()) / 2);
        robot.clickOn(middle).push(KeyCode.DELETE);

        assertThat(fx.document.design().edges()).doesNotContain(Edge.of("conv1", "maxpool1"));
        assertThat(fx.document.design().nodes()).hasSize(4);
    }
}
