package dev.netwright.app.cli;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.check.Diagnostic;
import dev.netwright.runtime.check.ModelSummary;
import dev.netwright.runtime.check.ResourceEstimate;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.weights.WeightsCheck;
import dev.netwright.runtime.weights.WeightsStatus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

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
        List<Diagnostic> diagnostics = new ArrayList<>(result.diagnostics());
        if (loaded.weights().isPresent() && !result.hasErrors()) {
            WeightsStatus weights = new WeightsCheck().status(loaded);
            printWeights(out, weights, summary.totalParams());
            diagnostics.addAll(weights.diagnostics());
        }
        for (Diagnostic d : diagnostics) {
            out.printf("%s %s: %s%s%n", d.isError() ? "error" : "warning", d.nodeId() == null ? "design" : d.nodeId(),
                    d.message(), d.fix() == null ? "" : " [fix: " + d.fix().description() + "]");
        }
        return result.hasErrors() ? ExitCodes.DESIGN_ERRORS : ExitCodes.OK;
    }

    /**
     * Where the weights come from and, for a pruned model, how many parameters are not zero and each sparse node's
     * share of zero weights.
     */
    private static void printWeights(PrintWriter out, WeightsStatus weights, long totalParams) {
        if (weights.problem() != null) {
            out.printf("Weights: %s cannot be read (%s)%n", weights.fileName(), weights.problem());
            return;
        }
        out.printf("Weights: %s (%d node(s) pretrained)%n", weights.fileName(), weights.pretrained().size());
        long zeros = weights.zeroWeights();
        if (zeros > 0 && zeros >= WeightsStatus.SPARSE * totalParams) {
            String nodes = weights.sparsity().keySet().stream().flatMap(id -> weights.sparseNode(id).stream())
                    .map(s -> s.node() + " " + s.zeroShare()).collect(Collectors.joining(", "));
            out.printf("Non-zero: %,d of %,d parameters; zero weights: %s%n", totalParams - zeros, totalParams,
                    nodes);
        }
    }

    /** A row of the table as printed. */
    static String line(ModelSummary.Row row) {
        return String.format(Locale.ROOT, "%-16s %-24s %-16s %12s  %s", row.nodeId(), row.kindId(), row.outputLabel(),
                row.paramsLabel(), row.trainableLabel());
    }
}
