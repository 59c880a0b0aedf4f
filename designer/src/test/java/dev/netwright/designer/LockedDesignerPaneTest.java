package dev.netwright.designer;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.check.Diagnostic;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Position;
import dev.netwright.runtime.layers.LayerCatalog;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The composed designer while a training run locks its design: the palette, editors and fixes grey out, values stay. */
@ExtendWith(ApplicationExtension.class)
class LockedDesignerPaneTest {
    private static final String REASON = "Training run in progress – stop it to edit";
    private DesignerPane pane;
    private DesignDocument doc;

    @Start
    void start(Stage stage) {
        // Input → Conv2D → Dense → Output: dense1 has an error whose fix (insert Flatten) the diagnostics list offers.
        LayerCatalog catalog = StandardKinds.catalog();
        doc = new DesignDocument(Design.of("needs flatten", "", null, List.of(
                catalog.require("Input").newNode("input", new Position(0, 0)),
                catalog.require("Conv2D").newNode("conv1", new Position(250, 0)),
                catalog.require("Dense").newNode("dense1", new Position(500, 0)),
                catalog.require("Output").newNode("output", new Position(750, 0))),
                List.of(Edge.of("input", "conv1"), Edge.of("conv1", "dense1"), Edge.of("dense1", "output"))));
        doc.select("conv1");
        pane = new DesignerPane(doc);
        stage.setScene(new Scene(pane, 1200, 760));
        stage.show();
    }

    @Test
    void thePaletteIsDisabledWhileLocked(FxRobot robot) {
        lock(robot);
        assertThat(pane.palette().isDisabled()).isTrue();
        assertThat(robot.lookup("#palette-Dense").query().isDisabled()).isTrue();

        unlock(robot);
        assertThat(robot.lookup("#palette-Dense").query().isDisabled()).isFalse();
    }

    @Test
    void inspectorEditorsAreDisabledButStillShownWhileLockedAndEnabledAfter(FxRobot robot) {
        lock(robot);
        TextField kernel = robot.lookup("#param-kernelHeight").queryAs(TextField.class);
        List<Node> editors = List.of(kernel, robot.lookup("#param-activation").queryAs(ComboBox.class),
                robot.lookup("#param-useBias").queryAs(CheckBox.class), robot.lookup("#inspector-name").query());
        assertThat(editors).allMatch(Node::isDisabled).allMatch(Node::isVisible);
        assertThat(kernel.getText()).as("the value stays readable").isNotEmpty();
        Label why = robot.lookup("#inspector-locked").queryAs(Label.class);
        assertThat(why.isVisible()).isTrue();
        assertThat(why.getText()).isEqualTo(REASON);

        unlock(robot);
        assertThat(editors).noneMatch(Node::isDisabled);
        assertThat(why.isVisible()).isFalse();
    }

    @Test
    void aDiagnosticFixIsDisabledAndRefusedWhileLocked(FxRobot robot) {
        Design before = doc.design();
        lock(robot);
        Hyperlink fix = robot.lookup(".diagnostic-fix").match(Node::isVisible).queryAs(Hyperlink.class);
        assertThat(fix.isDisabled()).isTrue();
        Diagnostic withFix = pane.diagnostics().model().diagnostics().stream()
                .filter(d -> d.fix() != null).findFirst().orElseThrow();

        assertThat(pane.diagnostics().model().applyFix(withFix)).isFalse();
        assertThat(doc.design()).isSameAs(before);

        unlock(robot);
        assertThat(fix.isDisabled()).isFalse();
        robot.clickOn(fix);
        assertThat(doc.check().errors()).isEmpty();
    }

    @Test
    void unlockingLetsEditsThroughAgain(FxRobot robot) {
        lock(robot);
        unlock(robot);
        robot.interact(() -> pane.document().select("dense1"));
        robot.doubleClickOn("#palette-Dropout");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(doc.design().nodes()).anyMatch(n -> n.kind().equals("Dropout"));
    }

    private void lock(FxRobot robot) {
        robot.interact(() -> doc.setLocked(true, REASON));
    }

    private void unlock(FxRobot robot) {
        robot.interact(() -> doc.setLocked(false, null));
    }
}
