package dev.netwright.runtime.data;

import dev.netwright.runtime.layers.Shape;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;

/**
 * A DL4J iterator over {@link Examples}: batches of {@code batchSize} (the last one smaller), in an order
 * reshuffled at every {@link #reset()} by a {@link Random} seeded from (seed, epoch), so that a run repeats
 * exactly; in stored order when {@code shuffle} is false. Not for async prefetch.
 */
public final class ExampleIterator implements DataSetIterator {
    private final Examples examples;
    private final Shape input;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;

    private final int[] order;
    private int epoch;
    private int cursor;
    private int[] lastBatch = new int[0];
    private DataSetPreProcessor preProcessor;

    public ExampleIterator(Examples examples, Shape input, int batchSize, boolean shuffle, long seed) {
        this.examples = Objects.requireNonNull(examples, "examples");
        this.input = Objects.requireNonNull(input, "input");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        DataFit.shapeProblem(input, examples).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.order = Split.all(examples.size());
        arrange();
    }

    /** Indices into the examples of the batch that {@link #next()} returned last, to map predictions back. */
    public int[] lastBatchIndices() {
        return lastBatch.clone();
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("no more batches in this epoch; call reset()");
        }
        int end = Math.min(order.length, cursor + num);
        lastBatch = Arrays.copyOfRange(order, cursor, end);
        cursor = end;
        DataSet batch = new DataSet(Views.features(examples, lastBatch, input), Views.labels(examples, lastBatch));
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    /** Starts the next epoch, in a new order when shuffling. */
    @Override
    public void reset() {
        epoch++;
        arrange();
    }

    private void arrange() {
        cursor = 0;
        if (!shuffle) {
            return;
        }
        Arrays.setAll(order, i -> i);
        // Mixing the epoch into the seed gives each epoch its own order, yet one that the seed fixes
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + epoch);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }

    @Override
    public int inputColumns() {
        return examples.exampleLength();
    }

    @Override
    public int totalOutcomes() {
        return examples.numClasses();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return examples.classNames();
    }
}
