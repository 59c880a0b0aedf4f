package dev.netwright.runtime.layers.dl4j;

import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.conf.serde.JsonMappers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Netwright's ReLU: DL4J's forward pass, and a derivative equal to DL4J's relu_bp, zero at zero included. */
class ReluActivationTest {

    @Test
    void forwardAndDerivativeEqualDl4jsRelu() {
        INDArray z = Nd4j.create(new float[] {-2f, -0.5f, 0f, 0.5f, 3f, -1e-7f, 1e-7f, 0f}, new long[] {2, 4});
        INDArray epsilon = Nd4j.create(new float[] {1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f}, new long[] {2, 4});
        ActivationReLU dl4j = new ActivationReLU();
        ReluActivation ours = new ReluActivation();

        assertThat(ours.getActivation(z.dup(), true)).isEqualTo(dl4j.getActivation(z.dup(), true));
        INDArray zBefore = z.dup();
        Pair<INDArray, INDArray> expected = dl4j.backprop(z.dup(), epsilon.dup());
        Pair<INDArray, INDArray> actual = ours.backprop(z, epsilon);
        assertThat(actual.getFirst()).isEqualTo(expected.getFirst());
        assertThat(actual.getFirst()).isEqualTo(Nd4j.create(new float[] {0, 0, 0, 4, 5, 0, 7, 0}, new long[] {2, 4}));
        assertThat(actual.getSecond()).isNull();
        assertThat(z).as("the input is left as it was").isEqualTo(zBefore);
    }

    @Test
    void derivativeOfALargeArrayEqualsDl4js() {
        INDArray z = Nd4j.randn(DataType.FLOAT, 16, 8, 13, 13);
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, 16, 8, 13, 13);
        assertThat(new ReluActivation().backprop(z.dup(), epsilon.dup()).getFirst())
                .isEqualTo(new ActivationReLU().backprop(z.dup(), epsilon.dup()).getFirst());
    }

    @Test
    void refusesArraysOfDifferentShapes() {
        assertThatThrownBy(() -> new ReluActivation().backprop(Nd4j.zeros(DataType.FLOAT, 2, 3), Nd4j.zeros(DataType.FLOAT, 3, 2)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void survivesJson() throws Exception {
        ObjectMapper mapper = JsonMappers.getMapper();
        String json = mapper.writeValueAsString(new ReluActivation());
        IActivation back = mapper.readValue(json, IActivation.class);
        assertThat(back).isInstanceOf(ReluActivation.class);
        assertThat(back.toString()).isEqualTo("relu");
    }
}
