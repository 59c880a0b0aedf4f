package dev.netwright.runtime.weights;

import dev.netwright.runtime.design.Design;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which of some trained weights fit a design, node by node: a node keeps them when it has every parameter it needs
 * there, each of the shape it needs; a node whose parameters changed shape (more filters, another kind) or that the
 * weights do not hold starts from random weights, and {@link #describe} says which.
 *
 * @param fitting the weights of the nodes that keep them
 * @param changed nodes whose parameters no longer fit the weights (re-initialised)
 * @param missing nodes with parameters that the weights do not hold (re-initialised)
 */
public record WeightsFit(DesignWeights fitting, List<String> changed, List<String> missing) {

    public WeightsFit {
        changed = List.copyOf(changed);
        missing = List.copyOf(missing);
    }

    /** Splits {@code weights} against a freshly compiled network of {@code design}, which gives the shapes needed. */
    public static WeightsFit of(DesignWeights weights, ComputationGraph fresh, Design design) {
        DesignWeights needed = DesignWeights.extract(fresh, design);
        Map<String, Map<String, INDArray>> fitting = new LinkedHashMap<>();
        List<String> changed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String node : needed.nodeIds()) {
            Map<String, INDArray> want = needed.node(node);
            Map<String, INDArray> have = weights.node(node);
            if (have.isEmpty()) {
                missing.add(node);
            } else if (fits(want, have)) {
                fitting.put(node, have);
            } else {
                changed.add(node);
            }
        }
        return new WeightsFit(DesignWeights.of(fitting), changed, missing);
    }

    private static boolean fits(Map<String, INDArray> want, Map<String, INDArray> have) {
        return want.keySet().equals(have.keySet()) && want.entrySet().stream()
                .allMatch(e -> Arrays.equals(e.getValue().shape(), have.get(e.getKey()).shape()));
    }

    /** What starts from random weights and why, in a sentence per reason; empty when every node keeps its weights. */
    public Optional<String> describe(String source) {
        List<String> lines = new ArrayList<>();
        if (!changed.isEmpty()) {
            lines.add(String.format(Locale.ROOT, "%s %s from random weights: %s changed.", names(changed),
                    changed.size() == 1 ? "starts" : "start", changed.size() == 1 ? "its shapes" : "their shapes"));
        }
        if (!missing.isEmpty()) {
            lines.add(String.format(Locale.ROOT, "%s %s from random weights: %s has no weights for %s.", names(missing),
                    missing.size() == 1 ? "starts" : "start", source, missing.size() == 1 ? "it" : "them"));
        }
        return lines.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", lines));
    }

    /** "a", "a and b", "a, b and c". */
    private static String names(List<String> ids) {
        if (ids.size() == 1) {
            return ids.get(0);
        }
        return String.join(", ", ids.subList(0, ids.size() - 1)) + " and " + ids.get(ids.size() - 1);
    }
}
