package dev.netwright.runtime.explain;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** KernelSHAP: exact Shapley values of a linear model, efficiency on a network, agreement with brute force. */
class KernelShapTest {
    private static final double[] WEIGHTS = {0.5, -1.25, 2.0, 0.0, 3.5, -0.75};
    private static final double[] X = {1.0, 2.0, -1.0, 4.0, 0.5, 2.0};
    private static final double[] BASELINE = {0.5, 0.0, 1.0, -2.0, 0.5, 1.0};

    /** f(x) = 0.3 + w·x, a feature absent from the coalition taking the baseline's value. */
    private static CoalitionValue linearModel() {
        return on -> {
            double[] out = new double[on.length];
            for (int s = 0; s < on.length; s++) {
                out[s] = 0.3;
                for (int j = 0; j < WEIGHTS.length; j++) {
                    out[s] += WEIGHTS[j] * (on[s][j] ? X[j] : BASELINE[j]);
                }
            }
            return out;
        };
    }

    @Test
    void aLinearModelsShapleyValuesAreItsWeightsTimesTheDistanceFromTheBaseline() {
        // 6 features: 62 coalitions, all used
        double[] phi = KernelShap.shapley(linearModel(), 6, 1000, new Random(1));
        for (int j = 0; j < WEIGHTS.length; j++) {
            assertThat(phi[j]).as("feature %d", j).isCloseTo(WEIGHTS[j] * (X[j] - BASELINE[j]), within(1e-9));
        }
    }

    @Test
    void sampledCoalitionsGiveTheSameExactValuesForALinearModel() {
        // only 20 of the 62 coalitions drawn: a linear model is fitted exactly by any set that spans the features
        double[] phi = KernelShap.shapley(linearModel(), 6, 20, new Random(2));
        for (int j = 0; j < WEIGHTS.length; j++) {
            assertThat(phi[j]).isCloseTo(WEIGHTS[j] * (X[j] - BASELINE[j]), within(1e-6));
        }
    }

    @Test
    void withEveryCoalitionTheValuesAreTheShapleyValuesOfANonLinearGame() {
        int m = 4;
        CoalitionValue game = on -> {
            double[] out = new double[on.length];
            for (int s = 0; s < on.length; s++) {
                double a = on[s][0] ? 1 : 0;
                double b = on[s][1] ? 1 : 0;
                double c = on[s][2] ? 1 : 0;
                double d = on[s][3] ? 1 : 0;
                out[s] = a * b * 2 + c - 0.5 * a * c * d + Math.sin(b + d);
            }
            return out;
        };
        double[] phi = KernelShap.shapley(game, m, 1000, new Random(1));
        double[] exact = bruteForceShapley(game, m);
        for (int j = 0; j < m; j++) {
            assertThat(phi[j]).as("player %d", j).isCloseTo(exact[j], within(1e-9));
        }
    }

    @Test
    void onANetworkTheSegmentValuesSumToTheProbabilityAtTheInputMinusAtTheBaseline() throws Exception {
        ClassifierModel model = TinyNetworks.randomCnn(9, 0);
        INDArray x = TinyNetworks.randomInput(model, 5).mul(3);
        INDArray baseline = Nd4j.zeros(x.dataType(), x.shape());
        double change = model.probabilityOf(x, 1)[0] - model.probabilityOf(baseline, 1)[0];
        Attribution shap = new KernelShap(Segments.grid(InputLayout.of(model.exampleShape()), 1), 400, 3)
                .explain(model, x, 1, baseline, Explainer.Progress.NONE); // 36 pixels: sampled coalitions
        double sum = 0;
        for (double phi : shap.segmentWeights()) {
            sum += phi;
        }
        assertThat(sum).isCloseTo(change, within(1e-9));
        assertThat(shap.total()).isCloseTo(change, within(1e-9));
    }

    private static double[] bruteForceShapley(CoalitionValue game, int m) {
        double[] phi = new double[m];
        double[] factorial = new double[m + 1];
        factorial[0] = 1;
        for (int i = 1; i <= m; i++) {
            factorial[i] = factorial[i - 1] * i;
        }
        for (int j = 0; j < m; j++) {
            for (int mask = 0; mask < 1 << m; mask++) {
                if ((mask >> j & 1) == 1) {
                    continue;
                }
                boolean[] without = new boolean[m];
                boolean[] with = new boolean[m];
                for (int k = 0; k < m; k++) {
                    without[k] = (mask >> k & 1) == 1;
                    with[k] = without[k] || k == j;
                }
                double[] v = game.values(new boolean[][] {with, without});
                int size = Integer.bitCount(mask);
                phi[j] += factorial[size] * factorial[m - size - 1] / factorial[m] * (v[0] - v[1]);
            }
        }
        return phi;
    }
}
