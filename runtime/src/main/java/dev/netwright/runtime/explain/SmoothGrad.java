package dev.netwright.runtime.explain;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * SmoothGrad (Smilkov et al. 2017): the mean gradient over copies of the input with Gaussian noise of standard
 * deviation {@code noise} × (max − min of the input).
 */
public final class SmoothGrad implements Explainer {
    private final int samples;
    private final double noise;
    private final long seed;

    public SmoothGrad(int samples, double noise, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        }
        if (!(noise >= 0)) {
            throw new IllegalArgumentException("noise must be 0 or more, got " + noise);
        }
        this.samples = samples;
        this.noise = noise;
        this.seed = seed;
    }

    /** 50 samples at 15 % noise, the paper's suggestion. */
    public SmoothGrad() {
        this(50, 0.15, 1);
    }

    @Override
    public String name() {
        return "smoothgrad";
    }

    @Override
    public Attribution explain(ClassifierModel model, INDArray input, int target, INDArray baseline, Progress progress) {
        double[] x = ClassifierModel.flat(input);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double sigma = noise * (max > min ? max - min : 1);
        Random random = new Random(seed);
        double[] noisy = new double[samples * x.length];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < x.length; i++) {
                noisy[s * x.length + i] = x[i] + sigma * random.nextGaussian();
            }
        }
        Explainer.checkCancelled();
        INDArray gradients = model.gradients(Nd4j.create(noisy, model.batchShape(samples), 'c'), target).gradients();
        double[] mean = ClassifierModel.flat(gradients.mean(0));
        progress.report(samples, samples);
        return Attribution.ofValues(name(), target, mean, InputLayout.of(model.exampleShape()));
    }
}
