package dev.netwright.runtime.check;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Designs too big to build or to train: errors and warnings, never an exception (issue 13, items 9 and 10). */
class SizeAndCostTest {
    private final Checker checker = new Checker();

    /** Two 4096×4096×64 images, flattened and joined: 2,147,483,648 features, one more than an int holds. */
    private static Design twoHugeImagesJoined() {
        return TestDesigns.start().image(4096, 4096, 64).then("flat", "Flatten").node("input2", "Input", "height", 4096,
                "width", 4096, "channels", 64).then("flat2", "Flatten").node("join", "Concat").wire("flat", "join")
                .wire("flat2", "join").then("output", "Output", "units", 10).build();
    }

    @Test
    void concatBeyondWhatALayerHoldsIsAnErrorNotAnException() {
        // before: Math.toIntExact threw ArithmeticException out of the checker (a stack trace, exit 2 in `check`)
        CheckResult[] result = new CheckResult[1];
        assertThatCode(() -> result[0] = checker.check(twoHugeImagesJoined())).doesNotThrowAnyException();

        assertThat(result[0].diagnosticsFor("join")).singleElement().satisfies(d -> assertThat(d.message())
                .contains("Concat gives 2,147,483,648 features").contains("more than a layer can hold"));
    }

    @Test
    void flattenBeyondWhatALayerHoldsIsAnErrorNotAnException() {
        Design design = TestDesigns.start().image(4096, 4096, 64).node("input2", "Input", "height", 4096, "width", 4096,
                "channels", 64).node("join", "Concat").wire("input", "join").wire("input2", "join").then("flat", "Flatten")
                .then("output", "Output", "units", 10).build();

        assertThat(checker.check(design).diagnosticsFor("flat")).singleElement().satisfies(d -> assertThat(d.message())
                .contains("Flatten of a 4096×4096×128 image gives 2,147,483,648 values").contains("pooling"));
    }

    @Test
    void twoInputsAreAnErrorAsTheyAreInTraining() {
        // before: check passed this design and train refused it
        Design design = TestDesigns.start().vector(4).then("dense", "Dense", "units", 4).node("input2", "Input", "form", "vector",
                "size", 4).node("join", "Add").wire("dense", "join").wire("input2", "join").output();

        assertThat(checker.check(design).errors()).singleElement().satisfies(d -> {
            assertThat(d.nodeId()).isEqualTo("input2");
            assertThat(d.message()).contains("2 Inputs (input, input2)").contains("one Input");
        });
    }

    @Test
    void theEstimateCountsParametersOptimizerStateActivationsAndMultiplyAdds() {
        Design design = TestDesigns.start().vector(4).then("dense", "Dense", "units", 3).then("output", "Output",
                "units", 2).build();
        CheckResult check = checker.check(design);

        ResourceEstimate estimate = ResourceEstimate.atDefaults(design, check, StandardKinds.catalog());

        assertThat(estimate.parameters()).isEqualTo(4 * 3 + 3 + 3 * 2 + 2);
        assertThat(estimate.parameterBytes()).isEqualTo(23L * 4 * (2 + 2)); // weights, gradients, Adam's two moments
        assertThat(estimate.activationValuesPerExample()).isEqualTo(4 + 3 + 2);
        assertThat(estimate.activationBytes()).isEqualTo(9L * 64 * 2 * 4);
        assertThat(estimate.multiplyAddsPerExample()).isEqualTo(4 + 15 + 8);
        assertThat(estimate.describeMemory("Adam")).startsWith("about 4.9 KiB to train with Adam at batch 64");
    }

    @Test
    void attentionCostsItsScoresAsWellAsItsProjections() {
        Design design = TestDesigns.start().sequence(100, 32).then("attention", "MultiHeadSelfAttention", "heads", 4)
                .then("pool", "GlobalPooling").then("output", "Output", "units", 2).build();
        CheckResult check = checker.check(design);

        ResourceEstimate estimate = ResourceEstimate.atDefaults(design, check, StandardKinds.catalog());

        long projections = 4L * (32 * 32 + 32) * 100;
        long scores = 2L * 100 * 100 * 32;
        assertThat(estimate.multiplyAddsPerExample()).isGreaterThanOrEqualTo(projections + scores);
        assertThat(estimate.activationValuesPerExample()).isGreaterThanOrEqualTo(4L * 100 * 100); // 4 heads' weights
    }

    @Test
    void aDesignTooBigForThisComputerIsWarnedAboutWithTheEstimate() {
        Design design = TestDesigns.start().vector(1000).then("dense", "Dense", "units", 1000).output();

        CheckResult small = new Checker(StandardKinds.catalog(), 1 << 20).check(design);
        CheckResult large = new Checker(StandardKinds.catalog(), 1L << 40).check(design);

        assertThat(small.hasErrors()).isFalse();
        assertThat(small.warnings()).anySatisfy(d -> assertThat(d.message()).contains("The network needs about 16.3 MiB")
                .contains("more than the 1.0 MiB this computer gives a training run"));
        assertThat(large.warnings()).extracting(Diagnostic::code).doesNotContain(DiagnosticCode.OVER_MEMORY_BUDGET);
    }

    @Test
    void aTrillionParametersAreCountedAndEstimatedWithoutOverflow() {
        Design design = TestDesigns.start().vector(1_000_000).then("d1", "Dense", "units", 1_000_000)
                .then("d2", "Dense", "units", 1_000_000).output();
        CheckResult check = checker.check(design);

        ResourceEstimate estimate = ResourceEstimate.atDefaults(design, check, StandardKinds.catalog());

        assertThat(check.totalParams()).isGreaterThan(2_000_000_000_000L);
        assertThat(estimate.trainingBytes()).isGreaterThan(32_000_000_000_000L);
        assertThat(check.warnings()).anySatisfy(d -> assertThat(d.message()).contains("TiB to train"));
    }
}
