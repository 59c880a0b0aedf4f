package dev.netwright.charts.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DownsamplerTest {

    @Test
    void smallSeriesAreDrawnWhole() {
        Series s = new Series();
        for (int i = 0; i < 50; i++) {
            s.add(i, i);
        }
        assertThat(Downsampler.indices(s, 2000)).hasSize(50);
    }

    @Test
    void aHundredThousandPointsBecomeAtMostAboutTheLimitKeepingSpikesAndTheLastPoint() {
        Series s = new Series();
        for (int i = 0; i < 100_000; i++) {
            s.add(i, i == 54_321 ? 99.0 : Math.sin(i / 1000.0));
        }
        int[] kept = Downsampler.indices(s, 2000);
        assertThat(kept.length).isLessThanOrEqualTo(2001);
        assertThat(kept).contains(54_321).contains(99_999);
        for (int i = 1; i < kept.length; i++) {
            assertThat(kept[i]).isGreaterThan(kept[i - 1]);
        }
    }
}
