package dev.netwright.runtime.data;

import java.util.Arrays;

/**
 * How feature values are rescaled before training. Statistics come from the training part only, and the same
 * transform is applied to validation, so that validation measures what unseen data would get.
 */
public enum Normalisation {
    /** Values as read (pixels 0..255, CSV values as written). */
    NONE,
    /** Images: divided by 255. CSV rows: (x - min) / (max - min) per feature column. */
    SCALE_0_1,
    /** (x - mean) / std: per channel for images, per feature column for CSV rows. */
    STANDARDISE;

    public TrainValidation apply(TrainValidation data) {
        if (this == NONE) {
            return data;
        }
        Fitted fitted = fit(data.train());
        // the statistics are the training part's only: the validation and test parts are transformed with them
        return new TrainValidation(fitted.apply(data.train()), fitted.apply(data.validation()),
                data.test().map(fitted::apply), data.description());
    }

    /**
     * This normalisation's statistics taken from {@code train}, to transform other examples as the training part was
     * (a single input to predict or explain goes through exactly what the run's data went through).
     */
    public Fitted fit(Examples train) {
        // Groups share one statistic: a column of a CSV row, or a channel of an image (all its pixels together)
        int groups = train.isTabular() ? train.exampleLength() : train.channels();
        double[] offset = new double[groups];
        double[] scale = new double[groups];
        if (this == NONE) {
            Arrays.fill(scale, 1.0);
        } else if (this == SCALE_0_1 && !train.isTabular()) {
            Arrays.fill(scale, 255.0);
        } else if (this == SCALE_0_1) {
            minMax(train, offset, scale);
        } else {
            meanStd(train, offset, scale);
        }
        return new Fitted(offset, scale);
    }

    /**
     * Statistics taken from a training part: {@code (x - offset[g]) / scale[g]}, with {@code g} the value's column
     * (CSV rows) or channel (images).
     */
    public record Fitted(double[] offset, double[] scale) {
        public Fitted {
            offset = offset.clone();
            scale = scale.clone();
        }

        /** The examples transformed; they must have the shape of the training part the statistics came from. */
        public Examples apply(Examples examples) {
            return transform(examples, offset, scale);
        }
    }

    private static int groupOf(Examples ex, int position) {
        return ex.isTabular() ? position : position % ex.channels();
    }

    private static void minMax(Examples train, double[] min, double[] range) {
        double[] max = new double[min.length];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        float[] f = train.features();
        int length = train.exampleLength();
        for (int i = 0; i < f.length; i++) {
            int g = groupOf(train, i % length);
            min[g] = Math.min(min[g], f[i]);
            max[g] = Math.max(max[g], f[i]);
        }
        for (int g = 0; g < min.length; g++) {
            if (min[g] == Double.POSITIVE_INFINITY) {
                min[g] = 0;
                max[g] = 1;
            }
            range[g] = max[g] > min[g] ? max[g] - min[g] : 1; // a constant column becomes 0, not NaN
        }
    }

    private static void meanStd(Examples train, double[] mean, double[] std) {
        double[] sum = new double[mean.length];
        double[] sumSq = new double[mean.length];
        long[] n = new long[mean.length];
        float[] f = train.features();
        int length = train.exampleLength();
        for (int i = 0; i < f.length; i++) {
            int g = groupOf(train, i % length);
            sum[g] += f[i];
            n[g]++;
        }
        for (int g = 0; g < mean.length; g++) {
            mean[g] = n[g] == 0 ? 0 : sum[g] / n[g];
        }
        // Second pass around the mean: one-pass sum of squares loses precision on pixel values
        for (int i = 0; i < f.length; i++) {
            int g = groupOf(train, i % length);
            double d = f[i] - mean[g];
            sumSq[g] += d * d;
        }
        for (int g = 0; g < mean.length; g++) {
            double s = n[g] == 0 ? 0 : Math.sqrt(sumSq[g] / n[g]);
            std[g] = s > 1e-12 ? s : 1; // a constant column becomes 0, not NaN
        }
    }

    private static Examples transform(Examples ex, double[] offset, double[] scale) {
        float[] in = ex.features();
        float[] out = new float[in.length];
        int length = ex.exampleLength();
        for (int i = 0; i < in.length; i++) {
            int g = groupOf(ex, i % length);
            out[i] = (float) ((in[i] - offset[g]) / scale[g]);
        }
        return new Examples(out, ex.labels(), ex.height(), ex.width(), ex.channels(), ex.classNames());
    }
}
