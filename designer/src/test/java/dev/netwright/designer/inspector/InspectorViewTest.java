package dev.netwright.designer.inspector;

import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.samples.Samples;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The inspector as a user drives it: typing, picking, ticking, and the design and its shapes that follow. */
@ExtendWith(ApplicationExtension.class)
class InspectorViewTest {
    private static final List<String> DOWNSTREAM = List.of("conv1", "pool1", "conv2", "pool2", "conv3", "flatten", "dense1");

    private final DesignJson json = new DesignJson();
    private DesignDocument doc;

    @Start
    void start(Stage stage) {
        doc = new DesignDocument(Samples.load("cnn"));
        doc.select("conv1");
        stage.setScene(new Scene(new InspectorView(doc), 380, 720));
        stage.show();
    }

    @Test
    void editingKernelHeightReshapesEveryDownstreamNodeAndUndoRestoresThem(FxRobot robot) {
        Map<String, String> before = shapes(doc.check());
        assertThat(before).containsExactly(Map.entry("conv1", "26×26×32"), Map.entry("pool1", "13×13×32"),
                Map.entry("conv2", "11×11×64"), Map.entry("pool2", "5×5×64"), Map.entry("conv3", "3×3×64"),
                Map.entry("flatten", "576"), Map.entry("dense1", "64"));
        long denseParams = doc.check().node("dense1").orElseThrow().params();

        type(robot, "kernelHeight", "7");

        assertThat(shapes(doc.check())).containsExactly(Map.entry("conv1", "22×26×32"), Map.entry("pool1", "11×13×32"),
                Map.entry("conv2", "9×11×64"), Map.entry("pool2", "4×5×64"), Map.entry("conv3", "2×3×64"),
                Map.entry("flatten", "384"), Map.entry("dense1", "64"));
        // dense1 keeps its 64 outputs; what changes is the width of its input and so its weights.
        assertThat(doc.check().node("dense1").orElseThrow().params()).isEqualTo(384 * 64 + 64).isNotEqualTo(denseParams);
        assertThat(label(robot, "#inspector-shape")).isEqualTo("22×26×32");
        assertThat(doc.commands().undoDescriptionProperty().get()).isEqualTo("Set kernel height of conv1 to 7");

        robot.interact(() -> doc.commands().undo());
        assertThat(shapes(doc.check())).isEqualTo(before);
        assertThat(field(robot, "kernelHeight").getText()).isEqualTo("3");
        assertThat(label(robot, "#inspector-shape")).isEqualTo("26×26×32");
        assertThat(doc.commands().canUndoProperty().get()).isFalse();

        robot.interact(() -> doc.commands().redo());
        assertThat(field(robot, "kernelHeight").getText()).isEqualTo("7");
    }

    @Test
    void theWeightsLineNamesTheFileAndALongOneLeavesTheTitlesWhole(FxRobot robot) {
        String file = "/tmp/a-long-folder/seed-cnn-20261201-100000-000-continued-for-a-while.weights.npz";
        robot.interact(() -> {
            doc.execute(dev.netwright.designer.command.Edits.useWeights(file, "a run"));
            doc.showWeightsStatus(doc.design(), new dev.netwright.runtime.weights.WeightsStatus(file,
                    java.util.Set.of("conv1"), List.of("conv2"), List.of(), null, true));
        });
        robot.interact(() -> { });

        javafx.scene.control.Label weights = robot.lookup("#inspector-weights").queryAs(javafx.scene.control.Label.class);
        assertThat(weights.getText()).isEqualTo("Pretrained, from seed-cnn-20261201-100000-000-continued-for-a-while.weights.npz");
        assertThat(weights.isVisible()).isTrue();
        assertThat(weights.getHeight()).as("one line, not wrapped letter by letter").isLessThan(40);
        javafx.scene.control.Label title = robot.lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.Label l
                && "Weights".equals(l.getText())).queryAs(javafx.scene.control.Label.class);
        assertThat(title.getWidth()).as("the title is not cut to '...'").isGreaterThanOrEqualTo(title.prefWidth(-1) - 0.5);
        assertThat(label(robot, "#inspector-params")).endsWith("parameters");
    }

    @Test
    void outOfRangeValuesAreRefusedInlineWithTheRangeAndLeaveTheDesignAlone(FxRobot robot) {
        String before = json.write(doc.design());

        for (String typed : List.of("0", "9999")) {
            type(robot, "kernelHeight", typed);
            TextField field = field(robot, "kernelHeight");
            Label problem = robot.lookup("#problem-kernelHeight").queryAs(Label.class);
            assertThat(problem.isVisible()).as(typed).isTrue();
            assertThat(problem.getText()).as(typed).isEqualTo("Kernel height must be 1–256");
            assertThat(field.getText()).as("the refused text stays for correcting").isEqualTo(typed);
            assertThat(field.getPseudoClassStates()).as(typed).contains(ParamEditors.REFUSED);
            assertThat(json.write(doc.design())).as(typed).isEqualTo(before);
        }
        assertThat(doc.commands().canUndoProperty().get()).isFalse();

        robot.clickOn(field(robot, "kernelHeight")).type(KeyCode.ESCAPE);
        assertThat(field(robot, "kernelHeight").getText()).isEqualTo("3");
        assertThat(robot.lookup("#problem-kernelHeight").queryAs(Label.class).isVisible()).isFalse();
        assertThat(field(robot, "kernelHeight").getPseudoClassStates()).doesNotContain(ParamEditors.REFUSED);
    }

    @Test
    void pickingAChoiceIsOneUndoStep(FxRobot robot) {
        String before = json.write(doc.design());
        robot.clickOn("#param-activation");
        robot.clickOn("tanh");

        assertThat(doc.design().requireNode("conv1").params().get("activation")).isEqualTo("tanh");
        assertThat(doc.commands().undoDescriptionProperty().get()).isEqualTo("Set activation of conv1 to tanh");
        robot.interact(() -> doc.commands().undo());
        assertThat(json.write(doc.design())).isEqualTo(before);
        assertThat(doc.commands().canUndoProperty().get()).isFalse();
    }

    @Test
    void tickingAFlagIsOneUndoStep(FxRobot robot) {
        String before = json.write(doc.design());
        robot.clickOn("#param-useBias");

        assertThat(doc.design().requireNode("conv1").params().get("useBias")).isEqualTo(false);
        assertThat(label(robot, "#inspector-params")).isEqualTo("288 parameters");
        robot.interact(() -> doc.commands().undo());
        assertThat(json.write(doc.design())).isEqualTo(before);
        assertThat(doc.commands().canUndoProperty().get()).isFalse();
        assertThat(robot.lookup("#param-useBias").queryAs(CheckBox.class).isSelected()).isTrue();
    }

    @Test
    void untickingTrainableFreezesTheNodeAndUndoTicksItAgain(FxRobot robot) {
        CheckBox trainable = robot.lookup("#param-trainable").queryAs(CheckBox.class);
        robot.interact(() -> expandGroupOf(trainable));
        robot.clickOn(trainable);

        assertThat(doc.design().requireNode("conv1").trainable()).isFalse();
        assertThat(label(robot, "#inspector-params")).isEqualTo("320 parameters (frozen)");
        robot.interact(() -> doc.commands().undo());
        assertThat(doc.design().requireNode("conv1").trainable()).isTrue();
        assertThat(trainable.isSelected()).isTrue();
        assertThat(doc.commands().canUndoProperty().get()).isFalse();
    }

    @Test
    void theSheetFollowsTheSelectionWithAHintWhenThereIsNotExactlyOneNode(FxRobot robot) {
        robot.interact(() -> doc.select(List.of()));
        Label hint = robot.lookup("#inspector-hint").queryAs(Label.class);
        assertThat(hint.isVisible()).isTrue();
        assertThat(hint.getText()).isEqualTo(InspectorModel.HINT_NONE);

        robot.interact(() -> doc.select(List.of("conv1", "pool1")));
        assertThat(hint.getText()).startsWith("2 layers are selected");
        assertThat(robot.lookup("#inspector-sheet").query().getParent().isVisible()).isFalse();

        robot.interact(() -> doc.select("pool1"));
        assertThat(hint.isVisible()).isFalse();
        assertThat(label(robot, "#inspector-kind")).isEqualTo("MaxPool2D · pool1");
        assertThat(robot.lookup("#param-pool").tryQuery()).isPresent();
        assertThat(robot.lookup("#param-kernelHeight").tryQuery()).isEmpty();
    }

    @Test
    void renamingFromTheHeaderIsOneCommand(FxRobot robot) {
        robot.clickOn("#inspector-name");
        robot.interact(() -> robot.lookup("#inspector-name").queryAs(TextField.class).selectAll());
        robot.write("Stem").type(KeyCode.ENTER);
        assertThat(doc.design().requireNode("conv1").name()).isEqualTo("Stem");
        assertThat(doc.commands().undoDescriptionProperty().get()).isEqualTo("Rename conv1 to Stem");
    }

    /** Types into a parameter's text field the way a user does: open its group, select the text, type, Enter. */
    private void type(FxRobot robot, String param, String text) {
        TextField field = field(robot, param);
        robot.interact(() -> expandGroupOf(field));
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(text).type(KeyCode.ENTER);
    }

    private static void expandGroupOf(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof TitledPane pane) {
                pane.setAnimated(false); // the sheet's accordion animates; the test has no need to wait for it
                pane.setExpanded(true);
            }
        }
    }

    private static TextField field(FxRobot robot, String param) {
        return robot.lookup("#param-" + param).queryAs(TextField.class);
    }

    private static String label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static Map<String, String> shapes(CheckResult check) {
        Map<String, String> shapes = new LinkedHashMap<>();
        for (String id : DOWNSTREAM) {
            shapes.put(id, check.output(id).map(Shape::label).orElse("unknown"));
        }
        return shapes;
    }
}
