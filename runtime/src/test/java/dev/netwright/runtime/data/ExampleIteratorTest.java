package dev.netwright.runtime.data;

import dev.netwright.runtime.layers.Shape;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExampleIteratorTest {
    private static final Shape VECTOR = new Shape.Vector(2);

    /** Ten rows of 2 features; example i holds (i, -i), label i mod 2. */
    private static Examples ten() {
        float[] f = new float[20];
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            f[2 * i] = i;
            f[2 * i + 1] = -i;
            labels[i] = i % 2;
        }
        return new Examples(f, labels, 1, 2, 1, List.of("even", "odd"));
    }

    /** The example indices of one epoch, batch by batch. */
    private static List<List<Integer>> epoch(ExampleIterator it) {
        List<List<Integer>> batches = new ArrayList<>();
        while (it.hasNext()) {
            it.next();
            batches.add(Arrays.stream(it.lastBatchIndices()).boxed().toList());
        }
        return batches;
    }

    @Test
    void batchesHaveTheBatchSizeAndTheLastIsSmaller() {
        ExampleIterator it = new ExampleIterator(ten(), VECTOR, 4, false, 1);

        List<Long> sizes = new ArrayList<>();
        while (it.hasNext()) {
            sizes.add(it.next().getFeatures().size(0));
        }

        assertThat(sizes).containsExactly(4L, 4L, 2L);
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void withoutShuffleTheOrderIsTheStoredOrder() {
        ExampleIterator it = new ExampleIterator(ten(), VECTOR, 4, false, 1);

        assertThat(epoch(it)).containsExactly(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7), List.of(8, 9));
        it.reset();
        assertThat(epoch(it).get(0)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void theSameSeedGivesTheSameBatchesAndAnotherSeedDiffers() {
        ExampleIterator a = new ExampleIterator(ten(), VECTOR, 3, true, 42);
        ExampleIterator b = new ExampleIterator(ten(), VECTOR, 3, true, 42);
        ExampleIterator c = new ExampleIterator(ten(), VECTOR, 3, true, 43);

        List<List<Integer>> first = epoch(a);
        assertThat(epoch(b)).isEqualTo(first);
        assertThat(epoch(c)).isNotEqualTo(first);
        a.reset();
        b.reset();
        List<List<Integer>> second = epoch(a);
        assertThat(epoch(b)).isEqualTo(second);
        assertThat(second).isNotEqualTo(first);
        assertThat(second.stream().flatMap(List::stream)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void lastBatchIndicesMapTheBatchBackToExamples() {
        ExampleIterator it = new ExampleIterator(ten(), VECTOR, 3, true, 7);

        DataSet batch = it.next();
        int[] indices = it.lastBatchIndices();

        for (int row = 0; row < indices.length; row++) {
            assertThat(batch.getFeatures().getFloat(row, 0)).isEqualTo((float) indices[row]);
            assertThat(batch.getLabels().getFloat(row, indices[row] % 2)).isEqualTo(1f);
        }
    }

    @Test
    void describesItselfToDl4j() {
        ExampleIterator it = new ExampleIterator(ten(), VECTOR, 4, true, 1);

        assertThat(it.inputColumns()).isEqualTo(2);
        assertThat(it.totalOutcomes()).isEqualTo(2);
        assertThat(it.batch()).isEqualTo(4);
        assertThat(it.resetSupported()).isTrue();
        assertThat(it.asyncSupported()).isFalse();
        assertThat(it.getLabels()).containsExactly("even", "odd");
    }

    @Test
    void aPreProcessorSeesEveryBatch() {
        ExampleIterator it = new ExampleIterator(ten(), VECTOR, 5, false, 1);
        it.setPreProcessor(ds -> ds.getFeatures().muli(2));

        assertThat(it.next().getFeatures().getFloat(4, 0)).isEqualTo(8f);
    }

    @Test
    void dataThatDoesNotFitTheInputIsRefusedAtOnce() {
        assertThatThrownBy(() -> new ExampleIterator(ten(), new Shape.Vector(3), 4, true, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expects vectors of 3 values, but the data has rows of 2 features");
    }
}
