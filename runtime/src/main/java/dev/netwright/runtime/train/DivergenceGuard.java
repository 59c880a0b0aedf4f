package dev.netwright.runtime.train;

/**
 * Notices a run that has blown up without producing NaN: DL4J clips softmax probabilities, so with an
 * adaptive optimizer and a huge learning rate the loss stays finite but far above what guessing gives.
 * A run is diverging when the mean loss of the last {@value #WINDOW} iterations exceeds
 * {@value #FACTOR} × ln(classes), the cross-entropy of a uniform guess.
 */
final class DivergenceGuard {
    static final int WINDOW = 10;
    static final double FACTOR = 4.0;

    private final double chanceLoss;
    private final double[] recent = new double[WINDOW];
    private int seen;

    DivergenceGuard(int classes) {
        this(Math.log(Math.max(2, classes)));
    }

    /** A guard for a loss whose guessing value is {@code chanceLoss} (a distillation run's, say). */
    DivergenceGuard(double chanceLoss) {
        this.chanceLoss = chanceLoss;
    }

    /** Records one iteration's loss; true when the window is full and its mean is far above guessing. */
    boolean diverged(double loss) {
        recent[seen % WINDOW] = loss;
        seen++;
        return seen >= WINDOW && recentMean() > FACTOR * chanceLoss;
    }

    double recentMean() {
        int n = Math.min(seen, WINDOW);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += recent[i];
        }
        return n == 0 ? 0 : sum / n;
    }

    double chanceLoss() {
        return chanceLoss;
    }
}
