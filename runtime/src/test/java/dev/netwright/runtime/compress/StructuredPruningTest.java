package dev.netwright.runtime.compress;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Selecting kept channels along an axis; the samples are pruned in the app's StructuredPruningOfSamplesTest. */
class StructuredPruningTest {
    @Test
    void keptChannelsAreSelectedAlongTheirAxisInBlocks() {
        INDArray w = Nd4j.zeros(DataType.FLOAT, 4, 1, 1, 1);
        w.putScalar(new long[] {0, 0, 0, 0}, 0.1);
        w.putScalar(new long[] {1, 0, 0, 0}, -3);
        w.putScalar(new long[] {2, 0, 0, 0}, 0.2);
        w.putScalar(new long[] {3, 0, 0, 0}, 2);
        INDArray selected = StructuredPruning.select(w, 0, new int[] {1, 3}, 1);
        assertThat(selected.shape()).containsExactly(2, 1, 1, 1);
        assertThat(selected.getFloat(0)).isEqualTo(-3f);
        assertThat(StructuredPruning.select(Nd4j.arange(12).castTo(DataType.FLOAT).reshape(2, 6), 1, new int[] {2}, 2)
                .dup().data().asFloat()).containsExactly(4f, 5f, 10f, 11f);
    }

    @Test
    void aShareOfOneOrMoreIsRefused() {
        assertThatThrownBy(() -> StructuredPruning.prune(null, null, 1)).hasMessageContaining("below 1");
    }
}
