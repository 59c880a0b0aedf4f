package dev.netwright.app.summary;

import dev.netwright.designer.command.Edits;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.check.ModelSummary;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Summary panel's view model, without a toolkit: rows in graph order, following every edit, the totals, opening a row. */
class ModelSummaryModelTest {
    private final List<String> centred = new ArrayList<>();

    @Test
    void theRowsAreTheDesignsNodesInGraphOrderWithTheirShapesAndParameters() {
        DesignDocument doc = new DesignDocument(Samples.load("cnn"));
        ModelSummaryModel model = new ModelSummaryModel(doc, centred::add);

        assertThat(model.rows()).extracting(ModelSummary.Row::nodeId).containsExactlyElementsOf(doc.check().topologicalOrder());
        ModelSummary.Row conv1 = model.rows().get(1);
        assertThat(conv1.nodeId()).isEqualTo("conv1");
        assertThat(conv1.outputLabel()).isEqualTo("26×26×32");
        assertThat(conv1.params()).isEqualTo(320);
        assertThat(conv1.trainableLabel()).isEqualTo("yes");
        assertThat(model.totalsProperty().get())
                .isEqualTo("Total params: 93,322 · Trainable params: 93,322 · Non-trainable params: 0");
    }

    @Test
    void theRowsFollowEveryEditUndoIncluded() {
        DesignDocument doc = new DesignDocument(Samples.load("cnn"));
        ModelSummaryModel model = new ModelSummaryModel(doc, centred::add);

        doc.execute(Edits.deleteNodes(List.of("flatten"), "Delete"));

        assertThat(model.rows()).extracting(ModelSummary.Row::nodeId).doesNotContain("flatten");
        ModelSummary.Row dense = model.rows().stream().filter(r -> r.nodeId().equals("dense1")).findFirst().orElseThrow();
        assertThat(dense.outputLabel()).isEqualTo(ModelSummary.UNKNOWN_SHAPE);
        assertThat(dense.problem()).isPresent();
        assertThat(model.totalsProperty().get()).doesNotContain("93,322");

        doc.commands().undo();
        assertThat(model.rows()).extracting(ModelSummary.Row::nodeId).contains("flatten");
        assertThat(model.totalsProperty().get()).startsWith("Total params: 93,322");
    }

    @Test
    void aRenameShowsInItsRow() {
        DesignDocument doc = new DesignDocument(Samples.load("cnn"));
        ModelSummaryModel model = new ModelSummaryModel(doc, centred::add);

        doc.execute(Edits.rename("conv1", "first convolution"));

        assertThat(model.rows().get(1).name()).isEqualTo("first convolution");
    }

    @Test
    void openingARowSelectsItsNodeAndCentresOnIt() {
        DesignDocument doc = new DesignDocument(Samples.load("cnn"));
        ModelSummaryModel model = new ModelSummaryModel(doc, centred::add);

        model.open(model.rows().get(2));

        assertThat(doc.selection()).containsExactly("pool1");
        assertThat(centred).containsExactly("pool1");
    }
}
