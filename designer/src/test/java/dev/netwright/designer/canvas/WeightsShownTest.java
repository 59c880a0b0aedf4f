package dev.netwright.designer.canvas;

import dev.netwright.designer.command.Command;
import dev.netwright.designer.diagnostics.DiagnosticsModel;
import dev.netwright.designer.inspector.InspectorModel;
import dev.netwright.runtime.check.Diagnostic;
import dev.netwright.runtime.check.DiagnosticCode;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.weights.WeightSparsity;
import dev.netwright.runtime.weights.WeightsStatus;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.netwright.designer.canvas.CanvasFixture.node;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A design with trained weights: the cards say which nodes start from them ("pretrained") and which from random
 * weights ("new weights"), the inspector names the file, the problems list warns about the new ones; the status itself
 * is worked out elsewhere (off the FX thread) and handed to the document.
 */
@ExtendWith(ApplicationExtension.class)
class WeightsShownTest {
    private static final String FILE = "/tmp/somewhere/cnn.weights.npz";
    private CanvasFixture fx;
    private DiagnosticsModel problems;
    private InspectorModel inspector;

    @Start
    void start(Stage stage) {
        fx = new CanvasFixture(stage, Design.of("cnn", "", null, List.of(
                        node("Input", "input", 20, 60), node("Conv2D", "conv1", 260, 60),
                        node("Flatten", "flatten", 500, 60), node("Dense", "dense1", 20, 220),
                        node("Output", "output", 260, 220)),
                List.of(Edge.of("input", "conv1"), Edge.of("conv1", "flatten"), Edge.of("flatten", "dense1"),
                        Edge.of("dense1", "output"))).withWeights(FILE));
        problems = new DiagnosticsModel(fx.document, id -> { });
        inspector = new InspectorModel(fx.document);
    }

    private WeightsStatus dense1Changed() {
        return new WeightsStatus(FILE, Set.of("conv1", "output"), List.of("dense1"), List.of(), null, true);
    }

    @Test
    void cardsTagPretrainedAndNewNodesAndNodesWithoutParametersGetNoTag(FxRobot robot) {
        robot.interact(() -> fx.document.showWeightsStatus(fx.document.design(), dense1Changed()));
        fx.sync(robot);

        assertThat(fx.card("conv1").weightsText()).isEqualTo("pretrained");
        assertThat(fx.card("output").weightsText()).isEqualTo("pretrained");
        assertThat(fx.card("dense1").weightsText()).isEqualTo("new weights");
        assertThat(fx.card("flatten").weightsText()).isEmpty();
        assertThat(fx.card("input").weightsText()).isEmpty();
        Label tag = (Label) fx.card("dense1").lookup(".card-weights");
        assertThat(tag.isVisible()).isTrue();
        assertThat(tag.getBoundsInParent().getMinY()).as("below the card's text lines").isGreaterThan(70);
    }

    @Test
    void theProblemsListWarnsAboutTheNodesThatStartFromRandomWeights(FxRobot robot) {
        robot.interact(() -> fx.document.showWeightsStatus(fx.document.design(), dense1Changed()));

        assertThat(problems.diagnostics()).filteredOn(d -> d.code() == DiagnosticCode.WEIGHTS_REINITIALISED)
                .singleElement().satisfies(d -> {
                    assertThat(d.isError()).isFalse();
                    assertThat(d.message()).isEqualTo(
                            "dense1 will start from random weights (its shapes changed since the weights were made).");
                });
        assertThat(problems.totals().warningCountProperty().get()).as("counted with the checker's").isEqualTo(1);
        assertThat(problems.totals().textProperty().get()).endsWith("1 warning");
    }

    @Test
    void theInspectorSaysWhereTheSelectedNodesWeightsComeFrom(FxRobot robot) {
        robot.interact(() -> {
            fx.document.showWeightsStatus(fx.document.design(), dense1Changed());
            fx.document.select("conv1");
        });
        assertThat(inspector.weightsTextProperty().get()).isEqualTo("Pretrained, from cnn.weights.npz");
        robot.interact(() -> fx.document.select("dense1"));
        assertThat(inspector.weightsTextProperty().get())
                .isEqualTo("New: shapes changed since cnn.weights.npz");
        robot.interact(() -> fx.document.select("flatten"));
        assertThat(inspector.weightsTextProperty().get()).isEmpty();
    }

    @Test
    void aPrunedNodeSaysHowManyOfItsWeightsAreZeroOnItsCardAndInTheInspector(FxRobot robot) {
        WeightsStatus pruned = new WeightsStatus(FILE, Set.of("conv1", "dense1", "output"), List.of(), List.of(),
                null, true, Map.of("conv1", new WeightSparsity("conv1", 288, 288),
                "dense1", new WeightSparsity("dense1", 10_000, 1_000)));
        robot.interact(() -> {
            fx.document.showWeightsStatus(fx.document.design(), pruned);
            fx.document.select("dense1");
        });
        fx.sync(robot);

        assertThat(fx.card("dense1").weightsText()).isEqualTo("pretrained \u00b7 90% zero");
        assertThat(fx.card("conv1").weightsText()).as("no zeros: not called sparse").isEqualTo("pretrained");
        assertThat(fx.card("output").weightsText()).isEqualTo("pretrained");
        assertThat(inspector.weightsTextProperty().get())
                .isEqualTo("Pretrained, from cnn.weights.npz; 90% of its 10,000 weights are zero");
    }

    @Test
    void aStatusWorkedOutForAnOlderDesignIsIgnored(FxRobot robot) {
        Design before = fx.document.design();
        robot.interact(() -> {
            fx.document.execute(Command.of("Rename", d -> d.withName("renamed")));
            fx.document.showWeightsStatus(before, dense1Changed());
        });

        assertThat(fx.document.weightsStatus()).isEqualTo(WeightsStatus.none());
        assertThat(problems.diagnostics()).extracting(Diagnostic::code).doesNotContain(DiagnosticCode.WEIGHTS_REINITIALISED);
    }

    @Test
    void droppingTheWeightsReferenceClearsTheTagsAtOnceAndUndoBringsTheReferenceBack(FxRobot robot) {
        robot.interact(() -> fx.document.showWeightsStatus(fx.document.design(), dense1Changed()));

        robot.interact(() -> fx.document.execute(Command.of("Forget the weights", d -> d.withWeights(null))));
        fx.sync(robot);
        assertThat(fx.document.design().weights()).isEmpty();
        assertThat(fx.card("conv1").weightsText()).isEmpty();
        assertThat(problems.diagnostics()).extracting(Diagnostic::code).doesNotContain(DiagnosticCode.WEIGHTS_REINITIALISED);

        robot.interact(() -> fx.document.commands().undo());
        assertThat(fx.document.design().weights()).contains(FILE);
        robot.interact(() -> fx.document.commands().redo());
        assertThat(fx.document.design().weights()).isEmpty();
    }
}
