package dev.netwright.samples;

import dev.netwright.runtime.train.NativeTuning;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker's native settings for every bundled sample, pinned: they were chosen from the palette group and are now
 * chosen from the layers ({@code LayerKind.prefersOneThread}), with the same outcome. Sequence samples train on one
 * thread whatever the cores; image samples on one per core but one; oneDNN's helpers are on for all. The recurrent
 * CNN (added later) has an LSTM, so it trains on one thread like the sequence samples.
 */
class SampleThreadChoiceTest {

    @ParameterizedTest(name = "{0} on {1} cores: {2} threads")
    @CsvSource({
            "cnn, 1, 1", "cnn, 2, 1", "cnn, 8, 7", "cnn, 16, 15",
            "resnet, 1, 1", "resnet, 2, 1", "resnet, 8, 7", "resnet, 16, 15",
            "lstm, 1, 1", "lstm, 2, 1", "lstm, 8, 1", "lstm, 16, 1",
            "transformer, 1, 1", "transformer, 2, 1", "transformer, 8, 1", "transformer, 16, 1",
            "rcnn, 1, 1", "rcnn, 2, 1", "rcnn, 8, 1", "rcnn, 16, 1"})
    void eachSampleGetsTheThreadsItGotBefore(String sample, int cores, int threads) {
        NativeTuning tuning = NativeTuning.forDesign(Samples.load(sample), cores);

        assertThat(tuning.threads()).isEqualTo(threads);
        assertThat(tuning.oneDnnHelpers()).isTrue();
    }
}
