package dev.netwright.app.cli;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.FineTuning;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code netwright train}'s fine-tuning options, for a run that starts from trained weights: a lower rate for the nodes
 * that start from them, and a schedule that trains the new nodes first ({@link FineTuning}). A resumed run goes on
 * with the settings its run folder's run.json records, so they are not named again with {@code --resume}.
 */
final class FineTuningOptions {
    @Option(names = "--pretrained-lr-factor", paramLabel = "FACTOR", description = "With starting weights (--init-from, or a design that has weights): the learning rate of the nodes that start from them, as a factor of the run's (times a node's own factor), e.g. 0.1; the nodes that start from random weights keep the run's rate (default: the design's saved setting, else 1).")
    Double pretrainedLrFactor;

    @Option(names = "--head-first", paramLabel = "EPOCHS", description = "With starting weights: for the first EPOCHS epochs train only the nodes that start from random weights (a new head), the others frozen; then every node trains (default: the design's saved setting, else off).")
    Integer headFirst;

    @Option(names = "--unfreeze-every", paramLabel = "N", description = "With starting weights: the nodes that start from them begin frozen, and one more of them trains every N epochs, from the output backwards (after --head-first's epochs where that is given, else after the first N) (default: the design's saved setting, else off).")
    Integer unfreezeEvery;

    /** Whether any of the options was given. */
    boolean any() {
        return pretrainedLrFactor != null || headFirst != null || unfreezeEvery != null;
    }

    /** The settings the options give on top of {@code base}; a value of 0 or less is refused naming its option. */
    FineTuning over(FineTuning base) throws CliException {
        FineTuning tuning = base;
        if (pretrainedLrFactor != null) {
            if (!(pretrainedLrFactor > 0) || !Double.isFinite(pretrainedLrFactor)) {
                throw refused("--pretrained-lr-factor must be a number above 0, such as 0.1, not " + pretrainedLrFactor);
            }
            tuning = tuning.withPretrainedRateFactor(pretrainedLrFactor);
        }
        if (headFirst != null) {
            tuning = tuning.withHeadFirstEpochs(epochs("--head-first", headFirst));
        }
        if (unfreezeEvery != null) {
            tuning = tuning.withUnfreezeEvery(epochs("--unfreeze-every", unfreezeEvery));
        }
        return tuning;
    }

    /**
     * Checks that the options fit the rest of the command: they need starting weights, and a resumed run keeps its
     * own settings.
     */
    void requireFits(Design loaded, Path initFrom, Path resume) throws CliException {
        if (!any()) {
            return;
        }
        String named = pretrainedLrFactor != null ? "--pretrained-lr-factor" : headFirst != null ? "--head-first"
                : "--unfreeze-every";
        if (resume != null) {
            throw refused(named + " cannot go with --resume: a resumed run goes on with the fine-tuning settings its "
                    + "run.json records.");
        }
        if (initFrom == null && loaded.weights().isEmpty()) {
            throw refused(named + " needs starting weights: name them with --init-from RUN_DIR|DESIGN|MODEL, or train "
                    + "a design that has weights.");
        }
    }

    /**
     * The request of a run resumed from {@code checkpoint} with the fine-tuning settings its run records, and the
     * weights that say which of its nodes are pretrained; the request as it is where the run recorded none.
     */
    static RunRequest resumed(RunRequest request, Path checkpoint) throws CliException {
        Path runDir = checkpoint.toAbsolutePath().getParent() == null ? null
                : checkpoint.toAbsolutePath().getParent().getParent();
        if (runDir == null || !Files.isRegularFile(runDir.resolve(RunRequestJson.FILE_NAME))) {
            return request;
        }
        RunRequest recorded;
        try {
            recorded = new RunRequestJson().read(runDir);
        } catch (IOException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--resume: cannot read the run's settings: " + e.getMessage());
        }
        if (recorded.fineTuning().isNone()) {
            return request.withFineTuning(FineTuning.NONE); // as the run did, whatever the design now saves
        }
        Design design = recorded.design().weights().map(w -> request.design().withWeights(w)).orElse(request.design());
        return request.initialisedFrom(design, recorded.initFrom()).withFineTuning(recorded.fineTuning());
    }

    private static int epochs(String option, int value) throws CliException {
        if (value < 1) {
            throw refused(option + " must be a whole number of epochs of 1 or more, not " + value);
        }
        return value;
    }

    private static CliException refused(String message) {
        return new CliException(ExitCodes.BAD_INPUT, message);
    }
}
