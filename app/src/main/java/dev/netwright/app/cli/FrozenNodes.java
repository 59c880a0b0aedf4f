package dev.netwright.app.cli;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.kinds.OutputKind;

import java.util.Comparator;
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
                        + closest(design, id).map(c -> "; did you mean '" + c + "'?").orElse("."));
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

    private static java.util.Optional<String> closest(Design design, String id) {
        return design.nodes().stream().map(Node::id).min(Comparator.comparingInt(other -> distance(id, other)));
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
