package dev.netwright.runtime.check;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.layers.Fix;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A catalogue of broken designs, each with the diagnostic the user should see, on the node it belongs to. */
class CheckerTest {
    private final Checker checker = new Checker();

    private Diagnostic onlyErrorOn(Design design, String nodeId) {
        CheckResult result = checker.check(design);
        List<Diagnostic> errors = result.errors();
        assertThat(errors).as("errors of %s", design).hasSize(1);
        assertThat(errors.get(0).nodeId()).isEqualTo(nodeId);
        return errors.get(0);
    }

    @Test
    void emptyDesignSaysWhatToAdd() {
        CheckResult result = checker.check(Design.empty("x"));
        assertThat(result.errors()).singleElement().satisfies(d -> {
            assertThat(d.nodeId()).isNull();
            assertThat(d.message()).contains("empty").contains("Input").contains("Output");
        });
    }

    @Test
    void missingInputAndMissingOutputAreDesignLevelErrors() {
        Design noOutput = TestDesigns.start().vector(4).then("dense", "Dense").build();
        assertThat(checker.check(noOutput).errors()).filteredOn(d -> d.code() == DiagnosticCode.NO_OUTPUT_NODE)
                .singleElement().satisfies(d -> assertThat(d.message()).contains("no Output"));
        Design noInput = TestDesigns.start().node("dense", "Dense").then("output", "Output").build();
        assertThat(checker.check(noInput).errors()).extracting(Diagnostic::message)
                .anyMatch(m -> m.contains("no Input"))
                .anyMatch(m -> m.contains("dense has no input"));
    }

    @Test
    void cycleIsReportedOnEveryNodeOfTheLoopWithThePath() {
        Design design = TestDesigns.start().vector(4).then("a", "Dense").then("b", "Dense").node("add", "Add")
                .wire("input", "add").wire("b", "add").wire("add", "a").then("output", "Output").build();
        // a has two inputs now (input? no: a <- input and a <- add), so remove input -> a to leave a pure loop.
        design = design.withoutEdge(Edge.of("input", "a"));
        CheckResult result = checker.check(design);
        assertThat(result.errors()).extracting(Diagnostic::nodeId).containsExactlyInAnyOrder("a", "b", "add");
        assertThat(result.errors()).allSatisfy(d -> assertThat(d.message()).contains("cycle").contains("→"));
        assertThat(result.output("output")).isEmpty();
    }

    @Test
    void unconnectedInputPortIsAnError() {
        Design design = TestDesigns.start().vector(4).then("dense", "Dense").output()
                .withoutEdge(Edge.of("input", "dense"));
        assertThat(checker.check(design).errors()).extracting(Diagnostic::nodeId).contains("dense");
        assertThat(checker.check(design).diagnosticsFor("dense")).extracting(Diagnostic::message)
                .anyMatch(m -> m.contains("has no input"));
    }

    @Test
    void twoWiresIntoASingleInputPortAskForAMerge() {
        Design design = TestDesigns.start().vector(4).then("a", "Dense").node("b", "Dense").wire("input", "b")
                .node("c", "Dense").wire("a", "c").wire("b", "c").then("output", "Output").build();
        assertThat(onlyErrorOn(design, "c").message()).contains("takes one input, but 2 are wired (a, b)")
                .contains("Add or Concat");
    }

    @Test
    void addWithOneInputNeedsAnother() {
        Design design = TestDesigns.start().vector(4).then("add", "Add").output();
        assertThat(onlyErrorOn(design, "add").message()).contains("at least 2 inputs");
    }

    @Test
    void denseAfterAnImageOffersFlattenAndTheFixClearsTheError() {
        Design design = TestDesigns.start().image(8, 8, 1).then("conv3", "Conv2D").then("dense1", "Dense").output();
        Diagnostic error = onlyErrorOn(design, "dense1");
        assertThat(error.message()).contains("needs a vector").contains("6×6×32").contains("Flatten");
        assertThat(error.fix().description()).isEqualTo("insert Flatten between conv3 and dense1");

        Design fixed = error.fix().apply(design, StandardKinds.catalog());
        CheckResult result = checker.check(fixed);
        assertThat(result.errors()).isEmpty();
        assertThat(fixed.edgesInto("dense1")).singleElement().satisfies(e ->
                assertThat(fixed.requireNode(e.from()).kind()).isEqualTo("Flatten"));
        assertThat(result.output("dense1")).contains(new Shape.Vector(64));
    }

    @Test
    void lstmFedAnImageOffersToSequence() {
        Design design = TestDesigns.start().image(28, 28, 1).then("lstm", "LSTM").output();
        Diagnostic error = onlyErrorOn(design, "lstm");
        assertThat(error.message()).contains("LSTM needs a sequence").contains("28×28×1 image");
        assertThat(error.fix()).isInstanceOf(Fix.InsertLayer.class);
        assertThat(checker.check(error.fix().apply(design, StandardKinds.catalog())).errors()).isEmpty();
    }

    @Test
    void addOfDifferentShapesNamesBothShapes() {
        Design design = TestDesigns.start().vector(4).then("a", "Dense", "units", 8).node("b", "Dense", "units", 5)
                .wire("input", "b").node("add", "Add").wire("a", "add").wire("b", "add").then("output", "Output").build();
        assertThat(onlyErrorOn(design, "add").message()).contains("same shape").contains("a gives 8").contains("b gives 5");
    }

    @Test
    void concatOfImagesWithDifferentSizesNamesTheAxis() {
        Design design = TestDesigns.start().image(8, 8, 1).then("a", "Conv2D").node("b", "MaxPool2D").wire("input", "b")
                .node("cat", "Concat").wire("a", "cat").wire("b", "cat").then("flat", "Flatten").then("output", "Output").build();
        assertThat(onlyErrorOn(design, "cat").message()).contains("height and width must match")
                .contains("6×6×32").contains("4×4×1");
    }

    @Test
    void kernelLargerThanInputIsAnErrorOnTheConvolution() {
        Design design = TestDesigns.start().image(4, 4, 1).then("conv", "Conv2D", "kernelHeight", 5, "kernelWidth", 5)
                .then("flat", "Flatten").output();
        assertThat(onlyErrorOn(design, "conv").message()).contains("5×5 kernel is larger than the 4×4 input");
    }

    @Test
    void headsThatDoNotDivideTheWidthOfferADivisor() {
        Design design = TestDesigns.start().sequence(5, 10).then("attn", "MultiHeadSelfAttention", "heads", 4)
                .then("pool", "GlobalPooling").output();
        Diagnostic error = onlyErrorOn(design, "attn");
        assertThat(error.message()).contains("4 heads do not divide the model width 10");
        assertThat(error.fix()).isEqualTo(new Fix.SetParam("attn", "heads", 5));
        assertThat(checker.check(error.fix().apply(design, StandardKinds.catalog())).errors()).isEmpty();
    }

    @Test
    void parameterOutsideItsRangeNamesTheRange() {
        Design design = TestDesigns.start().image(8, 8, 1).then("conv", "Conv2D", "kernelHeight", 0)
                .then("flat", "Flatten").output();
        assertThat(onlyErrorOn(design, "conv").message()).isEqualTo("Kernel height 0 is outside the allowed range 1–256.");
    }

    @Test
    void outputAfterASequenceOffersGlobalPooling() {
        Design design = TestDesigns.start().sequence(5, 4).then("lstm", "LSTM", "returnSequences", true).output();
        Diagnostic error = onlyErrorOn(design, "output");
        assertThat(error.message()).contains("Output needs a vector").contains("return sequences");
        assertThat(error.fix().description()).isEqualTo("insert GlobalPooling between lstm and output");
    }

    @Test
    void nothingMayFollowAnOutput() {
        Design design = TestDesigns.start().vector(4).then("output", "Output").then("dense", "Dense").build();
        assertThat(checker.check(design).diagnosticsFor("output"))
                .filteredOn(d -> d.code() == DiagnosticCode.NOTHING_AFTER_OUTPUT)
                .singleElement().satisfies(d -> assertThat(d.message()).contains("Output is the end of the network"));
    }

    @Test
    void anErrorDoesNotCascadeDownstream() {
        Design design = TestDesigns.start().image(8, 8, 1).then("dense1", "Dense").then("dense2", "Dense").output();
        CheckResult result = checker.check(design);
        assertThat(result.errors()).extracting(Diagnostic::nodeId).containsExactly("dense1");
        assertThat(result.output("dense2")).isEmpty();
        assertThat(result.output("input")).contains(new Shape.Image(8, 8, 1));
    }

    @Test
    void unusedOutputIsAWarningNotAnError() {
        Design design = TestDesigns.start().vector(4).then("dense", "Dense").output();
        design = design.withNode(StandardKinds.catalog().require("Dense").newNode("spare", dev.netwright.runtime.design.Position.ORIGIN))
                .withEdge(Edge.of("input", "spare"));
        CheckResult result = checker.check(design);
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).singleElement().satisfies(w -> {
            assertThat(w.nodeId()).isEqualTo("spare");
            assertThat(w.message()).contains("not used");
        });
    }

    @Test
    void everyNodeGetsShapeAndParamsAndTheDesignATotal() {
        Design design = TestDesigns.start().vector(4).then("dense", "Dense", "units", 5).output();
        CheckResult result = checker.check(design);
        assertThat(result.node("dense").orElseThrow().params()).isEqualTo(4 * 5 + 5);
        assertThat(result.node("output").orElseThrow().params()).isEqualTo(5 * 3 + 3);
        assertThat(result.totalParams()).isEqualTo(25 + 18);
        assertThat(result.output("output")).contains(new Shape.Vector(3));
    }
}
