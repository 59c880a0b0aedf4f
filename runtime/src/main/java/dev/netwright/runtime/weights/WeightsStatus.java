package dev.netwright.runtime.weights;

import dev.netwright.runtime.check.Diagnostic;
import dev.netwright.runtime.check.DiagnosticCode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where each node of a design will start when it is trained, as the design stands now: from its weights file
 * ({@link #pretrained}) or from random weights ({@link #changed}: its shapes no longer fit; {@link #missing}: the file
 * has none for it), or every node from random weights because the file cannot be read ({@link #problem}). What the
 * cards, the inspector and the problems list show; {@link WeightsCheck} makes it off the UI thread.
 *
 * @param file       the weights file the design names, as it names it; null for a design without weights
 * @param pretrained the nodes that keep their trained weights
 * @param changed    nodes whose parameter shapes changed since the weights were made
 * @param missing    nodes with parameters that the weights do not hold
 * @param problem    why the file cannot be read (it is missing, damaged); null when it was read
 * @param known      false when the design could not be compiled (it has errors), so nothing is known per node
 * @param sparsity   how many of each pretrained node's weights are zero (a pruned model's), by node id
 */
public record WeightsStatus(String file, Set<String> pretrained, List<String> changed, List<String> missing,
                            String problem, boolean known, Map<String, WeightSparsity> sparsity) {
    /** Below this share of zero weights a node is not called sparse: trained weights are almost never exactly 0. */
    public static final double SPARSE = 0.005;
    private static final WeightsStatus NONE = new WeightsStatus(null, Set.of(), List.of(), List.of(), null, true);

    /** Where one node's weights come from. */
    public enum Origin {
        /** The node has no parameters, or the design has no weights file. */
        NONE,
        /** The node starts from the design's trained weights. */
        PRETRAINED,
        /** The node starts from random weights although the design has a weights file. */
        NEW
    }

    public WeightsStatus {
        pretrained = Set.copyOf(pretrained);
        changed = List.copyOf(changed);
        missing = List.copyOf(missing);
        sparsity = Collections.unmodifiableMap(new LinkedHashMap<>(sparsity));
    }

    /** A status without zero counts. */
    public WeightsStatus(String file, Set<String> pretrained, List<String> changed, List<String> missing,
                         String problem, boolean known) {
        this(file, pretrained, changed, missing, problem, known, Map.of());
    }

    /** A design without a weights file. */
    public static WeightsStatus none() {
        return NONE;
    }

    /** A weights file that cannot be read: every node starts from random weights. */
    public static WeightsStatus unreadable(String file, String problem) {
        return new WeightsStatus(Objects.requireNonNull(file), Set.of(), List.of(), List.of(),
                Objects.requireNonNull(problem), true);
    }

    /** A design with weights that cannot be compiled now (it has errors the checker shows): nothing known per node. */
    public static WeightsStatus unknown(String file) {
        return new WeightsStatus(Objects.requireNonNull(file), Set.of(), List.of(), List.of(), null, false);
    }

    /** How {@code fit} splits the design's nodes. */
    public static WeightsStatus of(String file, WeightsFit fit) {
        return new WeightsStatus(Objects.requireNonNull(file), fit.fitting().nodeIds(), fit.changed(), fit.missing(),
                null, true, WeightSparsity.count(fit.fitting()));
    }

    public boolean hasWeights() {
        return file != null;
    }

    /** The weights file's name without its folder, for people; empty for a design without weights. */
    public String fileName() {
        if (file == null) {
            return "";
        }
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        return file.substring(slash + 1);
    }

    /** Where {@code nodeId} starts from. */
    public Origin originOf(String nodeId) {
        if (pretrained.contains(nodeId)) {
            return Origin.PRETRAINED;
        }
        if (hasWeights() && (problem != null || changed.contains(nodeId) || missing.contains(nodeId))) {
            return problem != null ? Origin.NONE : Origin.NEW;
        }
        return Origin.NONE;
    }

    /**
     * The share of {@code nodeId}'s pretrained weights that are zero, when at least {@link #SPARSE} of them are (a
     * pruned node); empty for a dense or new node.
     */
    public Optional<WeightSparsity> sparseNode(String nodeId) {
        WeightSparsity counted = sparsity.get(nodeId);
        return counted != null && counted.sparsity() >= SPARSE ? Optional.of(counted) : Optional.empty();
    }

    /** How many pretrained weights are zero over the design: what pruning removed. */
    public long zeroWeights() {
        return sparsity.values().stream().mapToLong(WeightSparsity::zeros).sum();
    }

    /** Warnings for the problems list: which nodes start from random weights and why, or that the file is unusable. */
    public List<Diagnostic> diagnostics() {
        List<Diagnostic> found = new ArrayList<>();
        if (problem != null) {
            found.add(Diagnostic.of(DiagnosticCode.WEIGHTS_UNREADABLE, null, String.format(Locale.ROOT,
                    "The weights file %s cannot be read (%s): every layer will start from random weights.",
                    fileName(), problem)));
            return found;
        }
        if (!changed.isEmpty()) {
            found.add(Diagnostic.of(DiagnosticCode.WEIGHTS_REINITIALISED, changed.get(0), String.format(Locale.ROOT,
                    "%s will start from random weights (%s shapes changed since the weights were made).",
                    names(changed), changed.size() == 1 ? "its" : "their")));
        }
        if (!missing.isEmpty()) {
            found.add(Diagnostic.of(DiagnosticCode.WEIGHTS_REINITIALISED, missing.get(0), String.format(Locale.ROOT,
                    "%s will start from random weights (%s has no weights for %s).",
                    names(missing), fileName(), missing.size() == 1 ? "it" : "them")));
        }
        return found;
    }

    /** "a", "a and b", "a, b and c". */
    private static String names(List<String> ids) {
        if (ids.size() == 1) {
            return ids.get(0);
        }
        return String.join(", ", ids.subList(0, ids.size() - 1)) + " and " + ids.get(ids.size() - 1);
    }
}
