package dev.netwright.runtime.doctor;

/**
 * How likely a count is by chance alone, for the rules that read counts of examples (a class's validation accuracy, a
 * class's share of the training data): a difference that sampling noise explains is not a finding.
 */
final class Chance {
    private Chance() {
    }

    /**
     * The one-sided p-value of a fall from {@code correctThen} of {@code countThen} to {@code correctNow} of
     * {@code countNow}: how likely a fall at least this large is when both counts come from one accuracy (a pooled
     * two-proportion z-test). 1 when there is no fall, or no examples to judge.
     */
    static double fallPValue(int correctThen, int countThen, int correctNow, int countNow) {
        if (countThen <= 0 || countNow <= 0) {
            return 1;
        }
        double then = (double) correctThen / countThen;
        double now = (double) correctNow / countNow;
        if (!(then > now)) {
            return 1;
        }
        double pooled = (double) (correctThen + correctNow) / (countThen + countNow);
        double spread = Math.sqrt(pooled * (1 - pooled) * (1.0 / countThen + 1.0 / countNow));
        return spread == 0 ? 0 : upperTail((then - now) / spread);
    }

    /** P(Z ≥ z) for a standard normal Z. */
    static double upperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /**
     * The complementary error function, with a relative error under 1.2e-7 everywhere (Numerical Recipes' erfcc, a
     * Chebyshev fit), so that the small tail probabilities the rules compare are right to their first digits.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /** P(X ≤ k) for X binomial with {@code n} trials of probability {@code p}, summed exactly (in logarithms). */
    static double binomialAtMost(int k, int n, double p) {
        if (k < 0) {
            return 0;
        }
        if (k >= n || p <= 0) {
            return 1;
        }
        if (p >= 1) {
            return 0;
        }
        double logTerm = n * Math.log1p(-p); // P(X = 0)
        double logOdds = Math.log(p) - Math.log1p(-p);
        double largest = logTerm;
        double[] logs = new double[k + 1];
        logs[0] = logTerm;
        for (int i = 0; i < k; i++) {
            logTerm += Math.log((double) (n - i) / (i + 1)) + logOdds;
            logs[i + 1] = logTerm;
            largest = Math.max(largest, logTerm);
        }
        double sum = 0;
        for (double log : logs) {
            sum += Math.exp(log - largest);
        }
        return Math.min(1, Math.exp(largest) * sum);
    }
}
