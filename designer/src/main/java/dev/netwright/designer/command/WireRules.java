package dev.netwright.designer.command;

import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.check.Diagnostic;
import dev.netwright.runtime.check.DiagnosticCode;
import dev.netwright.runtime.check.WiringRules;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a wire may be made, before it is made: while a wire is dragged, compatible ports light
 * up and an incompatible one says why. A wire is refused when it would feed a node itself, close a cycle,
 * overfill a port, repeat a wire ({@link WiringRules} decides those), or give the target a shape it cannot take
 * and that no one-click fix mends. A wire whose problem has a fix (Dense after an image: insert Flatten) is allowed:
 * the node turns red and offers the fix, which is quicker for the user than a refusal. So is a wire that leaves a
 * port still short of wires (the first of Add's two): the next wire completes it.
 */
public final class WireRules {
    private final LayerCatalog catalog;
    private final WiringRules wiring;
    private final Checker checker;

    public WireRules(LayerCatalog catalog) {
        this.catalog = catalog;
        this.wiring = new WiringRules(catalog);
        this.checker = new Checker(catalog);
    }

    /** Why the wire cannot be made, or empty when it can. */
    public Optional<String> refusal(Design design, Edge edge) {
        Optional<DiagnosticCode> problem = wiring.newWireProblem(design, edge);
        if (problem.isPresent()) {
            return Optional.of(say(problem.get(), design, edge));
        }
        return shapeRefusal(design, edge);
    }

    /** The designer's words for a wiring rule's refusal: short, for a note beside the cursor. */
    private String say(DiagnosticCode problem, Design design, Edge edge) {
        return switch (problem) {
            case SELF_WIRE -> "A layer cannot feed itself.";
            case DUPLICATE_WIRE -> "These two are already wired.";
            case NO_INPUT_PORT -> targetKind(design, edge).displayName() + " takes no input.";
            case TOO_MANY_INPUTS -> edge.to() + " already has its input; use Add or Concat to merge two inputs.";
            case CYCLE -> "This wire would make a cycle: " + edge.to() + " already feeds " + edge.from() + ".";
            default -> throw new IllegalStateException("no words for the wiring rule " + problem);
        };
    }

    private LayerKind targetKind(Design design, Edge edge) {
        return catalog.require(design.requireNode(edge.to()).kind());
    }

    /**
     * The target's new error if the wire were made (its shape rule refuses the input): an error of a kind the target
     * did not have before, without a fix, and not about how many wires it has.
     */
    private Optional<String> shapeRefusal(Design design, Edge edge) {
        CheckResult before = checker.check(design);
        if (before.output(edge.from()).isEmpty()) {
            return Optional.empty(); // nothing known to judge by; the checker will speak once it is
        }
        CheckResult after = checker.check(design.withEdge(edge));
        Set<DiagnosticCode> old = before.diagnosticsFor(edge.to()).stream().map(Diagnostic::code)
                .collect(Collectors.toSet());
        return after.diagnosticsFor(edge.to()).stream()
                .filter(d -> d.isError() && d.fix() == null && !d.code().isInputCount() && !old.contains(d.code()))
                .findFirst()
                .map(Diagnostic::message);
    }
}
