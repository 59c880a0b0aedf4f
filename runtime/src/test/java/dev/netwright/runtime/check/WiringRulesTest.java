package dev.netwright.runtime.check;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.PortSpec;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The ports of each kind, the wire counts they take, and which new wires the wiring allows. */
class WiringRulesTest {
    private final LayerCatalog catalog = StandardKinds.catalog();
    private final WiringRules rules = new WiringRules(catalog);

    private LayerKind kind(String id) {
        return catalog.require(id);
    }

    @Test
    void everyKindButOutputHasTheOutPortAndNoOther() {
        for (LayerKind kind : catalog.kinds()) {
            boolean isOutput = kind.id().equals("Output");
            assertThat(rules.hasOutputPort(kind, Edge.OUT)).as(kind.id()).isEqualTo(!isOutput);
            assertThat(rules.hasOutputPort(kind, "side")).as(kind.id()).isFalse();
        }
        assertThat(rules.outputPortProblem(kind("Output"), Edge.OUT)).contains(DiagnosticCode.NOTHING_AFTER_OUTPUT);
        assertThat(rules.outputPortProblem(kind("Dense"), "side")).contains(DiagnosticCode.NO_OUTPUT_PORT);
        assertThat(rules.outputPortProblem(kind("Dense"), Edge.OUT)).isEmpty();
    }

    @Test
    void inputTakesNoWireAndEveryOtherKindTakesThemOnIn() {
        for (LayerKind kind : catalog.kinds()) {
            boolean isInput = kind.id().equals("Input");
            assertThat(rules.takesInputs(kind)).as(kind.id()).isEqualTo(!isInput);
            assertThat(rules.inputPort(kind, Edge.IN).isPresent()).as(kind.id()).isEqualTo(!isInput);
        }
        assertThat(rules.inputPortProblem(kind("Input"), Edge.IN)).contains(DiagnosticCode.NO_INPUT_PORT);
        assertThat(rules.inputPortProblem(kind("Dense"), "side")).contains(DiagnosticCode.NO_INPUT_PORT);
        assertThat(rules.inputPortProblem(kind("Dense"), Edge.IN)).isEmpty();
    }

    @Test
    void aSingleInputPortTakesExactlyOneWire() {
        PortSpec in = rules.inputPort(kind("Dense"), Edge.IN).orElseThrow();
        assertThat(rules.inputCountProblem(in, 0)).contains(DiagnosticCode.NO_INPUT);
        assertThat(rules.inputCountProblem(in, 1)).isEmpty();
        assertThat(rules.inputCountProblem(in, 2)).contains(DiagnosticCode.TOO_MANY_INPUTS);
    }

    @Test
    void addAndConcatTakeTwoOrMoreWires() {
        for (String merge : new String[] {"Add", "Concat"}) {
            PortSpec in = rules.inputPort(kind(merge), Edge.IN).orElseThrow();
            assertThat(rules.inputCountProblem(in, 0)).as(merge).contains(DiagnosticCode.NO_INPUT);
            assertThat(rules.inputCountProblem(in, 1)).as(merge).contains(DiagnosticCode.TOO_FEW_INPUTS);
            assertThat(rules.inputCountProblem(in, 2)).as(merge).isEmpty();
            assertThat(rules.inputCountProblem(in, 50)).as(merge).isEmpty();
        }
    }

    @Test
    void aNewWireIsRefusedForFeedingItselfRepeatingFillingAPortOrClosingACycle() {
        Design chain = TestDesigns.start().vector(4).then("a", "Dense").then("b", "Dense").output();
        assertThat(rules.newWireProblem(chain, Edge.of("a", "a"))).contains(DiagnosticCode.SELF_WIRE);
        assertThat(rules.newWireProblem(chain, Edge.of("a", "b"))).contains(DiagnosticCode.DUPLICATE_WIRE);
        assertThat(rules.newWireProblem(chain, Edge.of("a", "input"))).contains(DiagnosticCode.NO_INPUT_PORT);
        assertThat(rules.newWireProblem(chain, Edge.of("input", "b"))).contains(DiagnosticCode.TOO_MANY_INPUTS);
        Design open = chain.withoutEdge(Edge.of("input", "a"));
        assertThat(rules.newWireProblem(open, Edge.of("b", "a"))).contains(DiagnosticCode.CYCLE);
        assertThat(rules.newWireProblem(open, Edge.of("input", "a"))).isEmpty();
    }

    @Test
    void aMergeAcceptsItsFirstWireAndMoreAfterTheSecond() {
        Design design = TestDesigns.start().vector(4).then("a", "Dense").node("b", "Dense").wire("input", "b")
                .node("c", "Dense").wire("input", "c").node("add", "Add").then("output", "Output").build();
        assertThat(rules.newWireProblem(design, Edge.of("a", "add"))).isEmpty();
        Design one = design.withEdge(Edge.of("a", "add"));
        assertThat(rules.newWireProblem(one, Edge.of("b", "add"))).isEmpty();
        Design two = one.withEdge(Edge.of("b", "add"));
        assertThat(rules.newWireProblem(two, Edge.of("c", "add"))).isEmpty();
    }
}
