package dev.netwright.runtime.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The distillation loss against hand-computed values, and its gradient against finite differences of its score. */
class DistillationLossTest {
    private static final ActivationSoftmax SOFTMAX = new ActivationSoftmax();
    /** Student logits, one-hot labels and teacher logits of a batch of 2 examples of 3 classes. */
    private static final double[][] STUDENT = {{1, 2, 0.5}, {0, -1, 3}};
    private static final double[][] LABELS = {{0, 1, 0}, {0, 0, 1}};
    private static final double[][] TEACHER = {{0.5, 3, 0}, {1, 0, 2}};

    private static INDArray student() {
        return Nd4j.create(STUDENT).castTo(DataType.DOUBLE);
    }

    private static INDArray labelsAndTeacher() {
        return Nd4j.hstack(Nd4j.create(LABELS), Nd4j.create(TEACHER)).castTo(DataType.DOUBLE);
    }

    @Test
    void scoreEqualsTheHandComputedValue() {
        // α = 0.3, T = 2. Example 1: q = softmax(1, 2, 0.5) = (0.2312, 0.6285, 0.1402), CE = −ln 0.6285 = 0.464369;
        // p = softmax(0.25, 1.5, 0) = (0.1863, 0.6502, 0.1635), q_T = softmax(0.5, 1, 0.25) = (0.3071, 0.5064, 0.2392),
        // KL(p ‖ q_T) = Σ p·ln(p/q_T) = 0.066779; loss = 0.3·0.464369 + 0.7·4·0.066779 = 0.326291.
        // Example 2: CE = −ln softmax(0, −1, 3)[2] = 0.065884, KL = 0.119606, loss = 0.354661.
        DistillationLoss loss = new DistillationLoss(0.3, 2);
        INDArray perExample = loss.computeScoreArray(labelsAndTeacher(), student(), SOFTMAX, null);

        assertThat(perExample.getDouble(0)).isCloseTo(0.3262905498677714, within(1e-12));
        assertThat(perExample.getDouble(1)).isCloseTo(0.35466099261615047, within(1e-12));
        assertThat(loss.computeScore(labelsAndTeacher(), student(), SOFTMAX, null, true))
                .isCloseTo(0.34047577124196093, within(1e-12));
        assertThat(loss.computeScore(labelsAndTeacher(), student(), SOFTMAX, null, false))
                .isCloseTo(0.3262905498677714 + 0.35466099261615047, within(1e-12));
    }

    @Test
    void gradientMatchesFiniteDifferencesOfTheScore() {
        for (double[] alphaAndT : new double[][]{{0.3, 2}, {0, 4}, {1, 4}, {0.5, 1}, {0.9, 0.5}}) {
            DistillationLoss loss = new DistillationLoss(alphaAndT[0], alphaAndT[1]);
            INDArray z = student();
            INDArray labels = labelsAndTeacher();
            INDArray analytic = loss.computeGradient(labels, z, SOFTMAX, null);
            double h = 1e-6;
            for (int i = 0; i < z.rows(); i++) {
                for (int k = 0; k < z.columns(); k++) {
                    INDArray plus = z.dup();
                    plus.putScalar(i, k, z.getDouble(i, k) + h);
                    INDArray minus = z.dup();
                    minus.putScalar(i, k, z.getDouble(i, k) - h);
                    double numeric = (loss.computeScore(labels, plus, SOFTMAX, null, false)
                            - loss.computeScore(labels, minus, SOFTMAX, null, false)) / (2 * h);
                    assertThat(analytic.getDouble(i, k)).as("α=%s T=%s d/dz[%d,%d]", alphaAndT[0], alphaAndT[1], i, k)
                            .isCloseTo(numeric, within(1e-8));
                }
            }
        }
    }

    @Test
    void scoreAndGradientComeTogetherAsApart() {
        DistillationLoss loss = new DistillationLoss(0.3, 2);
        var both = loss.computeGradientAndScore(labelsAndTeacher(), student(), SOFTMAX, null, true);

        assertThat(both.getFirst()).isEqualTo(loss.computeScore(labelsAndTeacher(), student(), SOFTMAX, null, true));
        assertThat(both.getSecond()).isEqualTo(loss.computeGradient(labelsAndTeacher(), student(), SOFTMAX, null));
    }

    @Test
    void labelsWithoutTheTeacherScoreAsPlainCrossEntropy() {
        // what evaluation and a saved network see: the ordinary labels, as wide as the classes
        DistillationLoss loss = new DistillationLoss(0.3, 2);
        INDArray labels = Nd4j.create(LABELS).castTo(DataType.DOUBLE);
        LossMCXENT crossEntropy = new LossMCXENT();

        assertThat(loss.computeScore(labels, student(), SOFTMAX, null, true))
                .isCloseTo(crossEntropy.computeScore(labels, student(), SOFTMAX, null, true), within(1e-12));
        INDArray expected = crossEntropy.computeGradient(labels, student(), SOFTMAX, null);
        INDArray actual = loss.computeGradient(labels, student(), SOFTMAX, null);
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 3; k++) {
                assertThat(actual.getDouble(i, k)).isCloseTo(expected.getDouble(i, k), within(1e-12));
            }
        }
    }

    @Test
    void theTeacherAloneAtTemperatureOnePullsTheStudentToItsProbabilities() {
        // α = 0, T = 1: the gradient is softmax(z) − softmax(t), zero where the student already agrees
        DistillationLoss loss = new DistillationLoss(0, 1);
        INDArray agreeing = Nd4j.hstack(Nd4j.create(LABELS), Nd4j.create(STUDENT)).castTo(DataType.DOUBLE);

        assertThat(loss.computeScore(agreeing, student(), SOFTMAX, null, true)).isCloseTo(0, within(1e-12));
        assertThat(loss.computeGradient(agreeing, student(), SOFTMAX, null).amaxNumber().doubleValue())
                .isCloseTo(0, within(1e-12));
    }

    @Test
    void aMaskedExampleAddsNothing() {
        DistillationLoss loss = new DistillationLoss(0.3, 2);
        INDArray mask = Nd4j.create(new double[][]{{1}, {0}});

        assertThat(loss.computeScore(labelsAndTeacher(), student(), SOFTMAX, mask, false))
                .isCloseTo(0.3262905498677714, within(1e-12));
        assertThat(loss.computeGradient(labelsAndTeacher(), student(), SOFTMAX, mask).getRow(1).amaxNumber()
                .doubleValue()).isZero();
    }

    @Test
    void labelsOfAnotherWidthAreRefused() {
        DistillationLoss loss = new DistillationLoss(0.3, 2);
        INDArray wrong = Nd4j.zeros(DataType.DOUBLE, 2, 5);

        assertThatThrownBy(() -> loss.computeScore(wrong, student(), SOFTMAX, null, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 (labels) or 6");
    }

    @Test
    void alphaOutsideZeroToOneAndATemperatureNotAboveZeroAreRefused() {
        assertThatThrownBy(() -> new DistillationLoss(-0.1, 4)).hasMessageContaining("'alpha' must be a number from 0 to 1");
        assertThatThrownBy(() -> new DistillationLoss(1.5, 4)).hasMessageContaining("'alpha' must be a number from 0 to 1");
        assertThatThrownBy(() -> new DistillationLoss(Double.NaN, 4)).hasMessageContaining("'alpha'");
        assertThatThrownBy(() -> new DistillationLoss(0.5, 0)).hasMessageContaining("'temperature' must be a number above 0")
                .hasMessageContaining("not 0.0");
        assertThatThrownBy(() -> new DistillationLoss(0.5, -2)).hasMessageContaining("'temperature'");
        assertThatThrownBy(() -> new DistillationLoss(0.5, Double.POSITIVE_INFINITY)).hasMessageContaining("'temperature'");
    }
}
