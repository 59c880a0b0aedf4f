package dev.netwright.designer.canvas;

import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Flow;
import dev.netwright.samples.Samples;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@ExtendWith(ApplicationExtension.class)
class LayoutAndViewTest {
    private CanvasFixture fx;

    @Start
    void start(Stage stage) {
        // skip connections: wires that jump layers; left to right, as the sample shipped before it opened top to bottom
        fx = new CanvasFixture(stage, Samples.load("resnet").withFlow(Flow.RIGHT));
    }

    @Test
    void autoLayoutLeavesNoOverlapsAndEveryWireRunsLeftToRight(FxRobot robot) {
        robot.clickOn(fx.canvas).push(KeyCode.L);
        fx.sync(robot);

        assertThat(fx.document.commands().undoDescriptionProperty().get()).isEqualTo("Auto-layout");
        List<NodeCard> cards = new ArrayList<>(fx.canvas.graph().cards());
        for (int i = 0; i < cards.size(); i++) {
            for (int j = i + 1; j < cards.size(); j++) {
                Rectangle2D a = cards.get(i).boundsInCanvas();
                Rectangle2D b = cards.get(j).boundsInCanvas();
                assertThat(a.intersects(b)).as(cards.get(i).nodeId() + " overlaps " + cards.get(j).nodeId()).isFalse();
            }
        }
        for (Edge edge : fx.document.design().edges()) {
            Rectangle2D from = fx.card(edge.from()).boundsInCanvas();
            Rectangle2D to = fx.card(edge.to()).boundsInCanvas();
            assertThat(from.getMaxX()).as(edge.toString()).isLessThan(to.getMinX());
        }
    }

    @Test
    void afterAutoLayoutTheViewIsReadableAndShowsTheDesignFromItsInput(FxRobot robot) {
        robot.interact(() -> fx.canvas.viewportState().set(new Viewport(0.2, -4000, 3000))); // tiny and far away

        robot.clickOn(fx.canvas).push(KeyCode.L);
        fx.sync(robot);

        assertThat(fx.canvas.viewport().scale()).as("readable").isGreaterThanOrEqualTo(DesignCanvas.READABLE_SCALE);
        Rectangle2D visible = fx.canvas.viewport().visibleArea(fx.canvas.getWidth(), fx.canvas.getHeight());
        assertThat(visible.contains(fx.card("input").boundsInCanvas())).as("the input is in view").isTrue();
    }

    @Test
    void layingOutTopToBottomPutsPortsOnTopAndBottomAndUndoesAsOne(FxRobot robot) {
        String before = new dev.netwright.runtime.format.DesignJson().write(fx.document.design());

        robot.interact(() -> fx.canvas.actions().layOut(Flow.DOWN));
        fx.sync(robot);

        assertThat(fx.document.design().flow()).isEqualTo(Flow.DOWN);
        assertThat(fx.document.commands().undoDescriptionProperty().get()).isEqualTo("Lay Out Top to Bottom");
        for (Edge edge : fx.document.design().edges()) {
            Rectangle2D from = fx.card(edge.from()).boundsInCanvas();
            Rectangle2D to = fx.card(edge.to()).boundsInCanvas();
            assertThat(from.getMaxY()).as(edge.toString()).isLessThan(to.getMinY());
            WireView wire = fx.canvas.graph().wire(edge);
            assertThat(wire.getStartY()).as("leaves at the bottom").isCloseTo(from.getMaxY(), within(0.5));
            assertThat(wire.getEndY()).as("enters at the top").isCloseTo(to.getMinY(), within(0.5));
        }
        assertThat(fx.canvas.viewport().scale()).as("readable after the layout").isGreaterThanOrEqualTo(0.75);

        robot.interact(() -> fx.document.commands().undo());
        fx.sync(robot);
        assertThat(new dev.netwright.runtime.format.DesignJson().write(fx.document.design())).isEqualTo(before);
        Edge first = fx.document.design().edges().get(0);
        assertThat(fx.canvas.graph().wire(first).getStartX())
                .isCloseTo(fx.card(first.from()).boundsInCanvas().getMaxX(), within(0.5));
    }

    @Test
    void ctrlWheelZoomsKeepingThePointUnderTheCursorFixed(FxRobot robot) {
        Point2D view = new Point2D(310, 170);
        Point2D under = fx.canvas.viewToCanvas(view.getX(), view.getY());

        robot.moveTo(fx.canvas.localToScreen(view)).press(KeyCode.CONTROL).scroll(3, VerticalDirection.UP)
                .release(KeyCode.CONTROL);

        assertThat(fx.canvas.zoomProperty().get()).isNotEqualTo(1.0);
        Point2D after = fx.canvas.canvasToView(under.getX(), under.getY());
        assertThat(after.getX()).isCloseTo(view.getX(), within(0.5));
        assertThat(after.getY()).isCloseTo(view.getY(), within(0.5));
    }

    @Test
    void settingTheZoomPropertyZoomsAboutTheMiddleOfTheView(FxRobot robot) {
        double midX = fx.canvas.getWidth() / 2;
        double midY = fx.canvas.getHeight() / 2;
        Point2D middle = fx.canvas.viewToCanvas(midX, midY);

        robot.interact(() -> fx.canvas.zoomProperty().set(2));

        assertThat(fx.canvas.viewport().scale()).isEqualTo(2);
        Point2D after = fx.canvas.canvasToView(middle.getX(), middle.getY());
        assertThat(after.getX()).isCloseTo(midX, within(1e-6));
        assertThat(after.getY()).isCloseTo(midY, within(1e-6));
        robot.interact(() -> fx.canvas.zoomProperty().set(100));
        assertThat(fx.canvas.zoomProperty().get()).isEqualTo(Viewport.MAX_SCALE);
    }

    @Test
    void fitShowsEveryCardAndCentreOnPutsANodeInTheMiddle(FxRobot robot) {
        robot.clickOn(fx.canvas).push(KeyCode.F);
        Rectangle2D visible = fx.canvas.viewport().visibleArea(fx.canvas.getWidth(), fx.canvas.getHeight());
        for (NodeCard card : fx.canvas.graph().cards()) {
            assertThat(visible.contains(card.boundsInCanvas())).as(card.nodeId()).isTrue();
        }

        robot.interact(() -> fx.canvas.centreOn("output"));
        Point2D centre = fx.canvas.localToScreen(fx.canvas.getWidth() / 2, fx.canvas.getHeight() / 2);
        Point2D card = fx.screenOf(fx.card("output"));
        assertThat(card.getX()).isCloseTo(centre.getX(), within(1.0));
        assertThat(card.getY()).isCloseTo(centre.getY(), within(1.0));
    }

    @Test
    void middleDragPans(FxRobot robot) {
        Point2D start = fx.canvas.localToScreen(400, 500);
        robot.drag(start, javafx.scene.input.MouseButton.MIDDLE).dropTo(new Point2D(start.getX() - 120, start.getY() - 40));

        assertThat(fx.canvas.viewport().translateX()).isCloseTo(-120, within(0.5));
        assertThat(fx.canvas.viewport().translateY()).isCloseTo(-40, within(0.5));
        assertThat(fx.document.commands().canUndoProperty().get()).isFalse();
    }
}
