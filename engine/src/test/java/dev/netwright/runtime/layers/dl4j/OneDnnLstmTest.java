package dev.netwright.runtime.layers.dl4j;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link OneDnnLstm} on its own; its agreement with libnd4j's ops inside a network is in
 * {@link NativeLstmLayerTest#oneDnnTrainingPassEqualsLibnd4jOps}.
 */
class OneDnnLstmTest {
    private static final int BATCH = 2;
    private static final int IN = 2;
    private static final int OUT = 3;

    @BeforeAll
    static void load() {
        assertThat(OneDnn.available()).as("oneDNN's LSTM loads on this machine").isTrue();
    }

    /**
     * With one step, the recurrent weights only ever multiply the initial h, which is zero: their gradient must
     * be zero. oneDNN 2.7.1's unidirectional backward pass got this wrong when no initial state was given.
     */
    @ParameterizedTest(name = "directions={0}")
    @ValueSource(ints = {1, 2})
    void recurrentWeightGradientIsZeroForOneStep(int directions) {
        try (OneDnnLstm lstm = OneDnnLstm.create(1, BATCH, IN, OUT, directions)) {
            Nd4j.getRandom().setSeed(1);
            INDArray w = Nd4j.randn(DataType.FLOAT, shape(directions, IN, 4 * OUT));
            INDArray rw = Nd4j.randn(DataType.FLOAT, shape(directions, OUT, 4 * OUT));
            INDArray b = Nd4j.randn(DataType.FLOAT, shape(directions, 4 * OUT));
            lstm.forward(Nd4j.randn(DataType.FLOAT, BATCH, IN, 1), w, rw, b, true);
            lstm.outputGradient().assign(Nd4j.randn(DataType.FLOAT, 1, BATCH, directions * OUT));
            INDArray dw = Nd4j.create(DataType.FLOAT, w.shape());
            INDArray drw = Nd4j.valueArrayOf(rw.shape(), 7f);
            INDArray db = Nd4j.create(DataType.FLOAT, b.shape());
            lstm.backward(w, rw, b, dw, drw, db);
            assertThat(drw.amaxNumber().doubleValue()).isZero();
            assertThat(dw.amaxNumber().doubleValue()).isPositive();
            assertThat(db.amaxNumber().doubleValue()).isPositive();
        }
    }

    @Test
    void backwardNeedsATrainingForwardPass() {
        try (OneDnnLstm lstm = OneDnnLstm.create(2, BATCH, IN, OUT, 1)) {
            INDArray w = Nd4j.rand(DataType.FLOAT, IN, 4 * OUT);
            INDArray rw = Nd4j.rand(DataType.FLOAT, OUT, 4 * OUT);
            INDArray b = Nd4j.rand(DataType.FLOAT, 4 * OUT);
            lstm.forward(Nd4j.rand(DataType.FLOAT, BATCH, IN, 2), w, rw, b, false);
            assertThat(lstm.hasTrainingState()).isFalse();
            assertThatThrownBy(() -> lstm.backward(w, rw, b, w.ulike(), rw.ulike(), b.ulike()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("without a training forward pass");
        }
    }

    @Test
    void refusesInputOfAnotherShapeAndParametersItCannotRead() {
        try (OneDnnLstm lstm = OneDnnLstm.create(2, BATCH, IN, OUT, 1)) {
            INDArray w = Nd4j.rand(DataType.FLOAT, IN, 4 * OUT);
            INDArray rw = Nd4j.rand(DataType.FLOAT, OUT, 4 * OUT);
            INDArray b = Nd4j.rand(DataType.FLOAT, 4 * OUT);
            INDArray x = Nd4j.rand(DataType.FLOAT, BATCH + 1, IN, 2);
            assertThat(lstm.fits(x)).isFalse();
            assertThatThrownBy(() -> lstm.forward(x, w, rw, b, true))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[2, 2, 2]").hasMessageContaining("[3, 2, 2]");
            INDArray transposed = Nd4j.rand(DataType.FLOAT, 4 * OUT, IN).transpose();
            assertThatThrownBy(() -> lstm.forward(Nd4j.rand(DataType.FLOAT, BATCH, IN, 2), transposed, rw, b, true))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dense c-order float array");
            assertThatThrownBy(() -> OneDnnLstm.create(2, BATCH, IN, OUT, 3))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static long[] shape(int directions, long... oneDirection) {
        if (directions == 1) {
            return oneDirection;
        }
        long[] shape = new long[oneDirection.length + 1];
        shape[0] = directions;
        System.arraycopy(oneDirection, 0, shape, 1, oneDirection.length);
        return shape;
    }
}
