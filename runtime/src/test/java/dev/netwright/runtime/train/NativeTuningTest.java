package dev.netwright.runtime.train;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.Category;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NativeTuningTest {
    private static final Design CNN = TestDesigns.start().image(28, 28, 1).then("conv", "Conv2D", "filters", 8)
            .then("flat", "Flatten").then("output", "Output", "units", 10).build();
    private static final Design LSTM = TestDesigns.start().sequence(28, 28).then("lstm", "LSTM", "units", 16)
            .then("output", "Output", "units", 10).build();

    @Test
    void aRecurrentDesignTrainsOnOneThreadWhateverTheCores() {
        NativeTuning tuning = NativeTuning.forDesign(LSTM, 16);

        assertThat(tuning.threads()).isEqualTo(1);
        assertThat(tuning.environment()).containsExactly(Map.entry("OMP_NUM_THREADS", "1"));
    }

    @Test
    void anAttentionDesignTrainsOnOneThread() {
        Design attention = TestDesigns.start().sequence(28, 28).then("embed", "Dense", "units", 16)
                .then("encoder", "TransformerEncoderBlock", "heads", 2, "feedForward", 32)
                .then("pool", "GlobalPooling").then("output", "Output", "units", 10).build();

        assertThat(NativeTuning.forDesign(attention, 16).threads()).isEqualTo(1);
    }

    /** The kinds that ask for one thread are those of the recurrent and attention palette groups, which chose before. */
    @Test
    void theKindsThatPreferOneThreadAreTheSequenceKinds() {
        assertThat(StandardKinds.catalog().kinds().stream().filter(LayerKind::prefersOneThread).map(LayerKind::id))
                .containsExactlyInAnyOrder("LSTM", "GRU", "SimpleRNN", "ToSequence", "MultiHeadSelfAttention",
                        "PositionalEncoding", "TransformerEncoderBlock");
        assertThat(StandardKinds.catalog().kinds().stream().filter(LayerKind::prefersOneThread).map(LayerKind::category))
                .containsOnly(Category.RECURRENT, Category.ATTENTION);
        assertThat(StandardKinds.catalog().inCategory(Category.RECURRENT)).allMatch(LayerKind::prefersOneThread);
        assertThat(StandardKinds.catalog().inCategory(Category.ATTENTION)).allMatch(LayerKind::prefersOneThread);
    }

    @Test
    void aConvolutionalDesignLeavesOneCoreFree() {
        assertThat(NativeTuning.forDesign(CNN, 8).environment()).containsExactly(Map.entry("OMP_NUM_THREADS", "7"));
        assertThat(NativeTuning.forDesign(CNN, 2).threads()).isEqualTo(1);
        assertThat(NativeTuning.forDesign(CNN, 1).threads()).isEqualTo(1);
    }

    @Test
    void everyDesignGetsTheOneDnnHelpers() {
        assertThat(NativeTuning.forDesign(CNN, 4).jvmOptions())
                .containsExactly("-Dorg.eclipse.deeplearning4j.helpers.disable=false");
        assertThat(NativeTuning.forDesign(LSTM, 4).oneDnnHelpers()).isTrue();
    }

    @Test
    void libraryDefaultsAreDl4jsOwn() {
        NativeTuning defaults = NativeTuning.libraryDefaults();

        assertThat(defaults.jvmOptions()).containsExactly("-Dorg.eclipse.deeplearning4j.helpers.disable=true");
        assertThat(defaults.environment()).isEmpty();
        assertThat(defaults.describe()).isEqualTo("oneDNN off, default threads");
    }

    @Test
    void aNegativeThreadCountOrNoCoresIsRefused() {
        assertThatThrownBy(() -> new NativeTuning(true, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads");
        assertThatThrownBy(() -> NativeTuning.forDesign(CNN, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("core");
    }
}
