package dev.netwright.runtime.check;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The summary table: rows in graph order, shapes and counts from the checker, the totals, unknown shapes as "?". */
class ModelSummaryTest {

    private static ModelSummary summary(Design design) {
        return ModelSummary.of(design, new Checker().check(design), StandardKinds.catalog());
    }

    @Test
    void rowsFollowTheGraphNotTheFileOrder() {
        // written output first, then dense, then input: the summary still reads input → dense → output
        Design design = TestDesigns.start().node("output", "Output", "units", 3).node("dense", "Dense", "units", 8)
                .node("input", "Input", "form", "vector", "size", 4).wire("input", "dense").wire("dense", "output").build();
        assertThat(summary(design).rows()).extracting(ModelSummary.Row::nodeId).containsExactly("input", "dense", "output");
    }

    @Test
    void eachRowHasItsKindShapeAndParametersAndTheTotalsAddThemUp() {
        Design design = TestDesigns.start().vector(4).then("dense", "Dense", "units", 8).output();
        ModelSummary summary = summary(design);
        ModelSummary.Row dense = summary.rows().get(1);
        assertThat(dense.kindId()).isEqualTo("Dense");
        assertThat(dense.kindName()).isEqualTo(StandardKinds.catalog().require("Dense").displayName());
        assertThat(dense.outputLabel()).isEqualTo("8");
        assertThat(dense.params()).isEqualTo(4 * 8 + 8);
        assertThat(dense.paramsLabel()).isEqualTo("40");
        assertThat(dense.trainable()).isTrue();
        assertThat(dense.trainableLabel()).isEqualTo("yes");
        assertThat(dense.problem()).isEmpty();
        assertThat(summary.rows().get(0).trainableLabel()).isEqualTo("—"); // the input has nothing to train
        assertThat(summary.totalParams()).isEqualTo(40 + 8 * 3 + 3).isEqualTo(new Checker().check(design).totalParams());
        assertThat(summary.trainableParams()).isEqualTo(summary.totalParams());
        assertThat(summary.nonTrainableParams()).isZero();
    }

    @Test
    void aNodeWhoseShapeCannotBeWorkedOutShowsAQuestionMarkAndItsProblem() {
        Design design = TestDesigns.start().image(28, 28, 1).then("dense", "Dense").output();
        ModelSummary.Row dense = summary(design).rows().stream().filter(r -> r.nodeId().equals("dense")).findFirst().orElseThrow();
        assertThat(dense.output()).isEmpty();
        assertThat(dense.outputLabel()).isEqualTo(ModelSummary.UNKNOWN_SHAPE);
        assertThat(dense.params()).isZero();
        assertThat(dense.paramsLabel()).isEqualTo("?");
        assertThat(dense.problem()).hasValueSatisfying(p -> assertThat(p).contains("Dense needs a vector"));
    }

    @Test
    void nodesOnACycleComeLastInFileOrder() {
        Design design = TestDesigns.start().vector(4).then("a", "Dense").then("b", "Dense").node("add", "Add")
                .wire("input", "add").wire("b", "add").wire("add", "a").then("output", "Output").build()
                .withoutEdge(dev.netwright.runtime.design.Edge.of("input", "a"));
        assertThat(summary(design).rows()).extracting(ModelSummary.Row::nodeId)
                .containsExactly("input", "a", "b", "add", "output").hasSize(design.nodes().size());
    }
}
