package dev.netwright.app.cli;

import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.compress.MagnitudePruning;
import dev.netwright.runtime.compress.RunPruning;
import dev.netwright.runtime.compress.StructuredPruning;
import dev.netwright.runtime.train.RunEvaluation;
import dev.netwright.runtime.train.RunFailure;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.weights.WeightSparsity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code netwright prune RUN_DIR --sparsity S -o OUT_DIR}: magnitude pruning of a finished run's model into a new run
 * folder, then both models evaluated on the run's evaluation data, side by side.
 */
@Command(name = "prune", description = "Prune a trained run: zero its smallest weights (magnitude pruning) into a new "
        + "run folder, and evaluate the pruned model beside the original.")
final class PruneCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "A run folder written by 'netwright train'.")
    Path run;

    @Option(names = "--sparsity", required = true, paramLabel = "S",
            description = "The share of weights to set to zero, at least 0 and below 1 (0.5: half of them).")
    double sparsity;

    @Option(names = "--scope", paramLabel = "layer|global", description = "layer: the same share of each layer's "
            + "weights; global: the smallest weights of all layers together (default: ${DEFAULT-VALUE}).")
    String scope = "layer";

    @Option(names = "--structured", description = "Remove whole convolution filters and dense units (the share "
            + "--sparsity gives, by L1 norm) instead of single weights: -o then names a new, smaller design file, written "
            + "with its weights; 'netwright train' on it fine-tunes it.")
    boolean structured;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT",
            description = "A new or empty folder for the pruned run; with --structured, the design file to write.")
    Path out;

    @Option(names = "--force", description = "Replace an earlier run in OUT_DIR.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!(sparsity >= 0 && sparsity < 1)) {
            err.println("--sparsity must be at least 0 and below 1, not " + sparsity + ".");
            return ExitCodes.BAD_INPUT;
        }
        MagnitudePruning.Scope chosen;
        try {
            chosen = MagnitudePruning.Scope.valueOf(scope.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("--scope must be layer or global, not '" + scope + "'.");
            return ExitCodes.BAD_INPUT;
        }
        if (run.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            err.println("-o must name another folder than the run itself, which stays as it is.");
            return ExitCodes.BAD_INPUT;
        }
        if (structured) {
            return structured();
        }
        try {
            RunFolder source = new RunFolder(run);
            TrainingEvent.Evaluation before = RunEvaluation.evaluate(source);
            RunFolder target = RunFolder.claim(out, force);
            RunPruning.Result result = RunPruning.prune(source, target, sparsity, chosen);
            TrainingEvent.Evaluation after = RunEvaluation.evaluateAndSave(target);
            print(result, before, after);
            return ExitCodes.OK;
        } catch (RunFailure e) {
            err.println(e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (IOException e) {
            err.println("Cannot write the pruned run into " + out + ": " + e.getMessage());
            return ExitCodes.RUN_FAILED;
        }
    }

    private int structured() {
        PrintWriter err = spec.commandLine().getErr();
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            err.println("With --structured, -o names the design file to write (FILE.json), not " + out + ".");
            return ExitCodes.BAD_INPUT;
        }
        if (Files.exists(out) && !force) {
            err.println(out + " exists; name a new file, or use --force to replace it.");
            return ExitCodes.BAD_INPUT;
        }
        try {
            RunFolder source = new RunFolder(run);
            TrainingEvent.Evaluation before = RunEvaluation.evaluate(source);
            StructuredPruning.Result result = RunPruning.pruneStructured(source, sparsity, out);
            RunRequest request = new RunRequestJson().read(run);
            TrainingEvent.Evaluation after = RunEvaluation.evaluateDesign(result.design(), result.weights(),
                    request.data(), request.normalisation(), request.maxValidationExamples());
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "%-16s %10s %10s%n", "node", "before", "after");
            for (StructuredPruning.PrunedNode node : result.pruned()) {
                o.printf(Locale.ROOT, "%-16s %10d %10d%n", node.node(), node.before(), node.after());
            }
            result.skipped().forEach((node, why) -> o.printf("%-16s not pruned: %s%n", node, why));
            Checker checker = new Checker();
            o.printf(Locale.ROOT, "%nparameters %,d -> %,d; accuracy %.4f on %,d %s examples -> %.4f on %,d %s "
                            + "examples, before fine-tuning%n",
                    checker.check(request.design()).totalParams(), checker.check(result.design()).totalParams(),
                    before.accuracy(), examples(before), before.set(), after.accuracy(), examples(after), after.set());
            o.printf("Wrote %s and its weights; 'netwright train %s' fine-tunes it from them.%n", out, out);
            return ExitCodes.OK;
        } catch (RunFailure e) {
            err.println(e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (IOException e) {
            err.println("Cannot write " + out + ": " + e.getMessage());
            return ExitCodes.RUN_FAILED;
        }
    }

    private static int examples(TrainingEvent.Evaluation e) {
        int total = 0;
        for (int[] row : e.confusion()) {
            for (int v : row) {
                total += v;
            }
        }
        return total;
    }

    private void print(RunPruning.Result result, TrainingEvent.Evaluation before, TrainingEvent.Evaluation after) {
        PrintWriter o = spec.commandLine().getOut();
        MagnitudePruning.Pruned pruned = result.pruned();
        o.printf(Locale.ROOT, "%-16s %12s %12s %9s%n", "node", "weights", "non-zero", "sparsity");
        for (WeightSparsity node : pruned.nodes()) {
            o.printf(Locale.ROOT, "%-16s %,12d %,12d %8.1f%%%n", node.node(), node.weights(), node.nonZeros(),
                    100 * node.sparsity());
        }
        o.printf(Locale.ROOT, "%-16s %,12d %,12d %8.1f%%%n%n", "all", pruned.prunable(), pruned.nonZeros(),
                100 * pruned.sparsity());
        o.printf(Locale.ROOT, "%-10s %10s %12s%n", "", "accuracy", "model.zip");
        o.printf(Locale.ROOT, "%-10s %10.4f %,12d bytes%n", "original", before.accuracy(), result.sourceBytes());
        o.printf(Locale.ROOT, "%-10s %10.4f %,12d bytes%n", "pruned", after.accuracy(), result.prunedBytes());
        o.printf("on %s; biases and normalisation parameters are not pruned. The pruned run: %s%n",
                after.set(), out.toAbsolutePath().normalize());
    }
}
