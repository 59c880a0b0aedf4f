package dev.netwright.runtime.train;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.FineTuning;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.kinds.OutputKind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which nodes train in which epoch of a fine-tuning run ({@link FineTuning}), and at what rate: the design as each
 * epoch trains it. The pretrained nodes (those that start from given weights) get the pretrained rate factor times
 * their own; while the schedule holds them back they are frozen. They join from the output backwards, the order in
 * which gradual unfreezing lets them train. Nodes the design itself freezes stay frozen, and the Output always trains
 * (a network whose every layer is frozen learns nothing).
 */
final class FreezeSchedule {
    private final Design design;
    private final FineTuning tuning;
    private final Set<String> pretrained;
    /** The pretrained nodes the schedule holds back, nearest the output first: the order they join in. */
    private final List<String> blocks;

    /**
     * @param design     the run's design, with the nodes it freezes itself
     * @param pretrained the ids of the nodes that start from given weights
     * @param order      the design's node ids in topological order (input first)
     */
    FreezeSchedule(Design design, FineTuning tuning, Collection<String> pretrained, List<String> order) {
        this.design = design;
        this.tuning = tuning;
        this.pretrained = Set.copyOf(pretrained.stream().filter(design::contains).toList());
        List<String> backwards = new ArrayList<>(order);
        Collections.reverse(backwards);
        this.blocks = backwards.stream().filter(this.pretrained::contains)
                .map(design::requireNode)
                .filter(n -> n.trainable() && !OutputKind.ID.equals(n.kind()))
                .map(Node::id).toList();
    }

    /** The pretrained nodes the schedule keeps frozen in {@code epoch} (1 is the first). */
    Set<String> frozenAt(int epoch) {
        if (!tuning.changesFrozenNodes() || epoch >= tuning.firstUnfreezingEpoch() && tuning.unfreezeEvery() == 0) {
            return Set.of();
        }
        int joined = epoch < tuning.firstUnfreezingEpoch() ? 0
                : 1 + (epoch - tuning.firstUnfreezingEpoch()) / tuning.unfreezeEvery();
        return new LinkedHashSet<>(blocks.subList(Math.min(joined, blocks.size()), blocks.size()));
    }

    /** The design as {@code epoch} trains it: pretrained nodes at their factor, the held-back ones frozen. */
    Design designAt(int epoch) {
        Set<String> frozen = frozenAt(epoch);
        Design d = design;
        for (String id : pretrained) {
            Node node = d.requireNode(id);
            if (tuning.pretrainedRateFactor() != FineTuning.NONE.pretrainedRateFactor()) {
                node = node.withLearnRateFactor(node.learnRateFactor() * tuning.pretrainedRateFactor());
            }
            if (frozen.contains(id)) {
                node = node.withTrainable(false);
            }
            d = d.withNode(node);
        }
        return d;
    }

    /** The nodes that start training in {@code epoch}, nearest the output first; empty in most epochs. */
    List<String> joiningAt(int epoch) {
        if (epoch <= 1) {
            return List.of();
        }
        Set<String> now = frozenAt(epoch);
        return frozenAt(epoch - 1).stream().filter(id -> !now.contains(id)).toList();
    }

    /** What the schedule does, said once when the run starts; empty when it changes nothing. */
    Optional<String> describeStart() {
        if (!tuning.changesFrozenNodes()) {
            return Optional.empty();
        }
        if (blocks.isEmpty()) {
            return Optional.of("The fine-tuning schedule has no pretrained nodes to hold back (none starts from "
                    + "given weights, or they are frozen or the Output): every trainable node trains from epoch 1.");
        }
        int first = tuning.firstUnfreezingEpoch();
        String how = tuning.unfreezeEvery() == 0 ? "they all join in epoch " + first
                : String.format(Locale.ROOT, "they join one at a time from the output backwards, from epoch %d "
                        + "every %d %s", first, tuning.unfreezeEvery(), tuning.unfreezeEvery() == 1 ? "epoch" : "epochs");
        String headOnly = first == 2 ? "Epoch 1 trains" : "Epochs 1-" + (first - 1) + " train";
        return Optional.of(String.format(Locale.ROOT, "%s only the nodes without pretrained weights; the pretrained "
                + "ones (%s) are frozen, and %s%s.", headOnly, String.join(", ", blocks), how, rateNote()));
    }

    /** The notice for {@code epoch}, when nodes join in it. */
    Optional<String> describeChangeAt(int epoch) {
        List<String> joining = joiningAt(epoch);
        if (joining.isEmpty()) {
            return Optional.empty();
        }
        Set<String> still = frozenAt(epoch);
        return Optional.of(String.format(Locale.ROOT, "Epoch %d: unfreezing %s (%s%s); %s.", epoch,
                String.join(", ", joining), "pretrained", rateNote(),
                still.isEmpty() ? "every node trains now" : "still frozen: " + String.join(", ", still)));
    }

    /** The notice for a resumed run's first epoch, {@code epoch}, when the schedule holds nodes back. */
    Optional<String> describeResumeAt(int epoch) {
        if (!tuning.changesFrozenNodes() || blocks.isEmpty()) {
            return Optional.empty();
        }
        Set<String> still = frozenAt(epoch);
        return Optional.of(String.format(Locale.ROOT, "Epoch %d: the fine-tuning schedule goes on: %s.", epoch,
                still.isEmpty() ? "every pretrained node trains" : "still frozen: " + String.join(", ", still)));
    }

    private String rateNote() {
        return tuning.pretrainedRateFactor() == FineTuning.NONE.pretrainedRateFactor() ? ""
                : String.format(Locale.ROOT, ", at %s times the learning rate", tuning.pretrainedRateFactor());
    }
}
