package dev.netwright.designer.diagnostics;

import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.design.Edge;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The diagnostics list as a user drives it: open a finding, apply a fix, undo it. */
@ExtendWith(ApplicationExtension.class)
class DiagnosticsViewTest {
    private final DesignJson json = new DesignJson();
    private final List<String> centred = new ArrayList<>();
    private DesignDocument doc;

    @Start
    void start(Stage stage) {
        // A Conv2D wired straight into a Dense, and a second Input wired to nothing (a warning).
        doc = new DesignDocument(BrokenDesigns.needsFlattenWithLooseEnd());
        stage.setScene(new Scene(new DiagnosticsView(doc, centred::add), 420, 360));
        stage.show();
    }

    @Test
    void clickingADiagnosticSelectsItsNodeAndCentresTheCanvasOnIt(FxRobot robot) {
        List<ListCell<?>> cells = filledCells(robot);
        assertThat(cells).hasSize(2);
        assertThat(cells.get(0).getStyleClass()).contains("diagnostic-error");
        assertThat(cells.get(1).getStyleClass()).contains("diagnostic-warning");

        robot.clickOn(cells.get(0).lookup(".diagnostic-message"));

        assertThat(doc.selection()).containsExactly("dense1");
        assertThat(centred).containsExactly("dense1");
    }

    @Test
    void theFlattenFixAppliedFromTheListClearsTheErrorAndUndoRestoresTheExactDesign(FxRobot robot) {
        String before = json.write(doc.design());
        Hyperlink fix = robot.lookup(".diagnostic-fix").match(Node::isVisible).queryAs(Hyperlink.class);
        assertThat(fix.getText()).isEqualTo("Insert Flatten between conv1 and dense1");

        robot.clickOn(fix);

        assertThat(doc.check().errors()).isEmpty();
        assertThat(doc.design().edges()).contains(Edge.of("conv1", "flatten1"), Edge.of("flatten1", "dense1"))
                .doesNotContain(Edge.of("conv1", "dense1"));
        assertThat(doc.design().requireNode("flatten1").kind()).isEqualTo("Flatten");
        assertThat(filledCells(robot)).hasSize(1);
        assertThat(robot.lookup("#diagnostics-summary").queryAs(Label.class).getText()).contains("no errors · 1 warning");
        assertThat(centred).as("applying a fix does not also open a finding").isEmpty();
        assertThat(doc.commands().undoDescriptionProperty().get()).isEqualTo("Insert Flatten between conv1 and dense1");

        robot.interact(() -> doc.commands().undo());
        assertThat(json.write(doc.design())).isEqualTo(before);
        assertThat(filledCells(robot)).hasSize(2);
    }

    private static List<ListCell<?>> filledCells(FxRobot robot) {
        return robot.lookup(".diagnostic").<ListCell<?>>queryAll().stream()
                .filter(cell -> !cell.isEmpty())
                .sorted((a, b) -> Integer.compare(a.getIndex(), b.getIndex()))
                .toList();
    }
}
