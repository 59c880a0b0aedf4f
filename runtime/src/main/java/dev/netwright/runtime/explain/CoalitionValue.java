package dev.netwright.runtime.explain;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.BiFunction;

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
        return of(model, segments, x, baseline, target, Explainer.Progress.NONE, 0);
    }

    /** As {@link #of(ClassifierModel, Segments, double[], double[], int)}, reporting the inputs evaluated of {@code total}. */
    static CoalitionValue of(ClassifierModel model, Segments segments, double[] x, double[] baseline, int target,
                             Explainer.Progress progress, int total) {
        int[] evaluated = {0};
        return on -> {
            double[] out = new double[on.length];
            for (int start = 0; start < on.length; start += ClassifierModel.CHUNK) {
                Explainer.checkCancelled();
                int end = Math.min(on.length, start + ClassifierModel.CHUNK);
                boolean[][] part = java.util.Arrays.copyOfRange(on, start, end);
                double[] p = model.probabilityOf(segments.compose(model, x, baseline, part), target);
                System.arraycopy(p, 0, out, start, p.length);
                evaluated[0] += p.length;
                progress.report(Math.min(evaluated[0], total), total);
            }
            return out;
        };
    }

    /**
     * A surrogate explanation on segments, as LIME and KernelSHAP make it: the input's segments as {@code chosen} cuts
     * it (null: {@link Segmentation#AUTOMATIC}, a grid or superpixels), the model's coalition values of {@code input} against {@code baseline}, and one weight per segment
     * from {@code solve} (given the values and the segment count), drawn as an attribution named {@code name}.
     */
    static Attribution bySegments(String name, Segmentation chosen, ClassifierModel model, INDArray input, int target,
                                  INDArray baseline, int samples, Explainer.Progress progress,
                                  BiFunction<CoalitionValue, Integer, double[]> solve) throws ExplainException {
        InputLayout layout = InputLayout.of(model.exampleShape());
        Segments parts = (chosen != null ? chosen : Segmentation.AUTOMATIC).of(layout, ClassifierModel.flat(input));
        CoalitionValue value = of(model, parts, ClassifierModel.flat(input), ClassifierModel.flat(baseline), target,
                progress, samples);
        double[] weights = solve.apply(value, parts.count());
        progress.report(samples, samples);
        return parts.attribution(name, target, weights, layout);
    }
}
