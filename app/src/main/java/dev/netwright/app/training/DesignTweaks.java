package dev.netwright.app.training;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.kinds.DropoutKind;

/** Changes a run makes to its copy of the design; the user's design is never touched. */
final class DesignTweaks {
    private DesignTweaks() {
    }

    /** The design with every Dropout layer's rate set to {@code rate}. */
    static Design withDropout(Design design, double rate) {
        Design result = design;
        for (Node node : design.nodes()) {
            if (node.kind().equals(DropoutKind.ID)) {
                result = result.withNode(node.withParam("rate", rate));
            }
        }
        return result;
    }
}
