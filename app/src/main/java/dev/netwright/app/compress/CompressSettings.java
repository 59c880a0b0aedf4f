package dev.netwright.app.compress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the Compress panel is asked to make from a run: pruned (a target sparsity, per layer or global, at once or
 * gradually, or whole filters and units; fine-tuned for some epochs), quantised to int8 (calibrated on some
 * training examples) or distilled into a student design (the loss's α and T; the student's epochs, 0 for the run's). {@link #problem} says what is wrong with the settings in the user's words; {@link #arguments}
 * is the {@code netwright compress} command line that makes it.
 *
 * @param method         what to do
 * @param sparsity       with {@link Method#PRUNE}: the share of weights to zero (or of filters and units to remove)
 * @param global         with {@link Method#PRUNE}: one threshold over all layers rather than the same share per layer
 * @param gradual        with {@link Method#PRUNE}: prune step by step while fine-tuning (needs fine-tuning epochs)
 * @param structured     with {@link Method#PRUNE}: remove whole convolution filters and dense units
 * @param finetuneEpochs with {@link Method#PRUNE}: epochs of fine-tuning with the masks kept (0: none)
 * @param calibration    with {@link Method#QUANTISE}: training examples whose activations set the int8 ranges
 * @param student        with {@link Method#DISTIL}: the student design's file; null when none is chosen
 * @param alpha          with {@link Method#DISTIL}: the labels' share of the loss, 0 to 1
 * @param temperature    with {@link Method#DISTIL}: the softening temperature, above 0
 * @param distilEpochs   with {@link Method#DISTIL}: the student's epochs, 0 for as many as the run had
 */
public record CompressSettings(Method method, double sparsity, boolean global, boolean gradual, boolean structured,
                               int finetuneEpochs, int calibration, Path student, double alpha, double temperature,
                               int distilEpochs) {
    /** The compressions the panel offers. */
    public enum Method {
        PRUNE("Prune"), QUANTISE("Quantise to int8"), DISTIL("Distil into a student");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Pruning or quantisation settings (no student). */
    public CompressSettings(Method method, double sparsity, boolean global, boolean gradual, boolean structured,
                            int finetuneEpochs, int calibration) {
        this(method, sparsity, global, gradual, structured, finetuneEpochs, calibration, null, 0.5, 4, 0);
    }

    /** Distillation into {@code student}. */
    public static CompressSettings distil(Path student, double alpha, double temperature, int epochs) {
        return new CompressSettings(Method.DISTIL, 0.9, false, false, false, 1, 500, student, alpha, temperature,
                epochs);
    }

    /** What is wrong with these settings, in a sentence; empty when they can be run. */
    public Optional<String> problem() {
        if (method == Method.PRUNE) {
            if (!(sparsity > 0 && sparsity < 1)) {
                return Optional.of(String.format(Locale.ROOT, "The sparsity must be above 0 and below 1 (0.9 zeroes "
                        + "90%% of the weights), not %s.", number(sparsity)));
            }
            if (finetuneEpochs < 0) {
                return Optional.of("The fine-tuning epochs cannot be negative (0: no fine-tuning).");
            }
            if (gradual && finetuneEpochs == 0) {
                return Optional.of("Gradual pruning prunes while fine-tuning: give it at least 1 fine-tuning epoch.");
            }
            if (gradual && structured) {
                return Optional.of("Structured pruning removes filters at once: it cannot be gradual.");
            }
        } else if (method == Method.QUANTISE && calibration < 1) {
            return Optional.of("Quantisation needs at least 1 calibration example, not " + calibration + ".");
        } else if (method == Method.DISTIL) {
            if (student == null) {
                return Optional.of("Choose the student design to distil into (a design file with the run's classes).");
            }
            if (!(alpha >= 0 && alpha <= 1)) {
                return Optional.of("Alpha, the labels' share of the loss, must be from 0 to 1, not " + number(alpha)
                        + ".");
            }
            if (!(temperature > 0)) {
                return Optional.of("The temperature must be above 0 (such as 4), not " + number(temperature) + ".");
            }
            if (distilEpochs < 0) {
                return Optional.of("The student's epochs cannot be negative (0: as many as the run had).");
            }
        }
        return Optional.empty();
    }

    /** The arguments after {@code netwright} that compress {@code run} so (the result goes next to the run). */
    public List<String> arguments(Path run) {
        List<String> args = new ArrayList<>(List.of("compress", run.toAbsolutePath().toString()));
        if (method == Method.QUANTISE) {
            args.addAll(List.of("--quantise", "int8", "--calibration", Integer.toString(calibration)));
            return args;
        }
        if (method == Method.DISTIL) {
            args.addAll(List.of("--distil", student.toAbsolutePath().toString(), "--alpha", number(alpha),
                    "--temperature", number(temperature)));
            if (distilEpochs > 0) {
                args.addAll(List.of("--epochs", Integer.toString(distilEpochs)));
            }
            return args;
        }
        args.addAll(List.of("--prune", number(sparsity)));
        if (structured) {
            args.add("--structured");
        } else {
            args.addAll(List.of("--scope", global ? "global" : "layer", "--schedule", gradual ? "gradual" : "one-shot"));
        }
        args.addAll(List.of("--finetune", Integer.toString(finetuneEpochs)));
        return args;
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "nothing" : String.valueOf(value);
    }
}
