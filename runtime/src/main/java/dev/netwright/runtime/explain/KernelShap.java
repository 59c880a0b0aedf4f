package dev.netwright.runtime.explain;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Random;

/**
 * KernelSHAP (Lundberg and Lee 2017) on segments (image cells, or features of a row): Shapley values of the class
 * probability with the baseline standing for an absent segment, from a weighted linear regression over coalitions of
 * segments under the Shapley kernel, constrained so that the values sum to p(x) − p(baseline) (efficiency). With few
 * segments (2^M − 2 coalitions within the budget) every coalition is used and the values are the exact Shapley values;
 * otherwise {@code samples} coalitions are drawn, each with its complement, sizes in proportion to the kernel.
 */
public final class KernelShap implements Explainer {
    private final Segmentation segments;
    private final int samples;
    private final long seed;

    public KernelShap(Segmentation segments, int samples, long seed) {
        if (samples < 2) {
            throw new IllegalArgumentException("KernelSHAP needs at least 2 samples, got " + samples);
        }
        this.segments = segments;
        this.samples = samples;
        this.seed = seed;
    }

    public KernelShap() {
        this(null, 1000, 1);
    }

    @Override
    public String name() {
        return "shap";
    }

    @Override
    public Attribution explain(ClassifierModel model, INDArray input, int target, INDArray baseline, Progress progress)
            throws ExplainException {
        return CoalitionValue.bySegments(name(), segments, model, input, target, baseline, samples, progress,
                (value, m) -> shapley(value, m, samples, new Random(seed)));
    }

    /** The Shapley values of the {@code m} segments under {@code value}, from at most {@code samples} coalitions. */
    static double[] shapley(CoalitionValue value, int m, int samples, Random random) {
        boolean[] none = new boolean[m];
        boolean[] all = new boolean[m];
        Arrays.fill(all, true);
        double[] ends = value.values(new boolean[][] {none, all});
        double empty = ends[0];
        double delta = ends[1] - empty;
        if (m == 1) {
            return new double[] {delta};
        }
        boolean[][] on;
        double[] weight;
        if (m < 31 && (1L << m) - 2 <= samples) {
            int count = (1 << m) - 2;
            on = new boolean[count][m];
            weight = new double[count];
            for (int mask = 1; mask <= count; mask++) {
                int size = Integer.bitCount(mask);
                for (int j = 0; j < m; j++) {
                    on[mask - 1][j] = (mask >> j & 1) == 1;
                }
                weight[mask - 1] = (m - 1) / (binomial(m, size) * size * (m - size));
            }
        } else {
            on = sampled(m, samples, random);
            weight = new double[on.length];
            Arrays.fill(weight, 1.0); // the sizes were drawn by the kernel already
        }
        double[] y = value.values(on);
        // φ_m = Δ − Σ_{j<m} φ_j: regress y − f(∅) − z_m Δ on (z_j − z_m), j < m
        double[][] x = new double[on.length][m - 1];
        double[] target = new double[on.length];
        for (int s = 0; s < on.length; s++) {
            double last = on[s][m - 1] ? 1 : 0;
            for (int j = 0; j < m - 1; j++) {
                x[s][j] = (on[s][j] ? 1 : 0) - last;
            }
            target[s] = y[s] - empty - last * delta;
        }
        double[] beta = WeightedLeastSquares.solve(x, target, weight, 1e-12, -1);
        double[] phi = Arrays.copyOf(beta, m);
        double rest = delta;
        for (int j = 0; j < m - 1; j++) {
            rest -= beta[j];
        }
        phi[m - 1] = rest;
        return phi;
    }

    /** Coalitions in complementary pairs, their sizes drawn with probability ∝ (m − 1) / (k (m − k)). */
    private static boolean[][] sampled(int m, int samples, Random random) {
        double[] cumulative = new double[m];
        for (int k = 1; k < m; k++) {
            cumulative[k] = cumulative[k - 1] + (m - 1.0) / (k * (double) (m - k));
        }
        int pairs = Math.max(1, samples / 2);
        boolean[][] on = new boolean[2 * pairs][m];
        for (int p = 0; p < pairs; p++) {
            double r = random.nextDouble() * cumulative[m - 1];
            int size = 1;
            while (cumulative[size] < r) {
                size++;
            }
            int[] order = Lime.permutation(m, random);
            for (int k = 0; k < size; k++) {
                on[2 * p][order[k]] = true;
            }
            for (int j = 0; j < m; j++) {
                on[2 * p + 1][j] = !on[2 * p][j];
            }
        }
        return on;
    }

    private static double binomial(int n, int k) {
        double result = 1;
        for (int i = 1; i <= k; i++) {
            result = result * (n - k + i) / i;
        }
        return result;
    }
}
