package dev.netwright.app.cli;

import dev.netwright.runtime.compress.MagnitudePruning;
import dev.netwright.runtime.compress.RunPruning;
import dev.netwright.runtime.train.RunEvaluation;
import dev.netwright.runtime.train.RunFailure;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.TrainingEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
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

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT_DIR",
            description = "A new or empty folder for the pruned run.")
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

    private void print(RunPruning.Result result, TrainingEvent.Evaluation before, TrainingEvent.Evaluation after) {
        PrintWriter o = spec.commandLine().getOut();
        MagnitudePruning.Pruned pruned = result.pruned();
        o.printf(Locale.ROOT, "%-16s %12s %12s %9s%n", "node", "weights", "non-zero", "sparsity");
        for (MagnitudePruning.NodeSparsity node : pruned.nodes()) {
            o.printf(Locale.ROOT, "%-16s %,12d %,12d %8.1f%%%n", node.node(), node.prunable(), node.nonZeros(),
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
