package dev.netwright.runtime.layers.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ReLU, max(0, x), as DL4J's {@link ActivationReLU} computes it going forward, with a cheaper derivative:
 * DL4J's goes through libnd4j's {@code relu_bp} op, which took 3.4 ms on the seed CNN's first convolution
 * output (64 × 32 × 26 × 26 floats, one thread); a step (x &gt; 0) and a product take 1.0 ms
 * (docs/benchmarks.md, "Engine: the four samples"). The derivative at 0 is 0, as in {@code relu_bp}. The input is
 * left as it is: DL4J's recurrent layers hand their cached forward arrays to the activation's backprop.
 */
public class ReluActivation extends ActivationReLU {

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray dLdz = in.ulike();
        Nd4j.exec(new Step(in, dLdz, 0.0));
        dLdz.muli(epsilon);
        return new Pair<>(dLdz, null);
    }

    @Override
    public String toString() {
        return "relu";
    }
}
