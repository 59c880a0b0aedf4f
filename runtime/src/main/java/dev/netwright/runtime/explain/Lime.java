package dev.netwright.runtime.explain;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

/**
 * LIME (Ribeiro et al. 2016) on segments: {@code samples} inputs with random segments switched off (to the baseline),
 * weighted by closeness to the whole input (an exponential kernel of width 0.25 on the cosine distance, as LIME's image
 * explainer), and a weighted linear model of the class probability fitted to them; a segment's weight is its
 * coefficient. A light ridge penalty (λ = {@code ridge}) keeps the fit defined when few samples are drawn; LIME's
 * own default of 1 shrinks the weights visibly at a thousand samples.
 */
public final class Lime implements Explainer {
    private static final double KERNEL_WIDTH = 0.25;

    private final Segmentation segments;
    private final int samples;
    private final double ridge;
    private final long seed;

    /** On {@code segments} (null: {@link Segmentation#AUTOMATIC}), {@code samples} perturbed inputs. */
    public Lime(Segmentation segments, int samples, double ridge, long seed) {
        if (samples < 2) {
            throw new IllegalArgumentException("LIME needs at least 2 samples, got " + samples);
        }
        this.segments = segments;
        this.samples = samples;
        this.ridge = ridge;
        this.seed = seed;
    }

    public Lime() {
        this(null, 1000, 1e-3, 1);
    }

    @Override
    public String name() {
        return "lime";
    }

    @Override
    public Attribution explain(ClassifierModel model, INDArray input, int target, INDArray baseline, Progress progress)
            throws ExplainException {
        return CoalitionValue.bySegments(name(), segments, model, input, target, baseline, samples, progress,
                (value, m) -> fit(value, m, samples, ridge, new Random(seed)));
    }

    /** The surrogate's coefficients, one per segment (the intercept left out). */
    static double[] fit(CoalitionValue value, int segments, int samples, double ridge, Random random) {
        boolean[][] on = new boolean[samples][segments];
        java.util.Arrays.fill(on[0], true); // the input itself, as LIME does
        for (int s = 1; s < samples; s++) {
            java.util.Arrays.fill(on[s], true);
            int off = 1 + random.nextInt(segments); // LIME: how many to switch off, uniformly, then which
            int[] order = permutation(segments, random);
            for (int k = 0; k < off; k++) {
                on[s][order[k]] = false;
            }
        }
        double[] y = value.values(on);
        double[][] x = new double[samples][segments + 1];
        double[] w = new double[samples];
        for (int s = 0; s < samples; s++) {
            int kept = 0;
            x[s][0] = 1;
            for (int j = 0; j < segments; j++) {
                if (on[s][j]) {
                    x[s][j + 1] = 1;
                    kept++;
                }
            }
            double distance = 1 - Math.sqrt((double) kept / segments); // cosine distance to all-on
            w[s] = Math.sqrt(Math.exp(-distance * distance / (KERNEL_WIDTH * KERNEL_WIDTH)));
        }
        double[] beta = WeightedLeastSquares.solve(x, y, w, ridge, 0);
        return java.util.Arrays.copyOfRange(beta, 1, beta.length);
    }

    static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
