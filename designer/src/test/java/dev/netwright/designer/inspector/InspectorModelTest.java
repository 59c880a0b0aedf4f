package dev.netwright.designer.inspector;

import dev.netwright.designer.command.Edits;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The inspector's view model, without a toolkit: what it shows, what it accepts, what it refuses. */
class InspectorModelTest {
    private final DesignDocument doc = new DesignDocument(Samples.load("cnn"));
    private final InspectorModel model = new InspectorModel(doc);
    private final DesignJson json = new DesignJson();

    @Test
    void nothingSelectedShowsAHintAndNoFields() {
        assertThat(model.activeProperty().get()).isFalse();
        assertThat(model.hintProperty().get()).isEqualTo(InspectorModel.HINT_NONE);
        assertThat(model.fields()).isEmpty();
    }

    @Test
    void severalSelectedShowsAHintSayingHowMany() {
        doc.select(List.of("conv1", "conv2"));
        assertThat(model.activeProperty().get()).isFalse();
        assertThat(model.hintProperty().get()).startsWith("2 layers are selected");
        assertThat(model.fields()).isEmpty();
    }

    @Test
    void oneSelectedNodeShowsItsKindShapeCountAndCatalogParametersInOrder() {
        doc.select("conv1");
        assertThat(model.activeProperty().get()).isTrue();
        assertThat(model.kindProperty().get()).isEqualTo("Conv2D");
        assertThat(model.nameProperty().get()).isEqualTo("Conv 32");
        assertThat(model.outputShapeProperty().get()).isEqualTo("26×26×32");
        assertThat(model.paramCountProperty().get()).isEqualTo(3 * 3 * 32 + 32);
        assertThat(model.paramCountTextProperty().get()).isEqualTo("320 parameters");
        assertThat(model.fields()).extracting(ParamField::name).containsExactly(
                "filters", "kernelHeight", "kernelWidth", "strideHeight", "strideWidth", "padding", "activation", "useBias",
                "trainable", "learnRateFactor");
        assertThat(model.groups()).containsExactly("Layer", "Window", "Training");
        assertThat(model.field("kernelHeight").orElseThrow().value()).isEqualTo(3);
    }

    @Test
    void anAcceptedValueIsOneUndoableCommandAndUndoRefreshesTheFields() {
        doc.select("conv1");
        ParamField kernel = model.field("kernelHeight").orElseThrow();

        assertThat(kernel.submitText(" 5 ")).isEqualTo(EditOutcome.CHANGED);
        assertThat(doc.design().requireNode("conv1").params().get("kernelHeight")).isEqualTo(5);
        assertThat(doc.commands().undoDescriptionProperty().get()).isEqualTo("Set kernel height of conv1 to 5");
        assertThat(model.outputShapeProperty().get()).isEqualTo("24×26×32");

        doc.commands().undo();
        assertThat(kernel.value()).isEqualTo(3);
        assertThat(model.field("kernelHeight")).containsSame(kernel); // updated in place, not rebuilt
        assertThat(model.outputShapeProperty().get()).isEqualTo("26×26×32");
        assertThat(doc.commands().canUndoProperty().get()).isFalse();
    }

    @Test
    void theCurrentValueRecordsNothing() {
        doc.select("conv1");
        long revision = doc.commands().revisionProperty().get();
        assertThat(model.field("kernelHeight").orElseThrow().submitText("3")).isEqualTo(EditOutcome.UNCHANGED);
        assertThat(model.field("padding").orElseThrow().submit("valid")).isEqualTo(EditOutcome.UNCHANGED);
        assertThat(model.rename("Conv 32")).isEqualTo(EditOutcome.UNCHANGED);
        assertThat(doc.commands().revisionProperty().get()).isEqualTo(revision);
        assertThat(doc.commands().canUndoProperty().get()).isFalse();
    }

    @Test
    void valuesOutsideTheRangeOrNotWholeAreRefusedWithTheRangeAndChangeNothing() {
        doc.select("conv1");
        ParamField kernel = model.field("kernelHeight").orElseThrow();
        String before = json.write(doc.design());

        for (String typed : List.of("0", "9999", "99999999999", "-3")) {
            assertThat(kernel.submitText(typed)).as(typed).isEqualTo(EditOutcome.REFUSED);
            assertThat(kernel.problem()).as(typed).isEqualTo("Kernel height must be 1–256");
        }
        for (String typed : List.of("2.5", "abc", "")) {
            assertThat(kernel.submitText(typed)).as(typed).isEqualTo(EditOutcome.REFUSED);
            assertThat(kernel.problem()).as(typed).isEqualTo("Kernel height must be a whole number, 1–256");
        }
        assertThat(json.write(doc.design())).isEqualTo(before);
        assertThat(doc.commands().canUndoProperty().get()).isFalse();

        assertThat(kernel.submitText("4")).isEqualTo(EditOutcome.CHANGED);
        assertThat(kernel.problem()).isEmpty();
    }

    @Test
    void decimalsAreParsedAndRangeChecked() {
        doc.execute(Edits.addNodeAfter(doc.catalog().require("Dropout"), "drop1",
                new dev.netwright.runtime.design.Position(0, 0), "dense1"));
        doc.select("drop1");
        ParamField rate = model.field("rate").orElseThrow();
        assertThat(rate.text()).isEqualTo("0.5");
        assertThat(rate.submitText("0.96")).isEqualTo(EditOutcome.REFUSED);
        assertThat(rate.problem()).isEqualTo("Rate must be 0–0.95");
        assertThat(rate.submitText("0.25")).isEqualTo(EditOutcome.CHANGED);
        assertThat(doc.design().requireNode("drop1").params().get("rate")).isEqualTo(0.25);
    }

    @Test
    void renamingIsOneCommandAndABlankNameIsRefused() {
        doc.select("conv1");
        assertThat(model.rename("  ")).isEqualTo(EditOutcome.REFUSED);
        assertThat(model.nameProblemProperty().get()).contains("needs a name");
        assertThat(model.rename("First conv")).isEqualTo(EditOutcome.CHANGED);
        assertThat(model.nameProperty().get()).isEqualTo("First conv");
        assertThat(model.nameProblemProperty().get()).isEmpty();
        doc.commands().undo();
        assertThat(model.nameProperty().get()).isEqualTo("Conv 32");
    }

    @Test
    void deletingTheShownNodeEmptiesTheInspectorAndItsOldFieldsEditNothing() {
        doc.select("conv2");
        ParamField filters = model.field("filters").orElseThrow();
        doc.execute(Edits.deleteNodes(List.of("conv2"), "Delete"));
        assertThat(model.activeProperty().get()).isFalse();
        assertThat(model.fields()).isEmpty();
        assertThat(filters.submitText("16")).isEqualTo(EditOutcome.UNCHANGED);
        assertThat(doc.commands().undoDescriptionProperty().get()).isEqualTo("Delete layer");
    }

    @Test
    void untickingTrainableFreezesTheNodeAsOneCommandAndUndoRestoresIt() {
        doc.select("conv1");
        ParamField trainable = model.field("trainable").orElseThrow();
        assertThat(trainable.value()).isEqualTo(true);

        assertThat(trainable.submit(false)).isEqualTo(EditOutcome.CHANGED);
        assertThat(doc.design().requireNode("conv1").trainable()).isFalse();
        assertThat(doc.commands().undoDescriptionProperty().get()).isEqualTo("Freeze conv1");
        assertThat(model.paramCountTextProperty().get()).isEqualTo("320 parameters (frozen)");

        doc.commands().undo();
        assertThat(doc.design().requireNode("conv1").trainable()).isTrue();
        assertThat(trainable.value()).isEqualTo(true);
        assertThat(model.paramCountTextProperty().get()).isEqualTo("320 parameters");
        doc.commands().redo();
        assertThat(trainable.value()).isEqualTo(false);
    }

    @Test
    void theLearningRateFactorMustBePositiveAndIsOneUndoableCommand() {
        doc.select("conv1");
        ParamField factor = model.field("learnRateFactor").orElseThrow();

        assertThat(factor.submitText("0")).isEqualTo(EditOutcome.REFUSED);
        assertThat(factor.problem()).isEqualTo("Learning-rate factor must be greater than 0");
        assertThat(factor.submitText("-2")).isEqualTo(EditOutcome.REFUSED);
        assertThat(doc.commands().canUndoProperty().get()).isFalse();

        assertThat(factor.submitText("0.1")).isEqualTo(EditOutcome.CHANGED);
        assertThat(doc.design().requireNode("conv1").learnRateFactor()).isEqualTo(0.1);
        doc.commands().undo();
        assertThat(doc.design().requireNode("conv1").learnRateFactor()).isEqualTo(1.0);
        assertThat(factor.value()).isEqualTo(1.0);
    }

    @Test
    void aNodeWithoutParametersHasNoTrainingFieldsAndTheOutputCannotBeFrozen() {
        doc.select("pool1");
        assertThat(model.field("trainable")).isEmpty();
        assertThat(model.field("learnRateFactor")).isEmpty();

        String output = doc.design().nodes().stream().filter(n -> n.kind().equals("Output")).findFirst().orElseThrow().id();
        doc.select(output);
        assertThat(model.field("trainable")).isEmpty();
        assertThat(model.field("learnRateFactor")).isPresent();
    }
}
