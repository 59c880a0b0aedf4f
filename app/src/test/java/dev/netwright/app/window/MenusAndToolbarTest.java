package dev.netwright.app.window;

import dev.netwright.designer.command.Edits;
import dev.netwright.runtime.design.Position;
import dev.netwright.samples.Sample;
import dev.netwright.samples.Samples;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToolBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.netwright.app.window.WindowTestSupport.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/** The window's menu bar and toolbar: their items, keys and which of them apply with no design, a design, a locked design. */
@ExtendWith(ApplicationExtension.class)
class MenusAndToolbarTest {
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = WindowTestSupport.window(stage, WindowTestSupport.freshHome(), new ScriptedDialogs());
    }

    @Test
    void theMenuBarOffersEveryCommandWithItsKeys(FxRobot robot) throws Exception {
        List<String> expected = new ArrayList<>(List.of(
                "File", "File/New [Shortcut+N]", "File/Open… [Shortcut+O]", "File/Open Sample"));
        for (Sample sample : Samples.list()) {
            expected.add("File/Open Sample/" + sample.title());
        }
        expected.addAll(List.of(
                "File/Open Recent", "File/Open Recent/(none)", "File/Import… [Shortcut+I]", "File/---",
                "File/Save [Shortcut+S]", "File/Save As… [Shift+Shortcut+S]", "File/Close [Shortcut+W]", "File/---",
                "File/Export Trained Model…", "File/Export ONNX Model…", "File/Export Drawing",
                "File/Export Drawing/Drawing as PNG…", "File/Export Drawing/Drawing as SVG…", "File/Export Code",
                "File/Export Code/Keras…", "File/Export Code/PyTorch…", "File/Export Code/PyTorch with Trained Weights…",
                "File/Export Code/Java (Deeplearning4j)…",
                "File/Export Chart",
                "File/Export Chart/Training Chart as PNG…", "File/Export Chart/Confusion Matrix as PNG…",
                "File/Export Chart/---", "File/Export Chart/Iterations as CSV…", "File/Export Chart/Epochs as CSV…",
                "File/Export Chart/Confusion Matrix as CSV…", "File/---", "File/Quit [Shortcut+Q]",
                "Edit", "Edit/Undo [Shortcut+Z]", "Edit/Redo [Shift+Shortcut+Z]", "Edit/---",
                "Edit/Cut [Shortcut+X]", "Edit/Copy [Shortcut+C]", "Edit/Paste [Shortcut+V]", "Edit/Delete [Delete]", "Edit/---",
                "Edit/Select All [Shortcut+A]", "Edit/---", "Edit/Paste Keras Code…",
                "View", "View/Fit to Window [F]", "View/Auto-layout [L]", "View/Lay Out Left to Right", "View/Lay Out Top to Bottom", "View/---",
                "View/Zoom In [Shortcut+Plus]", "View/Zoom Out [Shortcut+Minus]", "View/Actual Size [Shortcut+0]", "View/---",
                "View/Model Summary [Shortcut+5]", "View/Panels", "View/Panels/Data [Shortcut+1]", "View/Panels/Training [Shortcut+2]",
                "View/Panels/Evaluation [Shortcut+3]", "View/Panels/Runs [Shortcut+4]", "View/Panels/Compress [Shortcut+6]",
                "View/Panels/Try It [Shortcut+7]",
                "View/Panels/Doctor [Shortcut+8]",
                "View/Panels/Experiments [Shortcut+9]",
                "View/Panels/---",
                "View/Panels/In Their Own Window",
                "Run", "Run/Train [Shortcut+Enter]", "Run/Pause", "Run/Resume", "Run/Stop [Shortcut+Period]", "Run/---",
                "Run/Evaluate the Design's Own Weights", "Run/Check in ONNX Runtime",
                "Help", "Help/User Guide", "Help/Keyboard Shortcuts [F1]", "Help/About Netwright"));

        assertThat(onFx(() -> items(menuBar(robot)))).containsExactlyElementsOf(expected);
    }

    @Test
    void theToolbarOffersItsCommandsWithTheirTooltips(FxRobot robot) throws Exception {
        List<String> buttons = onFx(() -> {
            List<String> shown = new ArrayList<>();
            for (Node item : robot.lookup("#toolbar").queryAs(ToolBar.class).getItems()) {
                shown.add(item instanceof Button b ? b.getText() + ": " + b.getTooltip().getText() : "---");
            }
            return shown;
        });

        assertThat(buttons).containsExactly("New: New design (Ctrl+N)", "Open: Open a design (Ctrl+O)", "Save: Save (Ctrl+S)",
                "---", "Undo: Undo (Ctrl+Z)", "Redo: Redo (Ctrl+Shift+Z)", "---",
                "Layout: Lay the graph out again (L)", "Fit: Fit the design in view (F)", "---",
                "Train: Train the design (Ctrl+Enter)", "Stop: Stop the run at the next minibatch; the model is saved");
    }

    @Test
    void withNoDesignOpenOnlyNewOpenSamplesQuitAndHelpApply(FxRobot robot) throws Exception {
        assertThat(onFx(() -> disabled(robot))).containsExactlyInAnyOrder(
                "File/Save", "File/Save As…", "File/Close", "File/Export Trained Model…", "File/Export ONNX Model…",
                "File/Export Drawing",
                "File/Export Code", "File/Export Chart",
                "Edit/Undo", "Edit/Redo", "Edit/Cut", "Edit/Copy", "Edit/Paste", "Edit/Delete", "Edit/Select All",
                "View/Fit to Window", "View/Auto-layout", "View/Lay Out Left to Right", "View/Lay Out Top to Bottom", "View/Zoom In", "View/Zoom Out", "View/Actual Size", "View/Model Summary", "View/Panels", "View/Panels/In Their Own Window",
                "Run/Train", "Run/Pause", "Run/Resume", "Run/Stop", "Run/Evaluate the Design's Own Weights",
                "Run/Check in ONNX Runtime", "toolbar/Save", "toolbar/Undo", "toolbar/Redo", "toolbar/Layout", "toolbar/Fit", "toolbar/Train",
                "toolbar/Stop");
    }

    @Test
    void anOpenDesignWithNoRunAndNoHistoryDisablesOnlyUndoRedoAndTheRunningRunsCommands(FxRobot robot) throws Exception {
        onFx(() -> window.openSample("cnn"));

        assertThat(onFx(() -> disabled(robot))).containsExactlyInAnyOrder(
                "Edit/Undo", "Edit/Redo", "Run/Pause", "Run/Resume", "Run/Stop",
                "toolbar/Undo", "toolbar/Redo", "toolbar/Stop");
    }

    @Test
    void anEditEnablesUndoAndUndoFromTheToolbarTakesItBack(FxRobot robot) throws Exception {
        onFx(() -> {
            window.openSample("cnn");
            Workspace w = window.workspace().orElseThrow();
            String id = w.document().design().nodes().iterator().next().id();
            w.document().execute(Edits.moveNodes(Map.of(id, new Position(777, 333))));
        });
        assertThat(onFx(() -> disabled(robot))).doesNotContain("Edit/Undo Move layer", "toolbar/Undo").contains("Edit/Redo");
        assertThat(onFx(() -> find(menuBar(robot).getMenus(), "", "Edit/Undo Move layer").getText()))
                .as("the menu says what it undoes").isEqualTo("Undo Move layer");

        onFx(() -> robot.lookup("#toolbar").queryAs(ToolBar.class).getItems().stream()
                .filter(n -> n instanceof Button b && b.getText().equals("Undo")).map(Button.class::cast)
                .findFirst().orElseThrow().fire());

        assertThat(onFx(() -> window.workspace().orElseThrow().document().commands().canUndoProperty().get())).isFalse();
        assertThat(onFx(() -> disabled(robot))).contains("Edit/Undo", "toolbar/Undo").doesNotContain("Edit/Redo Move layer");
        assertThat(onFx(() -> items(menuBar(robot)))).contains("Edit/Redo Move layer [Shift+Shortcut+Z]");
    }

    @Test
    void aLockedDesignDisablesTheEditsButNotCopySelectAllFitOrZoom(FxRobot robot) throws Exception {
        onFx(() -> {
            window.openSample("cnn");
            window.workspace().orElseThrow().document().setLocked(true, "A training run uses this design: stop it to edit.");
        });

        assertThat(onFx(() -> disabled(robot))).containsExactlyInAnyOrder(
                "Edit/Undo", "Edit/Redo", "Edit/Cut", "Edit/Paste", "Edit/Delete", "View/Auto-layout",
                "View/Lay Out Left to Right", "View/Lay Out Top to Bottom",
                "Run/Pause", "Run/Resume", "Run/Stop",
                "toolbar/Undo", "toolbar/Redo", "toolbar/Layout", "toolbar/Stop");
    }

    @Test
    void selectAllFromTheMenuSelectsEveryNodeOfTheOpenDesign(FxRobot robot) throws Exception {
        onFx(() -> window.openSample("cnn"));

        onFx(() -> find(menuBar(robot).getMenus(), "", "Edit/Select All").fire());

        assertThat(onFx(() -> {
            var document = window.workspace().orElseThrow().document();
            return document.selection().size() == document.design().nodes().size();
        })).isTrue();
    }

    private static MenuBar menuBar(FxRobot robot) {
        return robot.lookup(".menu-bar").queryAs(MenuBar.class);
    }

    /** Every menu and item as "Menu/Sub/Item [keys]", separators as "---", in order. */
    private static List<String> items(MenuBar bar) {
        List<String> out = new ArrayList<>();
        for (Menu menu : bar.getMenus()) {
            out.add(menu.getText());
            items(menu, menu.getText() + "/", out);
        }
        return out;
    }

    private static void items(Menu menu, String path, List<String> out) {
        for (MenuItem item : menu.getItems()) {
            String name = item instanceof SeparatorMenuItem ? "---" : item.getText();
            out.add(path + name + (item.getAccelerator() == null ? "" : " [" + item.getAccelerator().getName() + "]"));
            if (item instanceof Menu sub) {
                items(sub, path + name + "/", out);
            }
        }
    }

    /** The disabled menus, menu items and toolbar buttons, as "Menu/Item" and "toolbar/Text". */
    private static Set<String> disabled(FxRobot robot) {
        Set<String> out = new TreeSet<>();
        for (Menu menu : menuBar(robot).getMenus()) {
            disabled(menu, menu.getText() + "/", out);
        }
        for (Node item : robot.lookup("#toolbar").queryAs(ToolBar.class).getItems()) {
            if (item instanceof Button b && b.isDisable()) {
                out.add("toolbar/" + b.getText());
            }
        }
        return out;
    }

    private static void disabled(Menu menu, String path, Set<String> out) {
        for (MenuItem item : menu.getItems()) {
            if (item instanceof SeparatorMenuItem) {
                continue;
            }
            if (item.isDisable()) {
                out.add(path + item.getText());
            }
            if (item instanceof Menu sub) {
                disabled(sub, path + item.getText() + "/", out);
            }
        }
    }

    private static MenuItem find(List<? extends MenuItem> items, String path, String wanted) {
        for (MenuItem item : items) {
            if (wanted.equals(path + item.getText())) {
                return item;
            }
            if (item instanceof Menu sub && wanted.startsWith(path + item.getText() + "/")) {
                return find(sub.getItems(), path + item.getText() + "/", wanted);
            }
        }
        throw new AssertionError("no menu item " + wanted);
    }
}
