package dev.netwright.runtime.train;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NativeTuningTest {
    private static final Design CNN = TestDesigns.start().image(28, 28, 1).then("conv", "Conv2D", "filters", 8)
            .then("flat", "Flatten").then("output", "Output", "units", 10).build();
    private static final Design LSTM = TestDesigns.start().sequence(28, 28).then("lstm", "LSTM", "units", 16)
            .then("output", "Output", "units", 10).build();

    @Test
    void aRecurrentDesignTrainsOnOneThread() {
        NativeTuning tuning = NativeTuning.forDesign(LSTM);

        assertThat(tuning.threads()).isEqualTo(1);
        assertThat(tuning.environment()).containsExactly(java.util.Map.entry("OMP_NUM_THREADS", "1"));
    }

    @Test
    void anAttentionDesignTrainsOnOneThread() {
        Design attention = TestDesigns.start().sequence(28, 28).then("embed", "Dense", "units", 16)
                .then("encoder", "TransformerEncoderBlock", "heads", 2, "feedForward", 32)
                .then("pool", "GlobalPooling").then("output", "Output", "units", 10).build();

        assertThat(NativeTuning.forDesign(attention).threads()).isEqualTo(1);
    }

    @Test
    void aConvolutionalDesignKeepsTheLibrarysThreadsAndAddsNoVariable() {
        NativeTuning tuning = NativeTuning.forDesign(CNN);

        assertThat(tuning.threads()).isEqualTo(NativeTuning.LIBRARY_DEFAULT);
        assertThat(tuning.environment()).isEmpty();
    }

    @Test
    void everyDesignGetsTheOneDnnHelpers() {
        assertThat(NativeTuning.forDesign(CNN).jvmOptions())
                .containsExactly("-Dorg.eclipse.deeplearning4j.helpers.disable=false");
        assertThat(NativeTuning.forDesign(LSTM).oneDnnHelpers()).isTrue();
    }

    @Test
    void libraryDefaultsAreDl4jsOwn() {
        NativeTuning defaults = NativeTuning.libraryDefaults();

        assertThat(defaults.jvmOptions()).containsExactly("-Dorg.eclipse.deeplearning4j.helpers.disable=true");
        assertThat(defaults.environment()).isEmpty();
        assertThat(defaults.describe()).isEqualTo("oneDNN off, default threads");
    }

    @Test
    void aNegativeThreadCountIsRefused() {
        assertThatThrownBy(() -> new NativeTuning(true, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads");
    }
}
