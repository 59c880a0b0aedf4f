package dev.netwright.designer.canvas;

import dev.netwright.runtime.check.Diagnostic;
import dev.netwright.runtime.check.DiagnosticCode;
import dev.netwright.runtime.layers.Fix;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.netwright.designer.canvas.CanvasFixture.node;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class WiringTest {
    private static final PseudoClass ACCEPTING = PseudoClass.getPseudoClass("accepting");
    private static final PseudoClass REFUSED = PseudoClass.getPseudoClass("refused");
    private CanvasFixture fx;

    @Start
    void start(Stage stage) {
        Design design = Design.of("t", "", null, List.of(
                node("Input", "input", 30, 100),
                node("Conv2D", "conv1", 290, 100),
                node("Dense", "dense1", 550, 100),
                node("Input", "tiny", 30, 300, Map.of("height", 4, "width", 4)),
                node("Conv2D", "conv5", 290, 300, Map.of("kernelHeight", 5, "kernelWidth", 5)),
                node("Output", "output", 550, 300)), List.of());
        fx = new CanvasFixture(stage, design);
    }

    @Test
    void wiringInputToConvToDenseByDraggingPortsTurnsDenseRedWithTheFlattenFix(FxRobot robot) {
        robot.drag(fx.outPort("input"), MouseButton.PRIMARY).moveTo(new Point2D(fx.outPort("input").getX() + 40,
                fx.outPort("input").getY() + 20));
        assertThat(fx.card("conv1").inputPorts().get(0).getPseudoClassStates()).contains(ACCEPTING);
        robot.moveTo(fx.inPort("conv1")).release(MouseButton.PRIMARY);
        robot.drag(fx.outPort("conv1"), MouseButton.PRIMARY).dropTo(fx.inPort("dense1"));
        fx.sync(robot);

        assertThat(fx.document.design().edges()).containsExactly(Edge.of("input", "conv1"), Edge.of("conv1", "dense1"));
        NodeCard dense = fx.card("dense1");
        assertThat(dense.hasErrors()).isTrue();
        assertThat(robot.lookup("#node-dense1 .card-badge").query().isVisible()).isTrue();
        assertThat(dense.diagnosticsText()).contains("Fix: insert Flatten between conv1 and dense1");
        List<Fix> fixes = fx.document.check().diagnosticsFor("dense1").stream()
                .filter(Diagnostic::isError).map(Diagnostic::fix).toList();
        assertThat(fixes).containsExactly(new Fix.InsertLayer(Edge.of("conv1", "dense1"), "Flatten"));
        assertThat(fx.card("conv1").hasErrors()).isFalse();

        robot.moveTo("#node-dense1").moveBy(4, 2); // the tooltip is made on the first hover
        WaitForAsyncUtils.sleep(700, TimeUnit.MILLISECONDS);
        Tooltip tooltip = fx.card("dense1").tooltip();
        assertThat(tooltip).isNotNull();
        assertThat(tooltip.isShowing()).isTrue();
        assertThat(tooltip.getText()).contains("Fix: insert Flatten between conv1 and dense1");
    }

    @Test
    void aWireTheTargetCannotTakeIsRefusedWithTheReasonShown(FxRobot robot) {
        String before = fx.json();

        robot.drag(fx.outPort("tiny"), MouseButton.PRIMARY).moveTo(fx.inPort("conv5"));
        assertThat(fx.card("conv5").inputPorts().get(0).getPseudoClassStates()).contains(REFUSED);
        assertThat(robot.lookup("#canvas-notice").queryLabeled().isVisible()).isTrue();
        robot.release(MouseButton.PRIMARY);

        assertThat(fx.json()).isEqualTo(before);
        assertThat(robot.lookup("#canvas-notice").queryLabeled().isVisible()).isTrue();
        assertThat(robot.lookup("#canvas-notice").queryLabeled().getText()).contains("5×5").contains("4×4");
    }

    /** Before: the drop was refused with "Add needs at least 2 inputs, but only 1 is wired." */
    @Test
    void theFirstWireIntoAnAddIsMadeAlthoughAddStillNeedsASecond(FxRobot robot) {
        robot.interact(() -> fx.document.commands().reset(Design.of("t", "", null, List.of(
                node("Input", "input", 30, 100, Map.of("form", "vector")), node("Dense", "dense1", 290, 100),
                node("Add", "add1", 550, 100)), List.of(Edge.of("input", "dense1")))));
        fx.sync(robot);

        robot.drag(fx.outPort("dense1"), MouseButton.PRIMARY).dropTo(fx.inPort("add1"));
        fx.sync(robot);

        assertThat(fx.document.design().edges()).containsExactly(Edge.of("input", "dense1"), Edge.of("dense1", "add1"));
        assertThat(fx.document.check().diagnosticsFor("add1")).extracting(Diagnostic::code)
                .contains(DiagnosticCode.TOO_FEW_INPUTS);
    }

    @Test
    void aWireThatWouldCloseACycleIsRefusedWithTheReasonShown(FxRobot robot) {
        robot.interact(() -> fx.document.commands().reset(Design.of("t", "", null, List.of(
                node("Dense", "dense1", 30, 100), node("Dense", "dense2", 290, 100), node("Dense", "dense3", 550, 100)),
                List.of(Edge.of("dense1", "dense2"), Edge.of("dense2", "dense3")))));
        fx.sync(robot);
        String before = fx.json();

        robot.drag(fx.outPort("dense3"), MouseButton.PRIMARY).dropTo(fx.inPort("dense1"));

        assertThat(fx.json()).isEqualTo(before);
        assertThat(robot.lookup("#canvas-notice").queryLabeled().getText())
                .isEqualTo("This wire would make a cycle: dense1 already feeds dense3.");
    }

    @Test
    void anOutputHasNoOutputPortToDragFrom(FxRobot robot) {
        assertThat(fx.card("output").outputPort()).isNull();
        assertThat(robot.lookup("#port-output-out").tryQuery()).isEmpty();
        assertThat(robot.lookup("#port-output-in").tryQuery()).isPresent();
    }
}
