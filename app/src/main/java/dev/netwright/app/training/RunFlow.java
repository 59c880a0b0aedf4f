package dev.netwright.app.training;

import dev.netwright.app.evaluation.EvaluationModel;
import dev.netwright.app.evaluation.EvaluationSource;
import dev.netwright.runtime.data.DataException;
import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingEvent;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What follows a run's end: a failure's reason for the panel, the run as the last one with a saved model, its
 * evaluation (the worker's, or for a stopped run one made from its saved model, in the background) with its
 * validation pictures, and the design's runs listed again. Reading runs and evaluating happen on the injected
 * executor, and their results come back through the injected hop. For the UI thread.
 */
public final class RunFlow {
    private static final Logger LOG = LoggerFactory.getLogger(RunFlow.class);

    private final EvaluationModel evaluation;
    private final EvaluationSource evaluations;
    private final Executor background;
    private final Consumer<Runnable> onUiThread;
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    /** One view for every caller: the view listens to its list only weakly, so a view made per call may be collected. */
    private final ObservableList<RunRecord> runsView = FXCollections.unmodifiableObservableList(runs);
    private final ReadOnlyObjectWrapper<RunRecord> lastRun = new ReadOnlyObjectWrapper<>(this, "lastRun");
    private Consumer<String> onProblem = problem -> { };
    private Runnable onEvaluationShown = () -> { };
    /** Whether the panel shows what a run's end or the user chose, which listing the runs again keeps. */
    private boolean shownOnPurpose;

    public RunFlow(EvaluationModel evaluation, EvaluationSource evaluations, Executor background,
                   Consumer<Runnable> onUiThread) {
        this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
        this.evaluations = Objects.requireNonNull(evaluations, "evaluations");
        this.background = Objects.requireNonNull(background, "background");
        this.onUiThread = Objects.requireNonNull(onUiThread, "onUiThread");
    }

    /** The design's runs, newest first, as last read. */
    public ObservableList<RunRecord> runs() {
        return runsView;
    }

    /** The most recent run with a saved model (for Export trained model); null when there is none. */
    public ReadOnlyObjectProperty<RunRecord> lastRunProperty() {
        return lastRun.getReadOnlyProperty();
    }

    /** Gets why a run failed, to show beside the Train button. */
    public void setOnProblem(Consumer<String> listener) {
        onProblem = Objects.requireNonNull(listener);
    }

    /** Called when an evaluation is shown (the window brings its panel forward). */
    public void setOnEvaluationShown(Runnable listener) {
        onEvaluationShown = Objects.requireNonNull(listener);
    }

    /** A run is over: see the class comment. {@code runsDir} is where the design's runs are listed from. */
    public void runEnded(TrainingModel.FinishedRun run, Path runsDir) {
        if (run.end() instanceof TrainingEvent.Failed failed) {
            onProblem.accept(failed.reason());
        }
        TrainingEvent.Evaluation result = run.metrics().evaluation();
        if (run.runDir() != null && Files.exists(new RunFolder(run.runDir()).model())) {
            lastRun.set(new RunRecord(run.runDir(), run.request(), run.metrics()));
        }
        RunRecord last = lastRun.get();
        if (result != null) {
            showEvaluation(result, run.request(), true);
        } else if (run.end() instanceof TrainingEvent.Stopped && last != null && last.dir().equals(run.runDir())) {
            // The worker saves a stopped run's model without evaluating it (Stop stays quick): evaluate it now.
            evaluateStopped(run.runDir(), run.request(), runsDir);
        }
        refreshRuns(runsDir);
    }

    /**
     * Reads the design's earlier runs in the background and lists them; the newest is the last run if none was.
     * While the panel has shown nothing (a design just opened), it shows the newest run's evaluation that there is.
     */
    public void refreshRuns(Path runsDir) {
        background.execute(() -> {
            List<RunRecord> read = RunList.list(runsDir);
            onUiThread.accept(() -> {
                runs.setAll(read);
                if (lastRun.get() == null && !read.isEmpty()) {
                    lastRun.set(read.get(0));
                }
                if (!shownOnPurpose) {
                    read.stream().filter(r -> r.evaluation() != null).findFirst()
                            .ifPresent(r -> showEvaluation(r.evaluation(), r.request(), false));
                }
            });
        });
    }

    /** Shows the evaluation of a run chosen in the runs list, or why it has none. */
    public void showRun(RunRecord run) {
        shownOnPurpose = true;
        if (run.evaluation() != null) {
            showEvaluation(run.evaluation(), run.request(), false);
        } else {
            evaluation.showNone(run.noEvaluation());
        }
    }

    private void evaluateStopped(Path runDir, RunRequest request, Path runsDir) {
        shownOnPurpose = true;
        evaluation.showPending("Evaluating the stopped run's saved model\u2026");
        background.execute(() -> {
            try {
                TrainingEvent.Evaluation result = evaluations.evaluateSavedModel(runDir);
                onUiThread.accept(() -> {
                    showEvaluation(result, request, true);
                    refreshRuns(runsDir); // its row now gives the accuracy of the model evaluated
                });
            } catch (IOException e) {
                onUiThread.accept(() -> evaluation.showPending("No evaluation of the stopped run: " + e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Shows an evaluation and loads the validation pictures for its gallery in the background; {@code bringForward}
     * when a run has just ended (not for a run chosen in the list or one shown on opening).
     */
    private void showEvaluation(TrainingEvent.Evaluation result, RunRequest request, boolean bringForward) {
        if (bringForward) {
            shownOnPurpose = true;
        }
        evaluation.show(result);
        if (bringForward) {
            onEvaluationShown.run();
        }
        if (request == null) {
            return;
        }
        background.execute(() -> {
            try {
                Examples validation = evaluations.validationSamples(request);
                onUiThread.accept(() -> evaluation.showSamples(result, validation));
            } catch (DataException | RuntimeException e) {
                LOG.info("cannot show the validation pictures: {}", e.getMessage());
            }
        });
    }
}
