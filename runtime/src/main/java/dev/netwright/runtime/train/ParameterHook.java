package dev.netwright.runtime.train;

import dev.netwright.runtime.design.Design;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Changes a network's parameters where training starts and after every parameter update, e.g. pruning masks that
 * keep pruned weights at zero ({@code compress.KeptMasks}). It is handed the network each time, because the fine-tuning
 * schedule may rebuild it between epochs.
 */
public interface ParameterHook {
    /** A hook that changes nothing. */
    ParameterHook NONE = new ParameterHook() {
    };

    /**
     * The network is about to train: new, or restored from a checkpoint.
     *
     * @param design          the run's design, whose node ids name the network's vertices
     * @param iteration       the iterations done before (0 for a new run, more for a resumed one)
     * @param totalIterations the iterations the whole run will have done at its end
     * @throws RunFailure when the hook cannot work on this network (its masks name other nodes)
     */
    default void started(ComputationGraph graph, Design design, long iteration, long totalIterations)
            throws RunFailure {
    }

    /** One parameter update was made; {@code iteration} counts it. */
    default void updated(ComputationGraph graph, long iteration) {
    }
}
