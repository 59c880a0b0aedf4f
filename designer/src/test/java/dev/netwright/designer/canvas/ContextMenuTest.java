package dev.netwright.designer.canvas;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import javafx.geometry.Point2D;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;

import static dev.netwright.designer.canvas.CanvasFixture.node;
import static org.assertj.core.api.Assertions.assertThat;

/** The canvas's context menus, opened with the right button or the keyboard: a card's fixes and edits, the canvas's own. */
@ExtendWith(ApplicationExtension.class)
class ContextMenuTest {
    private CanvasFixture fx;

    @Start
    void start(Stage stage) {
        // dense1 reads an image: the checker offers to insert a Flatten
        fx = new CanvasFixture(stage, Design.of("needs flatten", "", null, List.of(
                        node("Input", "input", 20, 60), node("Conv2D", "conv1", 280, 60),
                        node("Dense", "dense1", 540, 60), node("Output", "output", 800, 60)),
                List.of(Edge.of("input", "conv1"), Edge.of("conv1", "dense1"), Edge.of("dense1", "output"))));
    }

    @Test
    void rightClickingAnUnselectedCardSelectsItAndOffersItsFixAndTheEdits(FxRobot robot) {
        robot.interact(() -> fx.document.select("input"));

        robot.rightClickOn(fx.screenOf(fx.card("dense1")));

        assertThat(fx.document.selection()).containsExactly("dense1");
        assertThat(texts(shownMenu(robot))).containsExactly(
                "Insert Flatten between conv1 and dense1", "---", "Cut", "Copy", "Duplicate", "Delete",
                "---", "Freeze Up to Here", "Unfreeze All");
    }

    @Test
    void theFixFromTheMenuIsOneUndoableStep(FxRobot robot) {
        robot.rightClickOn(fx.screenOf(fx.card("dense1")));
        String before = fx.json();

        clickItem(robot, "Insert Flatten between conv1 and dense1");

        assertThat(fx.document.check().errorCount()).isZero();
        assertThat(fx.document.commands().undoDescriptionProperty().get()).isEqualTo("Insert Flatten between conv1 and dense1");
        robot.interact(() -> fx.document.commands().undo());
        assertThat(fx.json()).isEqualTo(before);
    }

    @Test
    void rightClickingASelectedCardKeepsTheSelectionAndDuplicateCopiesItInOneStep(FxRobot robot) {
        robot.interact(() -> fx.document.select(List.of("conv1", "dense1")));
        int nodes = fx.document.design().nodes().size();
        int wires = fx.document.design().edges().size();

        robot.rightClickOn(fx.screenOf(fx.card("conv1")));
        assertThat(fx.document.selection()).containsExactlyInAnyOrder("conv1", "dense1");
        clickItem(robot, "Duplicate");

        assertThat(fx.document.design().nodes()).hasSize(nodes + 2);
        assertThat(fx.document.design().edges()).as("the wire between the two comes along").hasSize(wires + 1);
        assertThat(fx.document.selection()).hasSize(2).doesNotContain("conv1", "dense1");
        robot.interact(() -> fx.document.commands().undo());
        assertThat(fx.document.design().nodes()).hasSize(nodes);
    }

    @Test
    void deleteFromTheCardMenuDeletesTheCard(FxRobot robot) {
        robot.rightClickOn(fx.screenOf(fx.card("conv1")));

        clickItem(robot, "Delete");

        assertThat(fx.document.design().contains("conv1")).isFalse();
        assertThat(fx.document.commands().undoDescriptionProperty().get()).startsWith("Delete");
    }

    @Test
    void emptyCanvasOffersPasteSelectAllLayoutAndFit(FxRobot robot) {
        robot.rightClickOn(fx.screen(400, 500));

        assertThat(texts(shownMenu(robot))).containsExactly("Paste", "Select All", "---", "Auto-layout", "Fit to Window");
        assertThat(item(shownMenu(robot), "Paste").isDisable()).as("nothing copied yet").isTrue();

        clickItem(robot, "Select All");
        assertThat(fx.document.selection()).hasSize(4);
    }

    @Test
    void pasteFromTheCanvasMenuPastesWhatCopyFromACardMenuCopied(FxRobot robot) {
        robot.rightClickOn(fx.screenOf(fx.card("input")));
        clickItem(robot, "Copy");

        robot.rightClickOn(fx.screen(400, 500));
        clickItem(robot, "Paste");

        assertThat(fx.document.design().nodes()).hasSize(5);
        assertThat(fx.document.commands().undoDescriptionProperty().get()).startsWith("Paste");
    }

    @Test
    void theMenuKeyOpensTheSelectedCardsMenu(FxRobot robot) {
        robot.interact(() -> {
            fx.document.select("dense1");
            fx.canvas.requestFocus();
        });

        robot.press(KeyCode.SHIFT, KeyCode.F10).release(KeyCode.F10, KeyCode.SHIFT);

        assertThat(texts(shownMenu(robot))).first().isEqualTo("Insert Flatten between conv1 and dense1");
    }

    @Test
    void aLockedDesignOffersOnlyCopyFromACard(FxRobot robot) {
        robot.interact(() -> fx.document.setLocked(true, "A training run uses this design: stop it to edit."));

        robot.rightClickOn(fx.screenOf(fx.card("dense1")));

        List<String> enabled = new ArrayList<>();
        for (MenuItem item : shownMenu(robot).getItems()) {
            if (!(item instanceof SeparatorMenuItem) && !item.isDisable()) {
                enabled.add(item.getText());
            }
        }
        assertThat(enabled).containsExactly("Copy");
    }

    private ContextMenu shownMenu(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        ContextMenu menu = fx.canvas.contextMenus().shown();
        assertThat(menu).as("a context menu is showing").isNotNull();
        assertThat(menu.isShowing()).isTrue();
        return menu;
    }

    private static List<String> texts(ContextMenu menu) {
        return menu.getItems().stream().map(i -> i instanceof SeparatorMenuItem ? "---" : i.getText()).toList();
    }

    private static MenuItem item(ContextMenu menu, String text) {
        return menu.getItems().stream().filter(i -> text.equals(i.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + text + " in " + texts(menu)));
    }

    /** Clicks an item of the shown context menu with the mouse, as a user does. */
    private void clickItem(FxRobot robot, String text) {
        item(shownMenu(robot), text);
        Label label = robot.lookup((javafx.scene.Node n) -> n instanceof Label l && text.equals(l.getText())
                && l.getScene() != fx.canvas.getScene()).queryAs(Label.class);
        Point2D at = fx.screenOf(label);
        robot.moveTo(at).clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
