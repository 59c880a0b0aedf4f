package dev.netwright.app.cli;

import dev.netwright.runtime.train.RunEvaluation;
import dev.netwright.runtime.train.RunFailure;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.TrainingEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code netwright evaluate RUN_DIR}: the saved model on the data its run was evaluated on (the test set the run held
 * out, else its validation data): accuracy, confusion matrix, per class.
 */
@Command(name = "evaluate", description = "Evaluate a run's saved model on its validation data.")
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Option(names = "--save", description = "Also write the result into the run folder as evaluation.json.")
    boolean save;

    @Parameters(paramLabel = "RUN_DIR", description = "A run folder written by 'netwright train'.")
    Path runDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TrainingEvent.Evaluation e;
        try {
            e = save ? RunEvaluation.evaluateAndSave(new RunFolder(runDir)) : RunEvaluation.evaluate(new RunFolder(runDir));
        } catch (RunFailure failure) {
            spec.commandLine().getErr().println(failure.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        int total = 0;
        for (int[] row : e.confusion()) {
            for (int v : row) {
                total += v;
            }
        }
        out.printf(java.util.Locale.ROOT, "accuracy %.4f on %,d %s samples (%d misclassified); the model of epoch %d%s%n%n",
                e.accuracy(), total, e.set(), e.misclassified().size(), e.epoch(), e.model() == null ? "" : " (" + e.model() + ")");
        List<String> names = e.classNames();
        out.printf("%-14s %9s %9s %9s%n", "class", "precision", "recall", "F1");
        for (int c = 0; c < names.size(); c++) {
            out.printf("%-14s %9.3f %9.3f %9.3f%n", names.get(c), e.precision()[c], e.recall()[c], e.f1()[c]);
        }
        out.printf("%nconfusion matrix (rows: actual, columns: predicted)%n");
        for (int r = 0; r < e.confusion().length; r++) {
            StringBuilder row = new StringBuilder(String.format("%-14s", names.get(r)));
            for (int v : e.confusion()[r]) {
                row.append(String.format("%6d", v));
            }
            out.println(row);
        }
        return ExitCodes.OK;
    }
}
