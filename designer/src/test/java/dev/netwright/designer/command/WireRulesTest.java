package dev.netwright.designer.command;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Position;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WireRulesTest {
    private final LayerCatalog catalog = StandardKinds.catalog();
    private final WireRules rules = new WireRules(catalog);

    @Test
    void aWireThatWouldCloseACycleIsRefused() {
        Design cnn = Samples.load("cnn");
        assertThat(rules.refusal(cnn.withoutEdge(Edge.of("input", "conv1")), Edge.of("dense1", "conv1")))
                .hasValueSatisfying(r -> assertThat(r).contains("cycle"));
    }

    @Test
    void aShapeTheTargetCannotTakeAndNoFixMendsIsRefusedWithTheReason() {
        Design design = Design.of("t", "", null, List.of(
                catalog.require("Input").newNode("input", Position.ORIGIN).withParam("height", 4).withParam("width", 4),
                catalog.require("Conv2D").newNode("conv1", Position.ORIGIN).withParam("kernelHeight", 5).withParam("kernelWidth", 5)),
                List.of());
        assertThat(rules.refusal(design, Edge.of("input", "conv1")))
                .hasValueSatisfying(r -> assertThat(r).contains("5×5 kernel is larger than the 4×4 input"));
    }

    @Test
    void aShapeProblemWithAFixIsAllowedSoTheNodeCanOfferTheFix() {
        Design design = Design.of("t", "", null, List.of(
                catalog.require("Input").newNode("input", Position.ORIGIN),
                catalog.require("Dense").newNode("dense1", Position.ORIGIN)), List.of());
        assertThat(rules.refusal(design, Edge.of("input", "dense1"))).isEmpty();
    }

    @Test
    void selfWiresDuplicatesAndFullPortsAreRefused() {
        Design cnn = Samples.load("cnn");
        assertThat(rules.refusal(cnn, Edge.of("conv1", "conv1"))).hasValue("A layer cannot feed itself.");
        assertThat(rules.refusal(cnn, Edge.of("input", "conv1"))).hasValue("These two are already wired.");
        assertThat(rules.refusal(cnn, Edge.of("pool1", "dense1"))).hasValueSatisfying(r -> assertThat(r).contains("Add or Concat"));
        assertThat(rules.refusal(cnn, Edge.of("conv1", "input"))).hasValueSatisfying(r -> assertThat(r).contains("takes no input"));
    }

    @Test
    void aCompatibleWireIsAccepted() {
        Design cnn = Samples.load("cnn").withoutEdge(Edge.of("pool1", "conv2"));
        assertThat(rules.refusal(cnn, Edge.of("pool1", "conv2"))).isEmpty();
    }

    /** Before: the first wire into Add was refused with "Add needs at least 2 inputs, but only 1 is wired." */
    @Test
    void theFirstWireIntoAnAddOrConcatIsAcceptedAlthoughItNeedsASecond() {
        for (String merge : List.of("Add", "Concat")) {
            Design design = Design.of("t", "", null, List.of(
                    catalog.require("Input").newNode("input", Position.ORIGIN).withParam("form", "vector"),
                    catalog.require("Dense").newNode("a", Position.ORIGIN),
                    catalog.require(merge).newNode("merge", Position.ORIGIN)), List.of(Edge.of("input", "a")));
            assertThat(rules.refusal(design, Edge.of("a", "merge"))).as(merge).isEmpty();
        }
    }

    @Test
    void aSecondWireIntoAnAddWithAnotherShapeIsStillRefused() {
        Design design = Design.of("t", "", null, List.of(
                catalog.require("Input").newNode("input", Position.ORIGIN).withParam("form", "vector"),
                catalog.require("Dense").newNode("a", Position.ORIGIN).withParam("units", 8),
                catalog.require("Dense").newNode("b", Position.ORIGIN).withParam("units", 5),
                catalog.require("Add").newNode("add", Position.ORIGIN)),
                List.of(Edge.of("input", "a"), Edge.of("input", "b"), Edge.of("a", "add")));
        assertThat(rules.refusal(design, Edge.of("b", "add")))
                .hasValueSatisfying(r -> assertThat(r).contains("same shape").contains("a gives 8")
                        .contains("b gives 5"));
    }
}
