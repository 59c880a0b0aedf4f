package dev.netwright.runtime.explain;

import java.util.Objects;

/**
 * What an explainer found for one input and class: an attribution per input value (shaped like the input, flat in its
 * row-major order) and per pixel (the sum over channels), for drawing as a heat map and for the faithfulness curves.
 *
 * @param method      the explainer's name
 * @param target      the class explained
 * @param values      per input value
 * @param pixels      per pixel of {@link InputLayout}
 * @param segments    for segment methods (LIME, SHAP), the segment of each pixel; null otherwise
 * @param segmentWeights for segment methods, each segment's weight; null otherwise
 */
public record Attribution(String method, int target, double[] values, double[] pixels, int[] segments,
                          double[] segmentWeights) {

    public Attribution {
        Objects.requireNonNull(method, "method");
        values = values.clone();
        pixels = pixels.clone();
        segments = segments == null ? null : segments.clone();
        segmentWeights = segmentWeights == null ? null : segmentWeights.clone();
    }

    /** An attribution per input value; its pixel map sums the channels. */
    static Attribution ofValues(String method, int target, double[] values, InputLayout layout) {
        return new Attribution(method, target, values, layout.perPixel(values), null, null);
    }

    /** The sum of all attributions (for integrated gradients and SHAP: f(x) − f(baseline)). */
    public double total() {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }
}
