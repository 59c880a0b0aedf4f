package dev.netwright.runtime.explain;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Integrated gradients (Sundararajan et al. 2017): (x − baseline) times the gradient averaged along the straight path
 * from the baseline to x, by the trapezoidal rule over {@code steps} intervals. The attributions sum to
 * p(x) − p(baseline) up to the rule's error (completeness).
 */
public final class IntegratedGradients implements Explainer {
    private final int steps;

    public IntegratedGradients(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        this.steps = steps;
    }

    public IntegratedGradients() {
        this(50);
    }

    @Override
    public String name() {
        return "ig";
    }

    @Override
    public Attribution explain(ClassifierModel model, INDArray input, int target, INDArray baseline, Progress progress) {
        double[] x = ClassifierModel.flat(input);
        double[] b = ClassifierModel.flat(baseline);
        int n = x.length;
        int points = steps + 1;
        double[] path = new double[points * n];
        for (int k = 0; k < points; k++) {
            double alpha = (double) k / steps;
            for (int i = 0; i < n; i++) {
                path[k * n + i] = b[i] + alpha * (x[i] - b[i]);
            }
        }
        Explainer.checkCancelled();
        double[] gradients = ClassifierModel.flat(
                model.gradients(Nd4j.create(path, model.batchShape(points), 'c'), target).gradients());
        double[] attribution = new double[n];
        for (int k = 0; k < points; k++) {
            double weight = (k == 0 || k == steps ? 0.5 : 1.0) / steps;
            for (int i = 0; i < n; i++) {
                attribution[i] += weight * gradients[k * n + i];
            }
        }
        for (int i = 0; i < n; i++) {
            attribution[i] *= x[i] - b[i];
        }
        progress.report(points, points);
        return Attribution.ofValues(name(), target, attribution, InputLayout.of(model.exampleShape()));
    }
}
