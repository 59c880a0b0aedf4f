package dev.netwright.runtime.compress;

import dev.netwright.runtime.layers.Shape;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Per-example inference latency of Deeplearning4j networks on the CPU: the median time of one forward pass of a
 * single example, after warm-up, the networks taking turns so that a busy machine slows them alike.
 */
public final class InferenceLatency {
    public static final int WARM_UP = 20;
    public static final int REPEATS = 200;

    private InferenceLatency() {
    }

    /** The median milliseconds per forward pass of one example of {@code input}'s shape, for each network in turn. */
    public static double[] medianMillis(Shape input, ComputationGraph... graphs) {
        INDArray example = Nd4j.rand(DataType.FLOAT, input.batchShape(1)); // the values do not change the time
        for (int i = 0; i < WARM_UP; i++) {
            for (ComputationGraph graph : graphs) {
                graph.outputSingle(example);
            }
        }
        double[][] times = new double[graphs.length][REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            for (int g = 0; g < graphs.length; g++) {
                long t0 = System.nanoTime();
                graphs[g].outputSingle(example);
                times[g][r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        double[] medians = new double[graphs.length];
        for (int g = 0; g < graphs.length; g++) {
            Arrays.sort(times[g]);
            medians[g] = (times[g][REPEATS / 2 - 1] + times[g][REPEATS / 2]) / 2;
        }
        return medians;
    }
}
