package dev.netwright.charts.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An explanation of one prediction on a row of features, as a chart draws it: an attribution per named feature, the
 * model's output at the baseline (E[f], what KernelSHAP starts from) and at the input (f(x)). For KernelSHAP and
 * integrated gradients the attributions sum to f(x) − E[f]; for LIME they need not.
 *
 * @param method   the method's name, as shown ("shap", "lime", "ig")
 * @param names    the features' names, in the row's order
 * @param values   one attribution per feature, in the same order
 * @param expected the output at the baseline: E[f]
 * @param output   the output at the input: f(x)
 */
public record FeatureAttributions(String method, List<String> names, double[] values, double expected, double output) {

    public FeatureAttributions {
        Objects.requireNonNull(method, "method");
        names = List.copyOf(names);
        values = values.clone();
        if (names.size() != values.length) {
            throw new IllegalArgumentException(names.size() + " feature names for " + values.length + " attributions");
        }
    }

    /** One feature and its attribution. */
    public record Feature(String name, double value) {
    }

    /** The features, the largest |attribution| first (ties in the row's order). */
    public List<Feature> sorted() {
        List<Feature> all = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            all.add(new Feature(names.get(i), values[i]));
        }
        all.sort(Comparator.comparingDouble((Feature f) -> -Math.abs(f.value())));
        return all;
    }

    /** The sum of the attributions. */
    public double total() {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }

    /** "E[f] 0.333 → f(x) 0.912 (Δ +0.579); attributions sum to +0.579", for under the chart. */
    public String summary() {
        return String.format(Locale.ROOT, "E[f] %.3f → f(x) %.3f (Δ %+.3f); attributions sum to %+.3f", expected,
                output, output - expected, total());
    }
}
