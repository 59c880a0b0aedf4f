package dev.netwright.runtime.train;

import dev.netwright.runtime.data.ImageAugmenter;
import dev.netwright.runtime.design.Augmentation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * Augments a run's training minibatches ({@code [n, C, H, W]} image features) with {@link ImageAugmenter}; the labels
 * are kept. Its random numbers come from the run's seed and the epoch, so a run repeats exactly, and a run resumed at an
 * epoch draws what the uninterrupted run drew there.
 */
class BatchAugmenter {
    private final ImageAugmenter images;
    private final long seed;
    private Random random;

    BatchAugmenter(Augmentation augmentation, long seed) {
        this.images = new ImageAugmenter(augmentation);
        this.seed = seed;
        startEpoch(1);
    }

    /** Draws the next minibatches from the numbers of {@code epoch} (1-based). */
    void startEpoch(int epoch) {
        // another mix than the shuffle's (ExampleIterator), so that the draws do not follow the order
        random = new Random(seed * 0xBF58476D1CE4E5B9L + 31L * epoch + 7);
    }

    /** The batch with its images augmented (the features are a new array; the labels are the batch's own). */
    DataSet augment(DataSet batch) {
        INDArray features = batch.getFeatures();
        long[] shape = features.shape();
        if (shape.length != 4) {
            throw new IllegalStateException("augmentation takes image batches [n, C, H, W], not " + features.shapeInfoToString());
        }
        float[] values = features.dup('c').data().asFloat();
        images.augment(values, (int) shape[0], (int) shape[1], (int) shape[2], (int) shape[3], random);
        return new DataSet(Nd4j.create(values, shape, 'c'), batch.getLabels());
    }
}
