package dev.netwright.runtime.train;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.LstmEngine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run's engine choices: the defaults per design, and how a CPU worker applies them. */
class EngineChoicesDefaultsTest {
    private static final Design CNN = TestDesigns.start().image(28, 28, 1).then("conv", "Conv2D", "filters", 8)
            .then("flat", "Flatten").then("output", "Output", "units", 10).build();

    @Test
    void aRunGetsTheDefaultLstmEngineAndItsDesignsNativeSettings() {
        assertThat(RunRequest.of(CNN, "fashion-mnist-sample").engine()).isEqualTo(EngineChoices.forDesign(CNN));
        assertThat(EngineChoices.forDesign(CNN, 8)).isEqualTo(new EngineChoices(LstmEngine.ONEDNN, true, 7));
        assertThat(EngineChoices.forDesign(CNN, 8).nativeTuning()).isEqualTo(NativeTuning.forDesign(CNN, 8));
    }

    @Test
    void theChoicesBecomeTheWorkersNativeSettings() {
        assertThat(new EngineChoices(LstmEngine.DL4J, false, 0).nativeTuning()).isEqualTo(NativeTuning.libraryDefaults());
    }

    @Test
    void aNegativeThreadCountIsRefused() {
        assertThatThrownBy(() -> new EngineChoices(LstmEngine.ONEDNN, true, -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
    }
}
