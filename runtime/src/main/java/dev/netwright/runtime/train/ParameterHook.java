package dev.netwright.runtime.train;

import dev.netwright.runtime.design.Design;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

/**
 * Sees, and may change, a network's parameters where training starts and around every parameter update: pruning masks
 * that keep pruned weights at zero ({@code compress.KeptMasks}), the training doctor that samples what goes on inside
 * ({@code doctor.RunDoctor}). It is handed the network each time, because the fine-tuning schedule may rebuild it
 * between epochs.
 */
public interface ParameterHook {
    /** A hook that changes nothing. */
    ParameterHook NONE = new ParameterHook() {
    };

    /** All of {@code hooks}, called in that order. */
    static ParameterHook all(ParameterHook... hooks) {
        List<ParameterHook> list = List.of(hooks);
        return new ParameterHook() {
            @Override
            public void started(ComputationGraph graph, Design design, long iteration, long totalIterations)
                    throws RunFailure {
                for (ParameterHook hook : list) {
                    hook.started(graph, design, iteration, totalIterations);
                }
            }

            @Override
            public void updating(ComputationGraph graph, DataSet batch, long iteration) {
                list.forEach(hook -> hook.updating(graph, batch, iteration));
            }

            @Override
            public void updated(ComputationGraph graph, long iteration) {
                list.forEach(hook -> hook.updated(graph, iteration));
            }
        };
    }

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

    /** The update that {@code iteration} will count is about to be made on {@code batch}. */
    default void updating(ComputationGraph graph, DataSet batch, long iteration) {
    }

    /** One parameter update was made; {@code iteration} counts it. */
    default void updated(ComputationGraph graph, long iteration) {
    }
}
