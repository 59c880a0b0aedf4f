package dev.netwright.runtime.compress;

import dev.netwright.runtime.weights.DesignWeights;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A pruned run's masks carried into a run that starts from its weights ({@code train --init-from}), so that training
 * a pruned model further keeps it as sparse as {@code compress --finetune} does: the masks of the weights the new run
 * keeps (same node, parameter and shape), fixed, as a one-shot {@link PruningPlan} in the new run folder, which the
 * worker's {@link KeptMasks} then holds.
 *
 * @param plan  the source's plan (its target and scope)
 * @param masks per node and parameter, 1 kept and 0 pruned, for the kept weights only
 */
public record InheritedMasks(PruningPlan plan, DesignWeights masks) {

    /**
     * The masks of {@code source} that fit {@code startingWeights}; empty when the source is no pruned run or none of
     * its masks fits.
     *
     * @throws IOException when its plan or masks file is damaged
     */
    public static Optional<InheritedMasks> of(Path source, DesignWeights startingWeights) throws IOException {
        Path file = source.resolve(RunPruning.MASKS);
        Optional<PruningPlan> plan = Files.isDirectory(source) ? PruningPlan.read(source) : Optional.empty();
        if (plan.isEmpty() || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        DesignWeights all = DesignWeights.read(file);
        Map<String, Map<String, INDArray>> kept = new LinkedHashMap<>();
        for (String node : all.nodeIds()) {
            if (!startingWeights.nodeIds().contains(node)) {
                continue;
            }
            Map<String, INDArray> weights = startingWeights.node(node);
            Map<String, INDArray> nodeMasks = new LinkedHashMap<>();
            all.node(node).forEach((name, mask) -> {
                INDArray weight = weights.get(name);
                if (weight != null && Arrays.equals(weight.shape(), mask.shape())) {
                    nodeMasks.put(name, mask);
                }
            });
            if (!nodeMasks.isEmpty()) {
                kept.put(node, nodeMasks);
            }
        }
        return kept.isEmpty() ? Optional.empty() : Optional.of(new InheritedMasks(plan.get(), DesignWeights.of(kept)));
    }

    /** How many nodes keep masks. */
    public int nodes() {
        return masks.nodeIds().size();
    }

    /** Writes the masks and a one-shot plan into {@code runDir}: the masks stay as they are while it trains. */
    public void writeInto(Path runDir) throws IOException {
        masks.write(runDir.resolve(RunPruning.MASKS));
        new PruningPlan(plan.target(), plan.scope(), false).write(runDir);
    }
}
