package dev.netwright.runtime.train;

import dev.netwright.runtime.compile.CompiledDesign;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.weights.DesignWeights;
import dev.netwright.runtime.weights.WeightsCheck;
import dev.netwright.runtime.weights.WeightsFit;
import dev.netwright.runtime.weights.WeightsMismatchException;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a run's network starts: from the design's trained weights (an import, an earlier run) for every node whose
 * parameter shapes still fit them, from random weights for the others. Those nodes are the pretrained ones of a
 * fine-tuning schedule. A weights file that is gone or cannot be read starts every node from random weights, and the
 * note says so, as the designer's warning did; a resumed run needs them and fails instead.
 *
 * @param fitting the weights of the nodes that keep them; empty when the design has none to start from
 * @param note    what the run starts from, in words, for a notice; empty for a design without weights
 */
record StartingPoint(Optional<DesignWeights> fitting, Optional<String> note) {
    private static final StartingPoint RANDOM = new StartingPoint(Optional.empty(), Optional.empty());

    static StartingPoint of(RunRequest request, CompiledDesign compiled) throws RunFailure {
        Design design = request.design();
        if (design.weights().isEmpty() || (request.resumeFrom() != null && request.fineTuning().isNone())) {
            return RANDOM; // a resumed run's checkpoint holds its weights; only a schedule needs the pretrained nodes
        }
        Path file = Path.of(design.weights().get());
        try {
            WeightsFit fit = WeightsFit.of(DesignWeights.read(file), compiled.newNetwork(), design);
            return new StartingPoint(Optional.of(fit.fitting()), Optional.of(describe(fit, file)));
        } catch (IOException e) {
            if (request.resumeFrom() != null) {
                throw new RunFailure("The design's weights cannot be read: " + e.getMessage() + ". Nothing was trained.");
            }
            return new StartingPoint(Optional.empty(), Optional.of("The design's weights file " + file.getFileName()
                    + " cannot be read (" + WeightsCheck.reason(e, file) + "): every layer starts from random weights."));
        }
    }

    /** The ids of the nodes that start from trained weights. */
    Set<String> pretrainedNodes() {
        return fitting.map(DesignWeights::nodeIds).orElse(Set.of());
    }

    /** Sets the fitting weights on a fresh network of {@code design} (the design as its first epoch trains it). */
    void applyTo(ComputationGraph graph, Design design) {
        fitting.ifPresent(weights -> {
            try {
                weights.applyTo(graph, design);
            } catch (WeightsMismatchException e) {
                throw new IllegalStateException("fitted weights must fit: " + e.getMessage(), e);
            }
        });
    }

    /** "Starting from the design's weights (FILE, N values, K nodes)", and which nodes start from random weights. */
    private static String describe(WeightsFit fit, Path file) {
        int kept = fit.fitting().nodeIds().size();
        String starting = String.format(Locale.ROOT, "Starting from the design's weights (%s, %,d values, %d %s)",
                file.getFileName(), fit.fitting().parameterCount(), kept, kept == 1 ? "node" : "nodes");
        return fit.describe(file.getFileName().toString()).map(random -> starting + ". " + random).orElse(starting);
    }
}
