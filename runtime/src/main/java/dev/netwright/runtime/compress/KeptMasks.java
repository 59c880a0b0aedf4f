package dev.netwright.runtime.compress;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.train.ParameterHook;
import dev.netwright.runtime.train.RunFailure;
import dev.netwright.runtime.weights.DesignWeights;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps pruned weights at zero while a pruned model fine-tunes, as {@code torch.nn.utils.prune} re-applies its mask
 * after each update: the masks multiply the weights where training starts (new or resumed) and after every update,
 * so a pruned weight is exactly zero whatever the optimizer did to it. A gradual plan also prunes on the way: at each
 * step of its {@link SparsitySchedule} the masks are recomputed by magnitude from the weights as they are; the weights
 * pruned before are zero, so they are among the smallest and stay pruned (the masks only ever lose ones).
 */
public final class KeptMasks implements ParameterHook {
    private final PruningPlan plan;
    private final Path masksFile;
    private DesignWeights masks;
    private SparsitySchedule schedule;
    private Design design;

    /**
     * @param masks     the masks to keep from the start (one-shot), or null for none yet (gradual)
     * @param masksFile where a gradual plan writes the masks it computes; null to write none
     */
    public KeptMasks(PruningPlan plan, DesignWeights masks, Path masksFile) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.masks = masks;
        this.masksFile = masksFile;
        if (!plan.gradual() && masks == null) {
            throw new IllegalArgumentException("one-shot pruning keeps masks it is given");
        }
    }

    /**
     * The hook for a run in {@code runDir}: the kept masks where the folder holds a {@link PruningPlan}, else
     * {@link ParameterHook#NONE}. A plan without its masks (one-shot) or a damaged file is an IOException.
     */
    public static ParameterHook forRun(Path runDir) throws IOException {
        PruningPlan plan = PruningPlan.read(runDir).orElse(null);
        if (plan == null) {
            return ParameterHook.NONE;
        }
        Path file = runDir.resolve(RunPruning.MASKS);
        if (plan.gradual()) {
            return new KeptMasks(plan, null, file);
        }
        if (!file.toFile().isFile()) {
            throw new IOException(runDir + " has a one-shot " + PruningPlan.FILE + " but no " + RunPruning.MASKS);
        }
        return new KeptMasks(plan, DesignWeights.read(file), null);
    }

    /** The masks kept now: 1 kept, 0 pruned; null before a gradual plan's first step. */
    public DesignWeights masks() {
        return masks;
    }

    @Override
    public void started(ComputationGraph graph, Design runDesign, long iteration, long totalIterations)
            throws RunFailure {
        this.design = runDesign;
        this.schedule = plan.schedule(totalIterations);
        if (schedule.gradual()) {
            long step = schedule.lastStepAtOrBefore(iteration);
            if (step > 0) {
                recompute(graph, step); // a resumed run: its zero weights give back the masks it had
            }
            return;
        }
        List<String> problems = new ArrayList<>();
        for (String node : masks.nodeIds()) {
            for (Map.Entry<String, INDArray> mask : masks.node(node).entrySet()) {
                INDArray weights = param(graph, node, mask.getKey());
                if (weights == null) {
                    problems.add("node '" + node + "' has no parameter '" + mask.getKey() + "'");
                } else if (!java.util.Arrays.equals(weights.shape(), mask.getValue().shape())) {
                    problems.add("node '" + node + "', parameter '" + mask.getKey() + "' is "
                            + java.util.Arrays.toString(weights.shape()) + " but its mask is "
                            + java.util.Arrays.toString(mask.getValue().shape()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RunFailure("The pruning masks do not fit the network: " + String.join("; ", problems)
                    + ". Nothing was trained.");
        }
        apply(graph);
    }

    @Override
    public void updated(ComputationGraph graph, long iteration) {
        if (schedule != null && schedule.recomputesAt(iteration)) {
            recompute(graph, iteration);
        } else if (masks != null) {
            apply(graph);
        }
    }

    private void recompute(ComputationGraph graph, long iteration) {
        MagnitudePruning.Pruned pruned = MagnitudePruning.prune(DesignWeights.extract(graph, design),
                schedule.sparsityAt(iteration), plan.scope());
        masks = pruned.masks();
        apply(graph);
        if (masksFile != null) {
            try {
                masks.write(masksFile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the pruning masks to " + masksFile, e);
            }
        }
    }

    private void apply(ComputationGraph graph) {
        for (String node : masks.nodeIds()) {
            for (Map.Entry<String, INDArray> mask : masks.node(node).entrySet()) {
                INDArray weights = param(graph, node, mask.getKey());
                weights.muli(mask.getValue().castTo(weights.dataType()));
            }
        }
    }

    /** The graph's parameter {@code name} of {@code node} (NAME or PART/NAME, as {@link DesignWeights} names them). */
    private static INDArray param(ComputationGraph graph, String node, String name) {
        int slash = name.lastIndexOf('/');
        String vertexName = slash < 0 ? node : node + "/" + name.substring(0, slash);
        GraphVertex vertex = graph.getVertex(vertexName);
        Layer layer = vertex == null || !vertex.hasLayer() ? null : vertex.getLayer();
        return layer == null ? null : layer.paramTable().get(name.substring(slash + 1));
    }
}
