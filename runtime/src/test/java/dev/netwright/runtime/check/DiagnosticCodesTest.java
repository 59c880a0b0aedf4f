package dev.netwright.runtime.check;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Position;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.EmitContext;
import dev.netwright.runtime.layers.InferenceContext;
import dev.netwright.runtime.layers.Inferred;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Every path of the checker that reports something names it with its own code, on the node it belongs to. */
class DiagnosticCodesTest {
    private final Checker checker = new Checker();

    private List<DiagnosticCode> codesOn(Design design, String nodeId) {
        return checker.check(design).diagnosticsFor(nodeId).stream().map(Diagnostic::code).toList();
    }

    private List<DiagnosticCode> designCodes(Checker with, Design design) {
        return with.check(design).diagnostics().stream().filter(d -> d.nodeId() == null).map(Diagnostic::code).toList();
    }

    @Test
    void anEmptyDesignIsEmptyDesign() {
        assertThat(designCodes(checker, Design.empty("x"))).containsExactly(DiagnosticCode.EMPTY_DESIGN);
    }

    @Test
    void missingEndsAreNoInputNodeAndNoOutputNode() {
        Design noOutput = TestDesigns.start().vector(4).then("dense", "Dense").build();
        assertThat(designCodes(checker, noOutput)).containsExactly(DiagnosticCode.NO_OUTPUT_NODE);
        Design noInput = TestDesigns.start().node("dense", "Dense").then("output", "Output").build();
        assertThat(designCodes(checker, noInput)).containsExactly(DiagnosticCode.NO_INPUT_NODE);
    }

    @Test
    void secondInputAndSecondOutputAreTooManyInputNodesAndTooManyOutputNodes() {
        Design design = TestDesigns.start().vector(4).then("output", "Output").node("input2", "Input", "form", "vector",
                "size", 4).then("output2", "Output").build();
        assertThat(codesOn(design, "input2")).containsExactly(DiagnosticCode.TOO_MANY_INPUT_NODES);
        assertThat(codesOn(design, "output2")).containsExactly(DiagnosticCode.TOO_MANY_OUTPUT_NODES);
    }

    @Test
    void aWireOutOfOutputIsNothingAfterOutput() {
        Design design = TestDesigns.start().vector(4).then("output", "Output").then("dense", "Dense").build();
        assertThat(codesOn(design, "output")).containsExactly(DiagnosticCode.NOTHING_AFTER_OUTPUT);
    }

    @Test
    void wiresOnPortsAKindLacksAreNoOutputPortAndNoInputPort() {
        Design valid = TestDesigns.start().vector(4).then("dense", "Dense").output();
        Design unwired = valid.withoutEdge(Edge.of("dense", "output"));
        Design fromSide = unwired.withEdge(new Edge("dense", "side", "output", Edge.IN));
        assertThat(codesOn(fromSide, "dense")).contains(DiagnosticCode.NO_OUTPUT_PORT);
        Design toSide = unwired.withEdge(new Edge("dense", Edge.OUT, "output", "side"));
        assertThat(codesOn(toSide, "output")).contains(DiagnosticCode.NO_INPUT_PORT);
    }

    @Test
    void aNodeFeedingItselfIsSelfWire() {
        Design design = TestDesigns.start().vector(4).then("dense", "Dense").output()
                .withEdge(Edge.of("dense", "dense"));
        assertThat(codesOn(design, "dense")).containsExactly(DiagnosticCode.SELF_WIRE);
    }

    @Test
    void everyNodeOfALoopIsCycle() {
        Design design = TestDesigns.start().vector(4).then("a", "Dense").then("b", "Dense").node("add", "Add")
                .wire("b", "add").wire("add", "a").then("output", "Output").build().withEdge(Edge.of("input", "add"))
                .withoutEdge(Edge.of("input", "a"));
        for (String id : List.of("a", "b", "add")) {
            assertThat(codesOn(design, id)).as(id).containsExactly(DiagnosticCode.CYCLE);
        }
    }

    @Test
    void anUnknownKindIsUnknownKind() {
        Design design = TestDesigns.start().vector(4).output()
                .withNode(new Node("odd", "Bogus", "Bogus", Map.of(), Position.ORIGIN));
        assertThat(codesOn(design, "odd")).containsExactly(DiagnosticCode.UNKNOWN_KIND);
    }

    @Test
    void parametersAreUnknownParamAndBadParamValue() {
        Design unknown = TestDesigns.start().vector(4).then("dense", "Dense", "colour", "red").output();
        assertThat(codesOn(unknown, "dense")).containsExactly(DiagnosticCode.UNKNOWN_PARAM);
        Design outside = TestDesigns.start().image(8, 8, 1).then("conv", "Conv2D", "kernelHeight", 0)
                .then("flat", "Flatten").output();
        assertThat(codesOn(outside, "conv")).containsExactly(DiagnosticCode.BAD_PARAM_VALUE);
    }

    @Test
    void wireCountsAreNoInputTooFewInputsAndTooManyInputs() {
        Design none = TestDesigns.start().vector(4).then("dense", "Dense").output()
                .withoutEdge(Edge.of("input", "dense"));
        assertThat(codesOn(none, "dense")).contains(DiagnosticCode.NO_INPUT);
        Design one = TestDesigns.start().vector(4).then("add", "Add").output();
        assertThat(codesOn(one, "add")).containsExactly(DiagnosticCode.TOO_FEW_INPUTS);
        Design two = TestDesigns.start().vector(4).then("a", "Dense").node("b", "Dense").wire("input", "b")
                .node("c", "Dense").wire("a", "c").wire("b", "c").then("output", "Output").build();
        assertThat(codesOn(two, "c")).containsExactly(DiagnosticCode.TOO_MANY_INPUTS);
        assertThat(List.of(DiagnosticCode.NO_INPUT, DiagnosticCode.TOO_FEW_INPUTS, DiagnosticCode.TOO_MANY_INPUTS))
                .allMatch(DiagnosticCode::isInputCount);
        assertThat(DiagnosticCode.SHAPE_RULE.isInputCount()).isFalse();
    }

    @Test
    void aKindsShapeRuleRefusingItsInputIsShapeRuleWithOrWithoutAFix() {
        Design kernel = TestDesigns.start().image(4, 4, 1).then("conv", "Conv2D", "kernelHeight", 5, "kernelWidth", 5)
                .then("flat", "Flatten").output();
        assertThat(checker.check(kernel).diagnosticsFor("conv")).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(DiagnosticCode.SHAPE_RULE);
            assertThat(d.fix()).isNull();
        });
        Design dense = TestDesigns.start().image(8, 8, 1).then("dense1", "Dense").output();
        assertThat(checker.check(dense).diagnosticsFor("dense1")).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(DiagnosticCode.SHAPE_RULE);
            assertThat(d.fix()).isNotNull();
        });
    }

    @Test
    void aShapeRuleWarningIsShapeRuleWarningAndASizeBeyondJavasNumbersIsSizeOverflow() {
        List<LayerKind> kinds = new ArrayList<>(StandardKinds.catalog().kinds());
        kinds.add(new TestKind("Warns", ctx -> {
            ctx.warn("this is odd");
            return Inferred.of(ctx.input());
        }));
        kinds.add(new TestKind("Overflows", ctx -> {
            throw new ArithmeticException("integer overflow");
        }));
        Checker custom = new Checker(new LayerCatalog(kinds));
        Design design = TestDesigns.start().vector(4).output()
                .withNode(new Node("warns", "Warns", "Warns", Map.of(), Position.ORIGIN))
                .withNode(new Node("overflows", "Overflows", "Overflows", Map.of(), Position.ORIGIN))
                .withEdge(Edge.of("input", "warns")).withEdge(Edge.of("input", "overflows"));

        CheckResult result = custom.check(design);

        assertThat(result.diagnosticsFor("warns")).extracting(Diagnostic::code)
                .containsExactlyInAnyOrder(DiagnosticCode.SHAPE_RULE_WARNING, DiagnosticCode.OUTPUT_UNUSED);
        assertThat(result.diagnosticsFor("overflows")).extracting(Diagnostic::code)
                .containsExactlyInAnyOrder(DiagnosticCode.OUTPUT_UNUSED, DiagnosticCode.SIZE_OVERFLOW);
    }

    @Test
    void anUnusedOutputAndTooLittleMemoryAreWarningsWithTheirCodes() {
        Design design = TestDesigns.start().vector(4).then("dense", "Dense").output()
                .withNode(StandardKinds.catalog().require("Dense").newNode("spare", Position.ORIGIN))
                .withEdge(Edge.of("input", "spare"));
        assertThat(codesOn(design, "spare")).containsExactly(DiagnosticCode.OUTPUT_UNUSED);
        assertThat(designCodes(new Checker(StandardKinds.catalog(), 1), design))
                .containsExactly(DiagnosticCode.OVER_MEMORY_BUDGET);
        assertThat(checker.check(design).warnings()).allMatch(d -> d.severity() == Severity.WARNING);
    }

    @Test
    void theSeverityOfADiagnosticIsItsCodes() {
        assertThat(Diagnostic.of(DiagnosticCode.OUTPUT_UNUSED, "d", "x").isError()).isFalse();
        assertThat(Diagnostic.of(DiagnosticCode.CYCLE, "d", "x").isError()).isTrue();
    }

    /** A kind with a shape rule given by the test. */
    private static final class TestKind extends LayerKind {
        private final Function<InferenceContext, Inferred> rule;

        TestKind(String id, Function<InferenceContext, Inferred> rule) {
            super(id, id, Category.CORE, "A kind for tests.");
            this.rule = rule;
        }

        @Override
        public Inferred infer(InferenceContext ctx) {
            return rule.apply(ctx);
        }

        @Override
        public void emit(EmitContext ctx) {
            throw new UnsupportedOperationException("not compiled in tests");
        }
    }
}
