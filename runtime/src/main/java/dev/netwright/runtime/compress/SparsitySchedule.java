package dev.netwright.runtime.compress;

/**
 * How sparse a model being pruned is at each iteration of its fine-tuning. One-shot: the target from the start.
 * Gradual: Zhu and Gupta's (2017) cubic schedule {@code s_t = s_f (1 - (1 - t/n)^3)}, which prunes fast while many
 * weights are redundant and slowly near the target; the masks are recomputed by magnitude every {@link #every()}
 * iterations until iteration {@code n} ({@link #ramp()}), where the target is reached, and the rest of the run
 * fine-tunes with the masks fixed.
 *
 * @param target   the final share of each scope's prunable weights that are zero, at least 0 and below 1
 * @param gradual  false for one-shot pruning
 * @param ramp     iterations until the target is reached (gradual only; at least 1)
 * @param every    iterations between two recomputations of the masks (gradual only; at least 1)
 */
public record SparsitySchedule(double target, boolean gradual, long ramp, long every) {
    /** A gradual schedule reaches its target halfway through the run, which leaves the other half to recover. */
    public static final double RAMP_SHARE = 0.5;
    /** A gradual schedule recomputes the masks this many times on its way to the target. */
    public static final int STEPS = 20;

    public SparsitySchedule {
        if (!(target >= 0 && target < 1)) {
            throw new IllegalArgumentException("the sparsity must be at least 0 and below 1, not " + target);
        }
        if (gradual && (ramp < 1 || every < 1)) {
            throw new IllegalArgumentException("a gradual schedule needs at least one iteration to ramp over");
        }
    }

    /** The whole target at once. */
    public static SparsitySchedule oneShot(double target) {
        return new SparsitySchedule(target, false, 0, 0);
    }

    /** The cubic ramp over the first {@link #RAMP_SHARE} of a run of {@code totalIterations}, in {@link #STEPS} steps. */
    public static SparsitySchedule gradual(double target, long totalIterations) {
        long ramp = Math.max(1, (long) Math.floor(totalIterations * RAMP_SHARE));
        return new SparsitySchedule(target, true, ramp, Math.max(1, (ramp + STEPS - 1) / STEPS));
    }

    /** Zhu and Gupta's sparsity after {@code iteration} iterations: 0 at the start, the target from {@link #ramp()} on. */
    public double sparsityAt(long iteration) {
        if (!gradual || iteration >= ramp) {
            return target;
        }
        double left = 1 - (double) Math.max(0, iteration) / ramp;
        return target * (1 - left * left * left);
    }

    /** Whether the masks are recomputed after {@code iteration}: on every step of the ramp and at its end. */
    public boolean recomputesAt(long iteration) {
        return gradual && iteration > 0 && iteration <= ramp && (iteration % every == 0 || iteration == ramp);
    }

    /** The iteration of the last recomputation at or before {@code iteration} (0 for none), to resume from. */
    public long lastStepAtOrBefore(long iteration) {
        if (!gradual || iteration <= 0) {
            return 0;
        }
        return iteration >= ramp ? ramp : iteration - iteration % every;
    }
}
