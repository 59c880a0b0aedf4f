package dev.netwright.app.window;

import dev.netwright.app.training.RunRecord;
import dev.netwright.designer.command.Edits;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.train.ModelFileException;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunWeights;
import dev.netwright.runtime.weights.DesignWeights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Runs panel's Continue from This Run (the open design takes the run's weights, one undoable step; the Doctor tab's
 * Resume from this run is the same step, then Train) and Use as Starting Point (the run's design opens as a new design with them). The run's model is read and its weights kept
 * (atomically, under the app's {@value #FOLDER} folder, named after the design and the run) in the background; the
 * design changes on the FX thread once they are on disk.
 */
final class RunWeightsActions {
    static final String FOLDER = "weights";
    private static final Logger LOG = LoggerFactory.getLogger(RunWeightsActions.class);

    private final MainWindow window;

    RunWeightsActions(MainWindow window) {
        this.window = window;
    }

    /** The open design starts from {@code run}'s weights when next trained (the nodes whose shapes still fit). */
    void continueFrom(Workspace workspace, RunRecord run) {
        useWeights(workspace, run, "Cannot continue from the run", false, () -> { }, () -> { });
    }

    /**
     * The Doctor tab's "Resume from this run with this change": Continue from This Run, then Train, so that the new run
     * starts from {@code run}'s weights with the design and settings as they now are (a node whose parameter shapes
     * the change altered starts from random weights). A design that already uses those weights just trains. Where it
     * cannot (the run's model cannot be read, or Train refuses to start), the Doctor tab says no more that it is
     * resuming: the error says why.
     */
    void resumeFrom(Workspace workspace, RunRecord run) {
        useWeights(workspace, run, "Cannot resume from the run", true, () -> {
            if (!workspace.trainFrom(run.dir())) {
                workspace.resumeFailed(); // Train refused (the panel says why): the tab no longer says it is resuming
            }
        }, workspace::resumeFailed);
    }

    /** {@code failed} runs on the FX thread, before the error is shown, where the design does not take the weights. */
    private void useWeights(Workspace workspace, RunRecord run, String title, boolean alreadyUsedIsFine, Runnable then,
                            Runnable failed) {
        if (workspace.document().isLocked()) {
            failed.run();
            window.dialogs().showError(title, workspace.document().lockReason());
            return;
        }
        read(run, kept -> {
            String file = kept.file().toString();
            boolean uses = workspace.document().execute(Edits.useWeights(file, "run " + run.name()))
                    || alreadyUsedIsFine && !workspace.document().isLocked()
                    && workspace.document().design().weights().filter(file::equals).isPresent();
            if (uses) {
                then.run();
            } else {
                failed.run();
                window.dialogs().showError(title, workspace.document().isLocked()
                        ? workspace.document().lockReason() : "The design already uses the weights of " + run.name() + ".");
            }
        }, failed);
    }

    /** The run's own design opens as a new, unsaved design with the run's weights (asking first about unsaved changes). */
    void startFrom(RunRecord run) {
        read(run, kept -> window.openImported(kept.design().withName(kept.design().name() + " from " + run.name())
                .withWeights(kept.file().toString()), "start from the run"), () -> { });
    }

    /** Reads {@code run}'s weights and keeps them, then {@code then}; or {@code failed}, then the error, on the FX thread. */
    private void read(RunRecord run, java.util.function.Consumer<Kept> then, Runnable failed) {
        AppContext context = window.context();
        Path folder = context.home().root().resolve(FOLDER);
        context.background().execute(() -> {
            try {
                RunWeights weights = RunWeights.read(run.dir());
                Files.createDirectories(folder);
                Path file = folder.resolve(RunFolder.slug(weights.design().name(), "design") + "-" + run.name()
                        + DesignWeights.SUFFIX).toAbsolutePath();
                weights.weights().write(file);
                Kept kept = new Kept(weights.design(), file);
                context.onFxThread().accept(() -> then.accept(kept));
            } catch (IOException | ModelFileException e) {
                context.onFxThread().accept(() -> {
                    failed.run();
                    window.dialogs().showError("Cannot use the run's weights",
                            "Cannot read the weights of " + run.name() + ": " + e.getMessage());
                });
            } catch (RuntimeException e) {
                LOG.error("reading the weights of {} failed", run.dir(), e);
                context.onFxThread().accept(() -> {
                    failed.run();
                    window.dialogs().showError("Cannot use the run's weights", "Netwright failed reading the model of "
                            + run.name() + " (" + e.getClass().getSimpleName() + "); the log has the details.");
                });
            }
        });
    }

    /** The run's design and where its weights were kept. */
    private record Kept(Design design, Path file) {
    }
}
