package dev.netwright.designer.diagnostics;

import dev.netwright.designer.command.Edits;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.check.Diagnostic;
import dev.netwright.runtime.check.DiagnosticCode;
import dev.netwright.runtime.check.Severity;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The diagnostics list's view model and the status bar totals, without a toolkit. */
class DiagnosticsModelTest {
    private final List<String> centred = new ArrayList<>();
    private final DesignJson json = new DesignJson();

    @Test
    void errorsComeBeforeWarningsWhateverOrderTheCheckerFoundThemIn() {
        DesignDocument doc = new DesignDocument(BrokenDesigns.needsFlattenWithLooseEnd());
        assertThat(doc.check().diagnostics().get(0).severity())
                .as("the checker reports the loose end first, so the order below is the model's doing")
                .isEqualTo(Severity.WARNING);

        DiagnosticsModel model = new DiagnosticsModel(doc, centred::add);

        assertThat(model.diagnostics()).extracting(Diagnostic::severity)
                .containsExactly(Severity.ERROR, Severity.WARNING);
        assertThat(model.diagnostics()).extracting(Diagnostic::nodeId).containsExactly("dense1", "loose");
    }

    @Test
    void theListFollowsEveryChangeUndoIncluded() {
        DesignDocument doc = new DesignDocument(Samples.load("cnn"));
        DiagnosticsModel model = new DiagnosticsModel(doc, centred::add);
        assertThat(model.diagnostics()).isEmpty();

        doc.execute(Edits.deleteNodes(List.of("flatten"), "Delete"));
        assertThat(model.diagnostics()).extracting(Diagnostic::nodeId).containsExactly("dense1", "conv3");
        assertThat(model.diagnostics()).extracting(Diagnostic::severity).containsExactly(Severity.ERROR, Severity.WARNING);
        doc.commands().undo();
        assertThat(model.diagnostics()).isEmpty();
    }

    @Test
    void openingADiagnosticSelectsItsNodeAndCentresOnIt() {
        DesignDocument doc = new DesignDocument(BrokenDesigns.needsFlatten());
        DiagnosticsModel model = new DiagnosticsModel(doc, centred::add);

        model.open(model.diagnostics().get(0));

        assertThat(doc.selection()).containsExactly("dense1");
        assertThat(centred).containsExactly("dense1");
    }

    @Test
    void aFindingAboutTheWholeDesignSelectsNothing() {
        DesignDocument doc = new DesignDocument(Samples.load("cnn"));
        doc.select("conv1");
        DiagnosticsModel model = new DiagnosticsModel(doc, centred::add);

        model.open(Diagnostic.of(DiagnosticCode.NO_OUTPUT_NODE, null, "The design has no Output."));

        assertThat(doc.selection()).containsExactly("conv1");
        assertThat(centred).isEmpty();
    }

    @Test
    void applyingTheFlattenFixIsOneCommandAndUndoRestoresTheExactDesign() {
        DesignDocument doc = new DesignDocument(BrokenDesigns.needsFlatten());
        DiagnosticsModel model = new DiagnosticsModel(doc, centred::add);
        String before = json.write(doc.design());

        assertThat(model.applyFix(model.diagnostics().get(0))).isTrue();

        assertThat(model.diagnostics()).isEmpty();
        assertThat(doc.design().node("flatten1")).isPresent();
        doc.commands().undo();
        assertThat(json.write(doc.design())).isEqualTo(before);
        assertThat(doc.commands().canUndoProperty().get()).isFalse();
    }

    @Test
    void aDiagnosticWithoutAFixChangesNothing() {
        DesignDocument doc = new DesignDocument(BrokenDesigns.needsFlattenWithLooseEnd());
        DiagnosticsModel model = new DiagnosticsModel(doc, centred::add);

        assertThat(model.applyFix(model.diagnostics().get(1))).isFalse();
        assertThat(doc.commands().canUndoProperty().get()).isFalse();
    }

    @Test
    void totalsAreTheDocumentsOwnPropertiesPlusWarningsAndAOneLineSummary() {
        DesignDocument doc = new DesignDocument(Samples.load("cnn"));
        StatusTotals totals = new StatusTotals(doc);
        assertThat(totals.totalParamsProperty()).isSameAs(doc.totalParamsProperty());
        assertThat(totals.errorCountProperty()).isSameAs(doc.errorCountProperty());
        assertThat(totals.textProperty().get()).isEqualTo("93,322 parameters · no errors · no warnings");

        doc.execute(Edits.addNodeAfter(doc.catalog().require("Dropout"), "drop1",
                new dev.netwright.runtime.design.Position(0, 0), "dense1"));
        assertThat(totals.warningCountProperty().get()).isEqualTo(1);
        assertThat(totals.textProperty().get()).isEqualTo("93,322 parameters · no errors · 1 warning");
    }

    @Test
    void theSummarySaysHowManyParametersAreFrozen() {
        DesignDocument doc = new DesignDocument(Samples.load("cnn"));
        StatusTotals totals = new StatusTotals(doc);

        doc.execute(Edits.freeze(java.util.List.of("conv1", "conv2"), "conv2"));

        assertThat(totals.frozenParamsProperty().get()).isEqualTo(320 + 18_496);
        assertThat(totals.textProperty().get()).isEqualTo("93,322 parameters (18,816 frozen) · no errors · no warnings");
        doc.commands().undo();
        assertThat(totals.textProperty().get()).isEqualTo("93,322 parameters · no errors · no warnings");
    }
}
