package dev.netwright.runtime.explain;

/**
 * The value of switching some segments on and the rest off: for a model, the class probability of the input with the
 * segments that are off replaced by the baseline. LIME and KernelSHAP need nothing else, so their tests can give them
 * functions whose right answer is known.
 */
@FunctionalInterface
interface CoalitionValue {
    /** One value per row of {@code on} (segments × on/off). */
    double[] values(boolean[][] on);

    /** The model's probability of {@code target} with the segments off taken from the baseline. */
    static CoalitionValue of(ClassifierModel model, Segments segments, double[] x, double[] baseline, int target) {
        return on -> {
            double[] out = new double[on.length];
            for (int start = 0; start < on.length; start += ClassifierModel.CHUNK) {
                Explainer.checkCancelled();
                int end = Math.min(on.length, start + ClassifierModel.CHUNK);
                boolean[][] part = java.util.Arrays.copyOfRange(on, start, end);
                double[] p = model.probabilityOf(segments.compose(model, x, baseline, part), target);
                System.arraycopy(p, 0, out, start, p.length);
            }
            return out;
        };
    }
}
