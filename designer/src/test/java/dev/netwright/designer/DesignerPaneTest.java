package dev.netwright.designer;

import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.design.Edge;
import dev.netwright.samples.Samples;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** The composed designer: palette, canvas, inspector and diagnostics work on one document together. */
@ExtendWith(ApplicationExtension.class)
class DesignerPaneTest {
    private DesignerPane pane;

    @Start
    void start(Stage stage) {
        pane = new DesignerPane(new DesignDocument(Samples.load("cnn")));
        stage.setScene(new Scene(pane, 1200, 760));
        stage.show();
    }

    @Test
    void doubleClickingAKindAddsItAfterTheSelectionAndTheInspectorShowsIt(FxRobot robot) {
        robot.interact(() -> pane.document().select("dense1"));
        robot.doubleClickOn("#palette-Dropout");
        WaitForAsyncUtils.waitForFxEvents();

        String added = pane.document().selection().iterator().next();
        assertThat(pane.document().design().requireNode(added).kind()).isEqualTo("Dropout");
        assertThat(pane.document().design().edges()).contains(Edge.of("dense1", added));
        assertThat(robot.lookup("#inspector-kind").queryAs(Label.class).getText()).contains("Dropout");
        assertThat(pane.totals().textProperty().get()).contains("93,322 parameters");
    }

    @Test
    void enterOnAPaletteEntryAddsItButCtrlEnterIsLeftToTheApp(FxRobot robot) {
        int before = pane.document().design().nodes().size();
        robot.clickOn("#palette-Dropout");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        assertThat(pane.document().design().nodes()).as("focus %s", chain(pane.getScene().getFocusOwner())).hasSize(before + 1);
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.ENTER).release(javafx.scene.input.KeyCode.CONTROL);
        assertThat(pane.document().design().nodes()).hasSize(before + 1);
    }

    private static String chain(javafx.scene.Node n) {
        StringBuilder b = new StringBuilder();
        for (; n != null; n = n.getParent()) {
            b.append(n.getClass().getSimpleName()).append('#').append(n.getId()).append(" < ");
        }
        return b.toString();
    }

    @Test
    void openingADiagnosticSelectsAndCentresItsNode(FxRobot robot) {
        robot.interact(() -> pane.document().execute(
                dev.netwright.designer.command.Edits.deleteNodes(java.util.List.of("flatten"), "Delete")));
        WaitForAsyncUtils.waitForFxEvents();
        var diagnostic = pane.diagnostics().model().diagnostics().stream()
                .filter(d -> "dense1".equals(d.nodeId())).findFirst().orElseThrow();
        robot.interact(() -> pane.diagnostics().model().open(diagnostic));

        assertThat(pane.document().selection()).containsExactly("dense1");
        var node = pane.document().design().requireNode("dense1").position();
        var view = pane.canvas().canvasToView(node.x(), node.y());
        assertThat(view.getX()).isBetween(0.0, pane.canvas().getWidth());
        assertThat(view.getY()).isBetween(0.0, pane.canvas().getHeight());
    }

    @Test
    void afterAFixLinkIsClickedTheKeysGoToTheCanvas(FxRobot robot) {
        // issue 15, defect 3: the link went away with its problem and the focus moved on to the palette's search box
        robot.interact(() -> {
            pane.document().execute(dev.netwright.designer.command.Edits.deleteNodes(java.util.List.of("flatten"), "Delete"));
            pane.document().execute(dev.netwright.designer.command.Edits.connect(Edge.of("conv3", "dense1")));
        });
        WaitForAsyncUtils.waitForFxEvents();
        var fix = robot.lookup(".diagnostic-fix").match(javafx.scene.Node::isVisible)
                .queryAs(javafx.scene.control.Hyperlink.class);

        robot.clickOn(fix);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(pane.document().check().errors()).isEmpty();
        assertThat(pane.getScene().getFocusOwner()).isSameAs(pane.canvas());
    }
}
