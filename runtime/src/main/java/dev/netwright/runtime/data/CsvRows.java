package dev.netwright.runtime.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows read from a CSV file so far: features as plain floats and each label as an index into the distinct
 * label texts, so that a large file is held once and compactly. The arrays grow by doubling, and the heap is asked
 * for room before each step instead of running out halfway through a file.
 */
final class CsvRows {
    private static final int FIRST_CAPACITY = 1024;
    /** The most values one Java array holds. */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private final int features;
    private final HeapRoom heap;
    private final String name;
    private float[] values = new float[0];
    private int[] labels = new int[0];
    private int count;
    private final Map<String, Integer> labelIndex = new HashMap<>();
    private final List<String> labelTexts = new ArrayList<>();

    /** {@code features} values per row; {@code name} is how messages refer to the file. */
    CsvRows(int features, HeapRoom heap, String name) {
        this.features = features;
        this.heap = heap;
        this.name = name;
    }

    /** Adds a row of {@link #features} values from {@code rowValues}; {@code row} is its line number, for messages. */
    void add(float[] rowValues, String label, int row) throws DataException {
        if (count == labels.length) {
            grow(row);
        }
        System.arraycopy(rowValues, 0, values, count * features, features);
        Integer index = labelIndex.get(label);
        if (index == null) {
            index = labelTexts.size();
            labelIndex.put(label, index);
            labelTexts.add(label);
        }
        labels[count++] = index;
    }

    int size() {
        return count;
    }

    /** The label index of row {@code i} (counting the rows added, from 0). */
    int labelAt(int i) {
        return labels[i];
    }

    /** The features of the rows from {@code from} on, in order, in an array of their own. */
    float[] features(int from) throws DataException {
        long length = (long) (count - from) * features;
        heap.require(length * Float.BYTES, name + ": holding its " + Texts.count(count - from) + " rows");
        return Arrays.copyOfRange(values, from * features, count * features);
    }

    /** The label index of each row from {@code from} on; indices point into {@link #labelTexts()}. */
    int[] labels(int from) {
        return Arrays.copyOfRange(labels, from, count);
    }

    /** The distinct labels in the order they first appeared. */
    List<String> labelTexts() {
        return labelTexts;
    }

    private void grow(int row) throws DataException {
        long capacity = labels.length == 0 ? FIRST_CAPACITY : 2L * labels.length;
        if (capacity * features > MAX_VALUES) {
            capacity = MAX_VALUES / features;
            if (capacity <= count) {
                throw new DataException(name + ", row " + Texts.count(row) + ": the rows read so far are too many to "
                        + "hold in one array (" + Texts.count((long) count * features) + " values)");
            }
        }
        heap.require(capacity * features * Float.BYTES + capacity * Integer.BYTES,
                name + ", row " + Texts.count(row) + ": holding the rows read so far");
        values = Arrays.copyOf(values, (int) (capacity * features));
        labels = Arrays.copyOf(labels, (int) capacity);
    }
}
