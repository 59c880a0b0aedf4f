package dev.netwright.app.cli;

import dev.netwright.runtime.explain.ExplainableRun;
import dev.netwright.runtime.train.RunFailure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code netwright predict RUN_DIR INPUT}: a run's model on an image or CSV rows of the user's, top classes. */
@Command(name = "predict", description = "Predict the class of an image, of each row of a CSV file or of each image "
        + "in a folder with a run's saved model; the input is prepared as the run's training data was (resized, "
        + "channels, normalisation).")
final class PredictCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder written by 'netwright train'.")
    Path run;

    @Parameters(index = "1", arity = "0..1", paramLabel = "IMAGE|CSV|FOLDER", description = "An image (PNG, JPEG, GIF, "
            + "BMP), a CSV file of feature rows, or a folder of images.")
    Path input;

    @Option(names = "--sample", paramLabel = "N", description = "Instead of a file: the N-th example (from 0) of the "
            + "run's test set, or its validation set where it held no test set out.")
    Integer sample;

    @Option(names = "--top", paramLabel = "K", description = "How many classes to show (default: ${DEFAULT-VALUE}).")
    int top = 5;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (top < 1) {
                throw new CliException(ExitCodes.BAD_INPUT, "--top must be at least 1");
            }
            ExplainableRun loaded = ExplainableRun.open(run);
            ModelInputs.Read read = ModelInputs.read(loaded, input, sample);
            read.notes().forEach(note -> err.println("Note: " + note));
            List<String> names = loaded.classNames();
            for (ModelInputs.Input one : read.inputs()) {
                double[] p = loaded.predict(one.examples(), one.index());
                out.println(one.name() + (sample != null ? " (actual: " + names.get(one.examples().labels()[one.index()]) + ")" : ""));
                for (int c : ranked(p, Math.min(top, p.length))) {
                    out.printf(Locale.ROOT, "  %-16s %.4f%n", c < names.size() ? names.get(c) : "class " + c, p[c]);
                }
            }
            return ExitCodes.OK;
        } catch (RunFailure e) {
            err.println(e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (CliException e) {
            err.println(e.getMessage());
            return e.exitCode();
        }
    }

    /** The classes from most to least probable, the first {@code k}. */
    static int[] ranked(double[] p, int k) {
        return java.util.stream.IntStream.range(0, p.length).boxed()
                .sorted((a, b) -> Double.compare(p[b], p[a])).limit(k).mapToInt(Integer::intValue).toArray();
    }
}
