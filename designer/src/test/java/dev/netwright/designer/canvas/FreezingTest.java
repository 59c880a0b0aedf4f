package dev.netwright.designer.canvas;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import javafx.geometry.Point2D;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static dev.netwright.designer.canvas.CanvasFixture.node;
import static org.assertj.core.api.Assertions.assertThat;

/** Freezing from the canvas: Freeze Up to Here and Unfreeze All on a card's menu, and how a frozen card looks. */
@ExtendWith(ApplicationExtension.class)
class FreezingTest {
    private CanvasFixture fx;

    @Start
    void start(Stage stage) {
        fx = new CanvasFixture(stage, Design.of("chain", "", null, List.of(
                        node("Input", "input", 20, 60), node("Conv2D", "conv1", 260, 60),
                        node("MaxPool2D", "pool1", 500, 60), node("Conv2D", "conv2", 20, 220),
                        node("Flatten", "flatten", 260, 220), node("Dense", "dense1", 500, 220),
                        node("Output", "output", 260, 380)),
                List.of(Edge.of("input", "conv1"), Edge.of("conv1", "pool1"), Edge.of("pool1", "conv2"),
                        Edge.of("conv2", "flatten"), Edge.of("flatten", "dense1"), Edge.of("dense1", "output"))));
    }

    @Test
    void freezeUpToHereFreezesTheNodeAndItsAncestorsWithParametersInOneUndoStep(FxRobot robot) {
        String before = fx.json();

        robot.rightClickOn(fx.screenOf(fx.card("conv2")));
        clickItem(robot, "Freeze Up to Here");

        assertThat(frozen()).containsExactly("conv1", "conv2");
        assertThat(fx.document.commands().undoDescriptionProperty().get()).isEqualTo("Freeze up to conv2");
        fx.sync(robot);
        assertThat(kindText("conv2")).isEqualTo("Conv2D \u00b7 frozen");
        assertThat(paramsText("conv2")).endsWith(" params").doesNotContain("frozen");
        assertThat(kindText("dense1")).doesNotContain("frozen");

        robot.interact(() -> fx.document.commands().undo());
        assertThat(fx.json()).isEqualTo(before);
        assertThat(fx.document.commands().canUndoProperty().get()).as("one step").isFalse();
        fx.sync(robot);
        assertThat(kindText("conv2")).isEqualTo("Conv2D");
    }

    @Test
    void freezingUpToTheOutputLeavesTheOutputTrainableAndUnfreezeAllIsOneStep(FxRobot robot) {
        robot.rightClickOn(fx.screenOf(fx.card("output")));
        clickItem(robot, "Freeze Up to Here");
        assertThat(frozen()).containsExactly("conv1", "conv2", "dense1");
        String allFrozen = fx.json();

        robot.rightClickOn(fx.screenOf(fx.card("input")));
        clickItem(robot, "Unfreeze All");

        assertThat(frozen()).isEmpty();
        assertThat(fx.document.commands().undoDescriptionProperty().get()).isEqualTo("Unfreeze all");
        robot.interact(() -> fx.document.commands().undo());
        assertThat(fx.json()).isEqualTo(allFrozen);
    }

    @Test
    void unfreezeAllIsDisabledWhileNothingIsFrozenAndFreezingANodeWithoutParametersBeforeItIsToo(FxRobot robot) {
        robot.rightClickOn(fx.screenOf(fx.card("input")));
        ContextMenu menu = shownMenu();
        assertThat(item(menu, "Freeze Up to Here").isDisable()).as("input has no parameters").isTrue();
        assertThat(item(menu, "Unfreeze All").isDisable()).isTrue();
    }

    private List<String> frozen() {
        return fx.document.design().nodes().stream().filter(n -> !n.trainable()).map(Node::id).toList();
    }

    private String kindText(String id) {
        return ((Text) fx.card(id).lookup(".card-kind")).getText();
    }

    private String paramsText(String id) {
        return ((Text) fx.card(id).lookup(".card-params")).getText();
    }

    private ContextMenu shownMenu() {
        WaitForAsyncUtils.waitForFxEvents();
        ContextMenu menu = fx.canvas.contextMenus().shown();
        assertThat(menu).as("a context menu is showing").isNotNull();
        return menu;
    }

    private static MenuItem item(ContextMenu menu, String text) {
        return menu.getItems().stream().filter(i -> text.equals(i.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + text));
    }

    /** Clicks an item of the shown context menu with the mouse, as a user does. */
    private void clickItem(FxRobot robot, String text) {
        assertThat(item(shownMenu(), text).isDisable()).as(text + " enabled").isFalse();
        Label label = robot.lookup((javafx.scene.Node n) -> n instanceof Label l && text.equals(l.getText())
                && l.getScene() != fx.canvas.getScene()).queryAs(Label.class);
        Point2D at = fx.screenOf(label);
        robot.moveTo(at).clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
