package dev.netwright.designer.canvas;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import javafx.geometry.Point2D;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@ExtendWith(ApplicationExtension.class)
class PaletteDropTest {
    private CanvasFixture fx;

    @Start
    void start(Stage stage) {
        Design design = Design.of("t", "", null, List.of(CanvasFixture.node("Input", "input", 40, 60)), List.of());
        fx = new CanvasFixture(stage, design);
    }

    @Test
    void draggingAKindFromThePaletteAddsItAtTheDropPoint(FxRobot robot) {
        Point2D drop = fx.canvas.localToScreen(500, 300);

        robot.drag("#palette-Conv2D").dropTo(drop);
        fx.sync(robot);

        Node conv = fx.document.design().node("conv1").orElseThrow();
        assertThat(conv.kind()).isEqualTo("Conv2D");
        Point2D centre = fx.screenOf(fx.card("conv1"));
        assertThat(centre.getX()).isCloseTo(drop.getX(), within(3.0));
        assertThat(centre.getY()).isCloseTo(drop.getY(), within(3.0));
        assertThat(fx.document.selection()).containsExactly("conv1");
    }

    @Test
    void doubleClickAddsTheKindAfterTheSelectedNodeAndWiresIt(FxRobot robot) {
        robot.clickOn("#node-input");
        robot.doubleClickOn("#palette-Conv2D");

        assertThat(fx.document.design().edges()).containsExactly(Edge.of("input", "conv1"));
        Node conv = fx.document.design().requireNode("conv1");
        assertThat(conv.position().x()).isGreaterThan(40 + NodeCard.WIDTH);
        assertThat(fx.document.selection()).containsExactly("conv1");
    }

    @Test
    void searchShowsOnlyMatchingKinds(FxRobot robot) {
        robot.clickOn("#palette-search").write("pool 2d");

        assertThat(robot.lookup("#palette-MaxPool2D").query().isVisible()).isTrue();
        assertThat(robot.lookup("#palette-Dense").query().isVisible()).isFalse();
        assertThat(robot.lookup("#palette-section-core").query().isVisible()).isFalse();
    }
}
