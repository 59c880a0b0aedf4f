package dev.netwright.app.cli;

import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.layers.LstmEngine;
import dev.netwright.runtime.train.RunRequest;
import picocli.CommandLine;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The defaults of {@code netwright train}, taken from the run's own ({@link RunRequest}'s constants,
 * {@link TrainingSettings#defaults()}, {@link LstmEngine#DEFAULT}), which the window's training form starts from too.
 * Options not named here (the engine's oneDNN and threads, which depend on the design) have none.
 */
final class TrainDefaults implements CommandLine.IDefaultValueProvider {
    private static final TrainingSettings SETTINGS = TrainingSettings.defaults();
    private static final Map<String, String> VALUES = Map.ofEntries(
            Map.entry("--epochs", Integer.toString(RunRequest.DEFAULT_EPOCHS)),
            Map.entry("--batch", Integer.toString(RunRequest.DEFAULT_BATCH_SIZE)),
            Map.entry("--lr", number(SETTINGS.learningRate())),
            Map.entry("--optimizer", SETTINGS.optimizer().name()),
            Map.entry("--l2", number(SETTINGS.l2())),
            Map.entry("--clip", number(SETTINGS.gradientClipping())),
            Map.entry("--seed", Long.toString(SETTINGS.seed())),
            Map.entry("--normalise", RunRequest.DEFAULT_NORMALISATION.name()),
            Map.entry("--validation", number(RunRequest.DEFAULT_VALIDATION_FRACTION)),
            Map.entry("--patience", Integer.toString(RunRequest.DEFAULT_PATIENCE)),
            Map.entry("--max-train", Integer.toString(RunRequest.DEFAULT_EXAMPLE_LIMIT)),
            Map.entry("--max-validation", Integer.toString(RunRequest.DEFAULT_EXAMPLE_LIMIT)),
            Map.entry("--backend", RunRequest.DEFAULT_BACKEND.name()),
            Map.entry("--lstm-engine", LstmEngine.DEFAULT.name()));

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argument) {
        return argument instanceof CommandLine.Model.OptionSpec option ? VALUES.get(option.longestName()) : null;
    }

    /** As a person writes it: 0.001, 0.1, 0 (not 1.0E-3 or 0.0). */
    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
