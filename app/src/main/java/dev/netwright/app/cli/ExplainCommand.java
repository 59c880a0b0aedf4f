package dev.netwright.app.cli;

import dev.netwright.runtime.explain.AttentionMaps;
import dev.netwright.runtime.explain.Attribution;
import dev.netwright.runtime.explain.Baseline;
import dev.netwright.runtime.explain.ExplainException;
import dev.netwright.runtime.explain.ExplainableRun;
import dev.netwright.runtime.explain.Explainer;
import dev.netwright.runtime.explain.Faithfulness;
import dev.netwright.runtime.explain.GradCam;
import dev.netwright.runtime.explain.InputLayout;
import dev.netwright.runtime.explain.IntegratedGradients;
import dev.netwright.runtime.explain.KernelShap;
import dev.netwright.runtime.explain.Lime;
import dev.netwright.runtime.explain.Occlusion;
import dev.netwright.runtime.explain.SegmentMethod;
import dev.netwright.runtime.explain.Segmentation;
import dev.netwright.runtime.explain.SmoothGrad;
import dev.netwright.runtime.explain.VanillaGradient;
import dev.netwright.runtime.train.RunFailure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code netwright explain RUN_DIR INPUT --method M}: why a run's model gives the class it gives, as a heat map over
 * the input written to a PNG, with the deletion and insertion areas beside a random ordering's.
 */
@Command(name = "explain", description = "Explain a run's prediction on an image, CSV rows or a folder of images: a "
        + "heat map over the input (PNG, with a colour scale) and the deletion/insertion areas under the curve against "
        + "a random ordering (deletion lower and insertion higher than random: the map is faithful); or, for designs "
        + "with self-attention, the attention weights as a token-by-token matrix (--method attention).")
final class ExplainCommand implements Callable<Integer> {
    /** The methods, as --method names them. */
    enum Method { gradient, smoothgrad, ig, gradcam, occlusion, lime, shap, attention }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder written by 'netwright train'.")
    Path run;

    @Parameters(index = "1", arity = "0..1", paramLabel = "IMAGE|CSV|FOLDER", description = "An image, a CSV file of "
            + "feature rows, or a folder of images (one PNG each).")
    Path input;

    @Option(names = "--method", required = true, description = "gradient, smoothgrad, ig (integrated gradients), "
            + "gradcam, occlusion, lime, shap (KernelSHAP) or attention (the attention weights of a design with "
            + "self-attention).")
    Method method;

    @Option(names = "--class", paramLabel = "C", description = "The class to explain, by name or index (default: the "
            + "predicted class).")
    String target;

    @Option(names = "--out", paramLabel = "FILE.png|DIR", description = "Where to write the heat map: a PNG file for "
            + "one input, a folder for several (INPUT-METHOD.png each). Default: INPUT-METHOD.png here.")
    Path out;

    @Option(names = "--sample", paramLabel = "N", description = "Instead of a file: the N-th example (from 0) of the "
            + "run's test set, or its validation set where it held no test set out.")
    Integer sample;

    @Option(names = "--steps", description = "Integrated gradients: steps along the path from the baseline "
            + "(default: ${DEFAULT-VALUE}).")
    int steps = 50;

    @Option(names = "--baseline", paramLabel = "black|mean|blur", description = "What stands for \"nothing\": "
            + "the start of integrated gradients' path, the value of absent segments (LIME, SHAP) and of occlusion's "
            + "patch, E[f] for SHAP: black (zero after normalisation), mean (the mean of the training data) or blur (the "
            + "input blurred; images only). Default: ${DEFAULT-VALUE}.")
    String baseline = "black";

    @Option(names = "--samples", description = "SmoothGrad: noisy copies (default 50); LIME and SHAP: perturbed inputs "
            + "(default 1000).")
    Integer samples;

    @Option(names = "--noise", description = "SmoothGrad: the noise's standard deviation as a share of the input's "
            + "range (default: ${DEFAULT-VALUE}).")
    double noise = 0.15;

    @Option(names = "--layer", description = "Grad-CAM: the convolution layer's node id; attention: the Self-attention "
            + "or Transformer encoder node's id (default: the last one).")
    String layer;

    @Option(names = "--head", paramLabel = "H", description = "Attention: the head, from 0 (default: the mean of the "
            + "heads).")
    Integer head;

    @Option(names = "--patch", description = "Occlusion: the patch's side in pixels (default: ${DEFAULT-VALUE}).")
    int patch = 4;

    @Option(names = "--stride", description = "Occlusion: pixels between patches (default: ${DEFAULT-VALUE}).")
    int stride = 2;

    @Option(names = "--segments", paramLabel = "auto|grid|slic|fh", description = "LIME and SHAP on images: the "
            + "segments switched on and off: auto (the default: a 7×7 grid on images up to 28×28, about 49 SLIC "
            + "superpixels on larger ones), grid (a 7×7 grid, or cells of --cell pixels), slic (about 49 SLIC "
            + "superpixels, regions of like colour) or fh (Felzenszwalb–Huttenlocher regions: as many as the picture's "
            + "edges make).")
    String segments;

    @Option(names = "--cell", description = "LIME and SHAP on images: a grid of cells of this side in pixels (implies "
            + "--segments grid).")
    Integer cell;

    @Option(names = "--boundaries", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "LIME and SHAP on images: draw the segments' boundaries over the heat map as thin yellow "
                    + "lines (the default; --no-boundaries leaves them out).")
    boolean boundaries = true;

    @Option(names = "--seed", description = "For the methods that sample (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ExplainableRun loaded = ExplainableRun.open(run);
            ModelInputs.Read read = ModelInputs.read(loaded, input, sample);
            read.notes().forEach(note -> err.println("Note: " + note));
            List<String> names = loaded.classNames();
            InputLayout layout = InputLayout.of(loaded.model().exampleShape());
            if (head != null && method != Method.attention) {
                throw new CliException(ExitCodes.BAD_INPUT, "--head is for --method attention only");
            }
            if (target != null && method == Method.attention) {
                throw new CliException(ExitCodes.BAD_INPUT, "--class does not apply to --method attention: the "
                        + "attention weights are the same whichever class is explained");
            }
            AttentionMaps attention = method == Method.attention ? AttentionMaps.of(loaded.model()) : null;
            Baseline from = Baseline.byId(baseline);
            Explainer explainer = attention == null ? explainer() : null;
            boolean many = read.inputs().size() > 1;
            if (many && out != null && out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                throw new CliException(ExitCodes.BAD_INPUT, "--out " + out + " is a PNG file, but there are "
                        + read.inputs().size() + " inputs: name a folder for their heat maps");
            }
            for (ModelInputs.Input one : read.inputs()) {
                if (attention != null) {
                    attention(loaded, attention, one, many, stdout);
                    continue;
                }
                ExplainableRun.Explained explained = loaded.explain(explainer, one.examples(), one.index(),
                        target == null ? null : classIndex(target, names), from, Explainer.Progress.NONE);
                double[] p = explained.probabilities();
                int predicted = PredictCommand.ranked(p, 1)[0];
                int c = explained.target();
                Attribution attribution = explained.attribution();
                Faithfulness curves = explained.faithfulness();
                Path png = target(one, many);
                String title = one.name() + ": " + attribution.method() + " for " + name(names, c)
                        + String.format(Locale.ROOT, " (p %.3f)", p[c]);
                int[] outlined = boundaries && layout.isImage() ? attribution.segments() : null;
                HeatMapPng.write(png, one.examples(), one.index(), layout, attribution.pixels(), outlined, title);
                String segmented = attribution.segmentWeights() != null && layout.isImage() ? " on "
                        + attribution.segmentWeights().length + " segments (" + segmentMethod() + ")" : "";
                stdout.printf(Locale.ROOT, "%s: predicted %s (p %.4f)%s; %s%s for %s (p %.4f)%n", one.name(),
                        name(names, predicted), p[predicted], sample != null ? ", actual "
                                + name(names, one.examples().labels()[one.index()]) : "",
                        attribution.method(), segmented, name(names, c), p[c]);
                if (from != Baseline.BLACK) {
                    stdout.println("  baseline: " + from.description());
                }
                stdout.printf(Locale.ROOT, "  deletion AUC %.4f (random %.4f), insertion AUC %.4f (random %.4f)%n",
                        curves.deletionAuc(), curves.randomDeletionAuc(), curves.insertionAuc(),
                        curves.randomInsertionAuc());
                if (!layout.isImage()) {
                    printPerFeature(stdout, loaded.featureNames(), attribution.pixels(),
                            method == Method.shap ? "E[f]" : "f(baseline)", explained.baselineProbability(), p[c]);
                }
                stdout.println("  heat map: " + png);
            }
            return ExitCodes.OK;
        } catch (RunFailure e) {
            err.println(e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (CliException e) {
            err.println(e.getMessage());
            return e.exitCode();
        } catch (ExplainException e) {
            err.println(e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (IOException e) {
            err.println("Cannot write the heat map: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }

    private Explainer explainer() throws CliException {
        requirePositive("--steps", steps);
        requirePositive("--patch", patch);
        requirePositive("--stride", stride);
        if (samples != null) {
            requirePositive("--samples", samples);
        }
        if (!(noise >= 0)) {
            throw new CliException(ExitCodes.BAD_INPUT, "--noise must be 0 or more");
        }
        Segmentation cut = segmentation();
        return switch (method) {
            case gradient -> new VanillaGradient();
            case smoothgrad -> new SmoothGrad(samples == null ? 50 : samples, noise, seed);
            case ig -> new IntegratedGradients(steps);
            case gradcam -> new GradCam(layer);
            case occlusion -> new Occlusion(patch, stride);
            case lime -> new Lime(cut, Math.max(2, samples == null ? 1000 : samples), 1e-3, seed);
            case shap -> new KernelShap(cut, Math.max(2, samples == null ? 1000 : samples), seed);
            case attention -> throw new IllegalStateException("attention maps are no attribution; see attention(...)");
        };
    }

    /** --segments, with --cell for a grid (--cell alone: a grid). */
    private Segmentation segmentation() throws CliException {
        if (cell != null) {
            requirePositive("--cell", cell);
        }
        SegmentMethod chosen = segmentMethod();
        if (cell != null && chosen != SegmentMethod.GRID) {
            throw new CliException(ExitCodes.BAD_INPUT, "--cell is for --segments grid, not --segments " + chosen.id());
        }
        try {
            return chosen.segmentation(cell);
        } catch (ExplainException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--segments: " + e.getMessage());
        }
    }

    /** The method --segments names; without it, a grid where --cell is given, else automatic. */
    private SegmentMethod segmentMethod() throws CliException {
        if (segments == null) {
            return cell == null ? SegmentMethod.AUTOMATIC : SegmentMethod.GRID;
        }
        try {
            return SegmentMethod.byId(segments);
        } catch (ExplainException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--segments: " + e.getMessage());
        }
    }

    /** The attention matrix of {@code one} at --layer, of --head or the heads' mean: a PNG and a short summary. */
    private void attention(ExplainableRun loaded, AttentionMaps maps, ModelInputs.Input one, boolean many,
                           PrintWriter stdout) throws ExplainException, IOException, CliException {
        double[] p = loaded.predict(one.examples(), one.index());
        int predicted = PredictCommand.ranked(p, 1)[0];
        AttentionMaps.Weights weights = maps.weights(loaded, one.examples(), one.index(), layer);
        int heads = weights.heads().length;
        if (head != null && (head < 0 || head >= heads)) {
            throw new CliException(ExitCodes.BAD_INPUT, "--head " + head + ": " + weights.layer() + " has " + heads
                    + " heads (0 to " + (heads - 1) + ")");
        }
        double[][] matrix = head == null ? weights.meanOverHeads() : weights.head(head);
        String which = head == null ? "mean of " + heads + " heads" : "head " + head + " of " + heads;
        Path png = target(one, many);
        AttentionPng.write(png, matrix, one.name() + ": attention at " + weights.layer() + ", " + which);
        List<String> names = loaded.classNames();
        stdout.printf(Locale.ROOT, "%s: predicted %s (p %.4f)%s; attention at %s, %s%n", one.name(),
                name(names, predicted), p[predicted], sample != null ? ", actual "
                        + name(names, one.examples().labels()[one.index()]) : "", weights.layer(), which);
        AttentionSummary.print(stdout, matrix);
        stdout.println("  attention map: " + png);
    }

    private static void requirePositive(String option, int value) throws CliException {
        if (value < 1) {
            throw new CliException(ExitCodes.BAD_INPUT, option + " must be at least 1, got " + value);
        }
    }

    private Path target(ModelInputs.Input one, boolean many) {
        String file = one.name() + "-" + method + ".png";
        if (out == null) {
            return Path.of(file);
        }
        if (many || Files.isDirectory(out)) {
            return out.resolve(file);
        }
        return out;
    }

    private static int classIndex(String text, List<String> names) throws CliException {
        int byName = names.indexOf(text);
        if (byName >= 0) {
            return byName;
        }
        if (text.matches("\\d{1,6}") && Integer.parseInt(text) < names.size()) {
            return Integer.parseInt(text);
        }
        throw new CliException(ExitCodes.BAD_INPUT, "--class " + text + ": no such class; the classes are "
                + String.join(", ", names) + " (or their index, 0 to " + (names.size() - 1) + ")");
    }

    private static String name(List<String> names, int c) {
        return c < names.size() ? names.get(c) : "class " + c;
    }

    /**
     * The attributions per feature, by name, the largest |attribution| first, after the class's probability at the
     * baseline ({@code atBaseline}: E[f] for SHAP) and f(x): for SHAP and integrated gradients they sum to the
     * difference.
     */
    private static void printPerFeature(PrintWriter out, List<String> names, double[] values, String atBaseline,
                                        double expected, double output) {
        double max = 0;
        double sum = 0;
        Integer[] order = new Integer[values.length];
        int width = 8;
        for (int f = 0; f < values.length; f++) {
            max = Math.max(max, Math.abs(values[f]));
            sum += values[f];
            order[f] = f;
            width = Math.max(width, featureName(names, f).length());
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(Math.abs(values[b]), Math.abs(values[a])));
        out.printf(Locale.ROOT, "  %s %.4f (at the baseline) -> f(x) %.4f: difference %+.5f; attributions sum to "
                + "%+.5f%n", atBaseline, expected, output, output - expected, sum);
        for (int f : order) {
            int bar = max == 0 ? 0 : (int) Math.round(20 * Math.abs(values[f]) / max);
            out.printf(Locale.ROOT, "  %-" + width + "s %+.5f %s%n", featureName(names, f), values[f],
                    (values[f] < 0 ? "-" : "+").repeat(bar));
        }
    }

    private static String featureName(List<String> names, int f) {
        return f < names.size() ? names.get(f) : "feature " + (f + 1);
    }
}
