package dev.netwright.runtime.check;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Augmentation;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.TrainingPlan;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Augmentation saved with a design needs an image Input: the checker says so on the Input, in the user's words. */
class AugmentationFitTest {
    private static final Augmentation FLIP = Augmentation.parse("shift=2,flip");

    private static Design withAugmentation(Design design, Augmentation augmentation) {
        return design.withTraining(new TrainingPlan("ADAM", 0.001, 64, 1, 0, false, 0.5, 0, 42, "AUTO", 0, 0)
                .withAugmentation(augmentation));
    }

    @Test
    void augmentingASequenceInputIsAnErrorOnTheInputThatSaysWhatToDo() {
        Design lstm = TestDesigns.start().sequence(28, 28).then("lstm", "LSTM").output();

        CheckResult result = new Checker().check(withAugmentation(lstm, FLIP));

        assertThat(result.diagnosticsFor("input")).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(DiagnosticCode.AUGMENTATION_NEEDS_IMAGES);
            assertThat(d.isError()).isTrue();
            assertThat(d.message()).isEqualTo("Augmentation (shift=2,flip) changes images, but the Input 'input' "
                    + "takes a sequence of 28 steps × 28 features: set the augmentation to none in the training "
                    + "settings, or make the Input an image (height × width × channels).");
        });
    }

    @Test
    void augmentingAVectorInputIsAnErrorToo() {
        Design dense = TestDesigns.start().vector(4).then("dense", "Dense").output();

        assertThat(new Checker().check(withAugmentation(dense, FLIP)).errors())
                .extracting(Diagnostic::code).containsExactly(DiagnosticCode.AUGMENTATION_NEEDS_IMAGES);
    }

    @Test
    void anImageInputOrNoAugmentationIsFine() {
        Design cnn = TestDesigns.start().image(8, 8, 1).then("flat", "Flatten").output();
        Design lstm = TestDesigns.start().sequence(28, 28).then("lstm", "LSTM").output();

        assertThat(new Checker().check(withAugmentation(cnn, FLIP)).hasErrors()).isFalse();
        assertThat(new Checker().check(withAugmentation(lstm, Augmentation.NONE)).hasErrors()).isFalse();
        assertThat(AugmentationFit.problem(FLIP, cnn)).isEmpty();
        assertThat(AugmentationFit.problem(FLIP, lstm)).isPresent();
    }
}
