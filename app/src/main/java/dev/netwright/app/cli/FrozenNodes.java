package dev.netwright.app.cli;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.kinds.OutputKind;

import java.util.List;

/** {@code netwright train --freeze NODE,...}: those nodes are not trained in this run; an unknown id is refused. */
final class FrozenNodes {
    private FrozenNodes() {
    }

    static Design apply(Design design, List<String> ids) throws CliException {
        Design result = design;
        for (String id : ids) {
            if (!design.contains(id)) {
                throw new CliException(ExitCodes.BAD_INPUT, "--freeze: the design has no node '" + id + "'"
                        + design.closestId(id).map(c -> "; did you mean '" + c + "'?").orElse("."));
            }
            Node node = design.requireNode(id);
            if (OutputKind.ID.equals(node.kind())) {
                throw new CliException(ExitCodes.BAD_INPUT, "--freeze: '" + id + "' is the Output, which trains the "
                        + "network; freeze the nodes before it.");
            }
            result = result.withNode(node.withTrainable(false));
        }
        return result;
    }
}
