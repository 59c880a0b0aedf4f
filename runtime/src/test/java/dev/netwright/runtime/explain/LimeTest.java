package dev.netwright.runtime.explain;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** LIME's surrogate recovers the weights of a model that is linear in its segments. */
class LimeTest {

    @Test
    void aLinearModelsWeightsAreRecovered() {
        double[] weights = {0.8, -0.3, 0.0, 1.5, -2.0, 0.25, 0.6, -0.1, 0.9, 0.05};
        CoalitionValue linear = on -> {
            double[] out = new double[on.length];
            for (int s = 0; s < on.length; s++) {
                out[s] = -0.4;
                for (int j = 0; j < weights.length; j++) {
                    out[s] += on[s][j] ? weights[j] : 0;
                }
            }
            return out;
        };
        double[] fitted = Lime.fit(linear, weights.length, 1000, 1e-3, new Random(4));
        for (int j = 0; j < weights.length; j++) {
            assertThat(fitted[j]).as("segment %d", j).isCloseTo(weights[j], within(1e-3));
        }
    }

    @Test
    void noiseAroundALinearModelStillGivesItsWeightsClosely() {
        double[] weights = {1.0, -1.0, 0.5, 0.0, 2.0};
        Random noise = new Random(9);
        CoalitionValue noisy = on -> {
            double[] out = new double[on.length];
            for (int s = 0; s < on.length; s++) {
                for (int j = 0; j < weights.length; j++) {
                    out[s] += on[s][j] ? weights[j] : 0;
                }
                out[s] += 0.05 * noise.nextGaussian();
            }
            return out;
        };
        double[] fitted = Lime.fit(noisy, weights.length, 1000, 1e-3, new Random(5));
        for (int j = 0; j < weights.length; j++) {
            assertThat(fitted[j]).isCloseTo(weights[j], within(0.02));
        }
    }
}
