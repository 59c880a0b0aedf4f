package dev.netwright.charts.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureAttributionsTest {
    @Test
    void featuresAreSortedByTheSizeOfTheirAttributionWhateverItsSign() {
        FeatureAttributions a = new FeatureAttributions("shap", List.of("age", "height", "weight", "sex"),
                new double[] {0.1, -0.4, 0.25, 0.0}, 0.3, 0.25);
        assertThat(a.sorted()).extracting(FeatureAttributions.Feature::name)
                .containsExactly("height", "weight", "age", "sex");
        assertThat(a.total()).isCloseTo(-0.05, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(a.summary()).isEqualTo("E[f] 0.300 → f(x) 0.250 (Δ -0.050); attributions sum to -0.050");
    }

    @Test
    void aNameForEachValueIsRequired() {
        assertThatThrownBy(() -> new FeatureAttributions("shap", List.of("a"), new double[] {1, 2}, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("1 feature names for 2 attributions");
    }
}
