package dev.netwright.designer.canvas;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Map;

import static dev.netwright.designer.canvas.CanvasFixture.node;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training doctor's badges: the cards of the nodes named in the notes handed to the document wear a "doctor" tag
 * whose tooltip says the finding; the others do not; empty notes clear them. The notes are not an edit of the design.
 */
@ExtendWith(ApplicationExtension.class)
class DoctorBadgeTest {
    private CanvasFixture fx;

    @Start
    void start(Stage stage) {
        fx = new CanvasFixture(stage, Design.of("mlp", "", null, List.of(
                        node("Input", "input", 20, 60), node("Flatten", "flatten", 260, 60),
                        node("Dense", "dense1", 500, 60), node("Output", "output", 260, 220)),
                List.of(Edge.of("input", "flatten"), Edge.of("flatten", "dense1"), Edge.of("dense1", "output"))));
    }

    private Label tag(String id) {
        return (Label) fx.card(id).lookup(".card-doctor");
    }

    @Test
    void theNamedNodesCardWearsADoctorTagThatSaysTheFindingAndTheOthersDoNot(FxRobot robot) {
        robot.interact(() -> fx.document.showDoctorNotes(Map.of("dense1", "Dead units: 100% of dense1's units are dead.")));
        fx.sync(robot);

        assertThat(tag("dense1").isVisible()).isTrue();
        assertThat(tag("dense1").getText()).isEqualTo("doctor");
        assertThat(tag("dense1").getTooltip().getText()).isEqualTo("Dead units: 100% of dense1's units are dead.");
        assertThat(fx.card("dense1").doctorNote()).isEqualTo("Dead units: 100% of dense1's units are dead.");
        assertThat(tag("dense1").getBoundsInParent().getMaxY()).as("on the card's top edge").isLessThan(20);
        for (String other : List.of("input", "flatten", "output")) {
            assertThat(tag(other).isVisible()).as(other).isFalse();
            assertThat(fx.card(other).doctorNote()).as(other).isEmpty();
        }
        assertThat(fx.document.commands().canUndoProperty().get()).as("not an edit").isFalse();
        assertThat(fx.document.commands().dirtyProperty().get()).isFalse();
    }

    @Test
    void emptyNotesClearTheTags(FxRobot robot) {
        robot.interact(() -> fx.document.showDoctorNotes(Map.of("dense1", "Dead units.", "flatten", "Something.")));
        fx.sync(robot);
        robot.interact(() -> fx.document.showDoctorNotes(Map.of()));
        fx.sync(robot);

        assertThat(tag("dense1").isVisible()).isFalse();
        assertThat(tag("dense1").getTooltip()).isNull();
        assertThat(tag("flatten").isVisible()).isFalse();
    }

    @Test
    void aNoteOnANodeThatIsNotInTheDesignIsIgnored(FxRobot robot) {
        robot.interact(() -> fx.document.showDoctorNotes(Map.of("conv9", "Exploding gradients.")));
        fx.sync(robot);

        assertThat(fx.canvas.graph().cards()).allSatisfy(card -> assertThat(card.doctorNote()).isEmpty());
    }
}
