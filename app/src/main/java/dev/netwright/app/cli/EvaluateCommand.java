package dev.netwright.app.cli;

import dev.netwright.runtime.data.DataSources;
import dev.netwright.runtime.data.Normalisation;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.train.RunEvaluation;
import dev.netwright.runtime.train.RunFailure;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.weights.DesignWeights;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code netwright evaluate RUN_DIR|DESIGN}: a run's saved model on the data its run was evaluated on (the test set
 * the run held out, else its validation data), or a design with trained weights (an imported model) on its data's
 * test set without training: accuracy, confusion matrix, per class.
 */
@Command(name = "evaluate", description = "Evaluate a run's saved model on its validation or test data, or a design "
        + "with trained weights (an imported Keras model) on its data's test set, without training.")
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--save", description = "Also write the result into the run folder as evaluation.json (runs only).")
    boolean save;

    @CommandLine.Option(names = "--data", paramLabel = "SOURCE", description = "For a design: the data to evaluate on, "
            + "fashion-mnist | fashion-mnist-sample | idx:DIR | csv:FILE | images:DIR (default: the design's own, else "
            + "fashion-mnist-sample).")
    String data;

    @CommandLine.Option(names = "--normalise", description = "For a design: NONE, SCALE_0_1 or STANDARDISE, as the "
            + "model was trained (default: ${DEFAULT-VALUE}).")
    Normalisation normalisation = RunRequest.DEFAULT_NORMALISATION;

    @CommandLine.Option(names = "--max", paramLabel = "N", description = "For a design: evaluate at most N examples (0: all).")
    int max;

    @Parameters(paramLabel = "RUN_DIR|DESIGN", description = "A run folder written by 'netwright train', or a design "
            + "file with trained weights (written by 'netwright import').")
    String target;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TrainingEvent.Evaluation e;
        try {
            Path path = target.startsWith(DesignArgument.SAMPLE_PREFIX) ? null : Path.of(target);
            if (path == null || Files.isRegularFile(path)) {
                e = evaluateDesign();
            } else {
                RunFolder folder = new RunFolder(path);
                e = save ? RunEvaluation.evaluateAndSave(folder) : RunEvaluation.evaluate(folder);
            }
        } catch (RunFailure failure) {
            spec.commandLine().getErr().println(failure.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (CliException failure) {
            spec.commandLine().getErr().println(failure.getMessage());
            return failure.exitCode();
        }
        int total = 0;
        for (int[] row : e.confusion()) {
            for (int v : row) {
                total += v;
            }
        }
        out.printf(java.util.Locale.ROOT, "accuracy %.4f on %,d %s samples (%d misclassified); %s%n%n",
                e.accuracy(), total, e.set(), e.misclassified().size(), TrainingEvent.Evaluation.IMPORTED.equals(e.model())
                        ? "the design's imported weights, not trained here"
                        : "the model of epoch " + e.epoch() + (e.model() == null ? "" : " (" + e.model() + ")"));
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

    private TrainingEvent.Evaluation evaluateDesign() throws CliException, RunFailure {
        if (save) {
            throw new CliException(ExitCodes.BAD_INPUT, "--save writes into a run folder; " + target + " is a design.");
        }
        Design design = DesignArgument.load(target);
        if (design.weights().isEmpty()) {
            throw new CliException(ExitCodes.BAD_INPUT, target + " has no trained weights to evaluate: train it "
                    + "('netwright train " + target + "') and evaluate the run folder, or import a model with its "
                    + "weights ('netwright import').");
        }
        DesignWeights weights;
        try {
            weights = DesignWeights.read(Path.of(design.weights().get()));
        } catch (IOException ex) {
            throw new CliException(ExitCodes.BAD_INPUT, "Cannot read the design's weights: " + ex.getMessage());
        }
        Path folder = Path.of(target).toAbsolutePath().normalize().getParent();
        String source = data != null ? DataSources.resolved(data, Path.of(""))
                : design.data().map(d -> DataSources.resolved(d.source(), folder)).orElse(DataSources.SAMPLE);
        return RunEvaluation.evaluateDesign(design, weights, source, normalisation, max);
    }
}
