package dev.netwright.app.compress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the Compress panel is asked to make from a run: pruned (a target sparsity, per layer or global, at once or
 * gradually, or whole filters and units; fine-tuned for some epochs) or quantised to int8 (calibrated on some
 * training examples). {@link #problem} says what is wrong with the settings in the user's words; {@link #arguments}
 * is the {@code netwright compress} command line that makes it.
 *
 * @param method         what to do
 * @param sparsity       with {@link Method#PRUNE}: the share of weights to zero (or of filters and units to remove)
 * @param global         with {@link Method#PRUNE}: one threshold over all layers rather than the same share per layer
 * @param gradual        with {@link Method#PRUNE}: prune step by step while fine-tuning (needs fine-tuning epochs)
 * @param structured     with {@link Method#PRUNE}: remove whole convolution filters and dense units
 * @param finetuneEpochs with {@link Method#PRUNE}: epochs of fine-tuning with the masks kept (0: none)
 * @param calibration    with {@link Method#QUANTISE}: training examples whose activations set the int8 ranges
 */
public record CompressSettings(Method method, double sparsity, boolean global, boolean gradual, boolean structured,
                               int finetuneEpochs, int calibration) {
    /** The compressions the panel offers. */
    public enum Method {
        PRUNE("Prune"), QUANTISE("Quantise to int8");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** What the panel starts with: 90 % magnitude pruning per layer, one epoch of fine-tuning; 500 calibration examples. */
    public static CompressSettings defaults() {
        return new CompressSettings(Method.PRUNE, 0.9, false, false, false, 1, 500);
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
        } else if (calibration < 1) {
            return Optional.of("Quantisation needs at least 1 calibration example, not " + calibration + ".");
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
