package dev.netwright.app.cli;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.check.Diagnostic;
import dev.netwright.runtime.check.NodeReport;
import dev.netwright.runtime.check.ResourceEstimate;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code netwright check DESIGN}: shapes, parameter counts and problems of every node. */
@Command(name = "check", description = "Check a design: every node's output shape and parameters, and its problems.")
final class CheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DESIGN", description = "A design file, or sample:ID (see 'netwright samples').")
    String design;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Design loaded;
        try {
            loaded = DesignArgument.load(design);
        } catch (CliException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return e.exitCode();
        }
        CheckResult result = new Checker().check(loaded);
        out.printf("%s%n%n", loaded.name());
        out.printf("%-16s %-24s %-16s %12s%n", "node", "kind", "output", "parameters");
        for (Node node : inGraphOrder(loaded, result)) {
            NodeReport report = result.node(node.id()).orElseThrow();
            out.printf("%-16s %-24s %-16s %,12d%n", node.id(), node.kind(),
                    report.outputShape().map(s -> s.label()).orElse("?"), report.params());
        }
        out.printf("%n%,d parameters, %d error(s), %d warning(s)%n", result.totalParams(), result.errorCount(),
                result.warnings().size());
        ResourceEstimate cost = ResourceEstimate.atDefaults(loaded, result, StandardKinds.catalog());
        out.printf("Estimate: %s; %s%n", cost.describeMemory("Adam"), cost.describeCost());
        for (Diagnostic d : result.diagnostics()) {
            out.printf("%s %s: %s%s%n", d.isError() ? "error" : "warning", d.nodeId() == null ? "design" : d.nodeId(),
                    d.message(), d.fix() == null ? "" : " [fix: " + d.fix().description() + "]");
        }
        return result.hasErrors() ? ExitCodes.DESIGN_ERRORS : ExitCodes.OK;
    }

    /** Every node after its inputs (as a summary reads top to bottom); nodes on a cycle last, in file order. */
    private static List<Node> inGraphOrder(Design design, CheckResult result) {
        Map<String, Node> byId = new LinkedHashMap<>();
        design.nodes().forEach(node -> byId.put(node.id(), node));
        List<Node> ordered = new ArrayList<>();
        result.topologicalOrder().forEach(id -> ordered.add(byId.remove(id)));
        ordered.addAll(byId.values());
        return ordered;
    }
}
