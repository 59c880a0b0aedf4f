package dev.netwright.runtime.train;

import dev.netwright.runtime.compile.CompiledDesign;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A running network built anew with other nodes frozen, the run going on where it was: every parameter (BatchNorm's
 * running statistics are parameters in DL4J) is copied bit for bit, as are the iteration and epoch counts; the
 * optimizer state of each parameter that trained before and trains now is kept, and a parameter that starts training
 * starts with fresh (zero) state, as it would in a new run. DL4J cannot change a layer's frozenness in place: the
 * frozen wrapper is part of the configuration, and the updater's state is laid out over the trainable layers only.
 *
 * <p>The optimizer state of a block of parameters is read as DL4J's updaters lay it out: one array per kind of state
 * (Adam's m and v, Nesterov's v…), each as long as the block, one after the other. A layout that does not fit this is
 * refused rather than guessed.
 *
 * <p>DL4J counts Adam's bias correction from the network's iteration count, not per parameter: a layer that starts
 * training late gets fresh moments but no warm-up of its own, so its first steps are larger than a new run's would be.
 * A lower pretrained rate factor makes them smaller; PyTorch, which counts steps per parameter, does not have this.
 */
final class NetworkRebuild {
    private NetworkRebuild() {
    }

    /**
     * A new network of {@code compiled} holding {@code old}'s parameters and, where it can, its optimizer state.
     * {@code configure} sets the new network's learning rates before the state goes in: DL4J lays the state out in
     * blocks of layers with equal optimizer settings, so a rate set afterwards could move it.
     */
    static ComputationGraph rebuild(ComputationGraph old, CompiledDesign compiled, Consumer<ComputationGraph> configure) {
        ComputationGraph fresh = compiled.newNetwork();
        copyParameters(old, fresh);
        fresh.getConfiguration().setIterationCount(old.getConfiguration().getIterationCount());
        fresh.getConfiguration().setEpochCount(old.getConfiguration().getEpochCount());
        configure.accept(fresh);
        ComputationGraphUpdater was = old.getUpdater(false);
        if (was != null) {
            copyUpdaterState(was, fresh.getUpdater(true));
        }
        return fresh;
    }

    private static void copyParameters(ComputationGraph from, ComputationGraph to) {
        if (from.numParams() != to.numParams()) {
            throw new IllegalStateException("the rebuilt network has " + to.numParams() + " parameters, not "
                    + from.numParams());
        }
        for (Layer layer : to.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            Map<String, INDArray> source = from.getLayer(name).paramTable();
            for (Map.Entry<String, INDArray> param : layer.paramTable().entrySet()) {
                INDArray value = source.get(param.getKey());
                if (value == null || !Arrays.equals(value.shape(), param.getValue().shape())) {
                    throw new IllegalStateException("the rebuilt network's " + name + "/" + param.getKey()
                            + " does not match the running network's");
                }
                param.getValue().assign(value);
            }
        }
    }

    /** Copies each parameter's optimizer state that both updaters hold; the rest of {@code to}'s stays fresh. */
    private static void copyUpdaterState(ComputationGraphUpdater from, ComputationGraphUpdater to) {
        Map<String, INDArray[]> kept = new HashMap<>();
        for (UpdaterBlock block : from.getUpdaterBlocks()) {
            for (UpdaterBlock.ParamState param : block.getLayersAndVariablesInBlock()) {
                INDArray[] state = stateOf(block, param);
                if (state.length > 0) { // a frozen layer's parameters have none
                    kept.put(key(param), state);
                }
            }
        }
        for (UpdaterBlock block : to.getUpdaterBlocks()) {
            for (UpdaterBlock.ParamState param : block.getLayersAndVariablesInBlock()) {
                INDArray[] was = kept.get(key(param));
                INDArray[] now = stateOf(block, param);
                if (was == null || now.length == 0) {
                    continue; // starts training now (fresh state), or has none
                }
                if (was.length != now.length) {
                    throw new IllegalStateException("the optimizer state of " + key(param) + " changed its layout");
                }
                for (int i = 0; i < now.length; i++) {
                    now[i].assign(was[i]);
                }
            }
        }
    }

    private static String key(UpdaterBlock.ParamState param) {
        return param.getLayer().getConfig().getLayerName() + "/" + param.getParamName();
    }

    /** Views of one parameter's state in its block: one per kind of state; none for an updater without state. */
    private static INDArray[] stateOf(UpdaterBlock block, UpdaterBlock.ParamState param) {
        INDArray view = block.getUpdaterView();
        long blockSize = block.getParamOffsetEnd() - block.getParamOffsetStart();
        if (view == null || view.length() == 0 || blockSize == 0) {
            return new INDArray[0];
        }
        if (view.length() % blockSize != 0) {
            throw new IllegalStateException("cannot read the optimizer state of " + key(param) + ": "
                    + view.length() + " values for " + blockSize + " parameters");
        }
        INDArray flat = view.reshape(view.length());
        int kinds = (int) (view.length() / blockSize);
        long start = param.getParamOffsetStart() - block.getParamOffsetStart();
        long end = param.getParamOffsetEnd() - block.getParamOffsetStart();
        INDArray[] state = new INDArray[kinds];
        for (int k = 0; k < kinds; k++) {
            state[k] = flat.get(NDArrayIndex.interval(k * blockSize + start, k * blockSize + end));
        }
        return state;
    }
}
