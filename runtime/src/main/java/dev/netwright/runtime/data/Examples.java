package dev.netwright.runtime.data;

import java.util.List;
import java.util.Objects;

/**
 * Labelled examples in memory. {@code features} holds {@link #exampleLength()} floats per example, row-major
 * with channels last (H,W,C) for images, or the plain feature order for CSV rows (height 1, width = number of
 * features, channels 1); {@code labels} holds the class index of each example.
 *
 * <p>The arrays are shared, not copied, because a full data set is hundreds of megabytes: treat them as
 * read-only. {@link #subset} and {@link Normalisation} make new arrays.
 */
public record Examples(float[] features, int[] labels, int height, int width, int channels,
                       List<String> classNames) {

    public Examples {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        classNames = List.copyOf(classNames);
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("height, width and channels must be at least 1, got "
                    + height + "×" + width + "×" + channels);
        }
        long length = (long) height * width * channels;
        if ((long) labels.length * length != features.length) {
            throw new IllegalArgumentException(labels.length + " labels need " + labels.length * length
                    + " feature values (" + length + " per example), got " + features.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("label " + labels[i] + " of example " + i + " is not a class index"
                        + " (there are " + classNames.size() + " classes)");
            }
        }
    }

    /** Number of examples. */
    public int size() {
        return labels.length;
    }

    /** Floats per example: height × width × channels. */
    public int exampleLength() {
        return height * width * channels;
    }

    public int numClasses() {
        return classNames.size();
    }

    /** The examples at {@code indices}, in that order, with the same shape and class names. */
    public Examples subset(int[] indices) {
        int length = exampleLength();
        float[] f = new float[indices.length * length];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features, indices[i] * length, f, i * length, length);
            l[i] = labels[indices[i]];
        }
        return new Examples(f, l, height, width, channels, classNames);
    }

    /** How many examples each class has, indexed by class. */
    public int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** True for data read from CSV rows (one row of features), false for images. */
    boolean isTabular() {
        return height == 1 && channels == 1;
    }

    /** The shape in words for messages: "28×28×1 images" or "rows of 4 features". */
    String describeShape() {
        return isTabular() ? "rows of " + width + " features" : height + "×" + width + "×" + channels + " images";
    }
}
