package dev.netwright.app.cli;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.check.Diagnostic;
import dev.netwright.runtime.check.ModelSummary;
import dev.netwright.runtime.check.ResourceEstimate;
import dev.netwright.runtime.design.Design;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Locale;
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
        ModelSummary summary = ModelSummary.of(loaded, result, StandardKinds.catalog());
        out.printf("%s%n%n", loaded.name());
        out.printf("%-16s %-24s %-16s %12s  %s%n", "node", "kind", "output", "parameters", "trainable");
        for (ModelSummary.Row row : summary.rows()) {
            out.println(line(row));
        }
        out.printf("%n%,d parameters, %d error(s), %d warning(s)%n", summary.totalParams(), result.errorCount(),
                result.warnings().size());
        out.printf("Trainable: %,d; non-trainable: %,d%n", summary.trainableParams(), summary.nonTrainableParams());
        ResourceEstimate cost = ResourceEstimate.atDefaults(loaded, result, StandardKinds.catalog());
        out.printf("Estimate: %s; %s%n", cost.describeMemory("Adam"), cost.describeCost());
        for (Diagnostic d : result.diagnostics()) {
            out.printf("%s %s: %s%s%n", d.isError() ? "error" : "warning", d.nodeId() == null ? "design" : d.nodeId(),
                    d.message(), d.fix() == null ? "" : " [fix: " + d.fix().description() + "]");
        }
        return result.hasErrors() ? ExitCodes.DESIGN_ERRORS : ExitCodes.OK;
    }

    /** A row of the table as printed. */
    static String line(ModelSummary.Row row) {
        return String.format(Locale.ROOT, "%-16s %-24s %-16s %12s  %s", row.nodeId(), row.kindId(), row.outputLabel(),
                row.paramsLabel(), row.trainableLabel());
    }
}
