package dev.netwright.app.training;

import dev.netwright.app.evaluation.EvaluationModel;
import dev.netwright.app.evaluation.EvaluationSource;
import dev.netwright.charts.metrics.RunMetrics;
import dev.netwright.runtime.data.DataException;
import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

import static org.assertj.core.api.Assertions.assertThat;

/** Run ended → evaluate, with a fake evaluation source and a hand-run background; no toolkit, no child JVM. */
class RunFlowTest {
    @TempDir
    Path runs;

    private final Queue<Runnable> background = new ArrayDeque<>();
    private final EvaluationModel evaluation = new EvaluationModel();
    private final List<Path> evaluated = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private int evaluationsShown;
    private TrainingEvent.Evaluation savedModelEvaluation = evaluation(3);
    private IOException evaluationFails;
    private final Examples pictures = new Examples(new float[2], new int[] {0, 1}, 1, 1, 1, List.of("a", "b"));
    private final RunFlow flow = new RunFlow(evaluation, new EvaluationSource() {
        @Override
        public TrainingEvent.Evaluation evaluateSavedModel(Path runDir) throws IOException {
            evaluated.add(runDir);
            if (evaluationFails != null) {
                throw evaluationFails;
            }
            return savedModelEvaluation;
        }

        @Override
        public Examples validationSamples(RunRequest request) throws DataException {
            return pictures;
        }
    }, background::add, Runnable::run);
    private final RunRequest request = RunRequest.of(Design.empty("tiny"), "sample");

    RunFlowTest() {
        flow.setOnProblem(problems::add);
        flow.setOnEvaluationShown(() -> evaluationsShown++);
    }

    private static TrainingEvent.Evaluation evaluation(int epoch) {
        return new TrainingEvent.Evaluation(epoch, 0.5, List.of("a", "b"), new int[][] {{1, 1}, {1, 1}},
                new double[] {0.5, 0.5}, new double[] {0.5, 0.5}, new double[] {0.5, 0.5}, List.of());
    }

    private void runBackground() {
        for (Runnable task = background.poll(); task != null; task = background.poll()) {
            task.run();
        }
    }

    /** A run folder with a saved model (or not), and the run's end as the training model reports it. */
    private TrainingModel.FinishedRun ended(String name, boolean savedModel, TrainingEvent... events) throws IOException {
        Path dir = Files.createDirectories(runs.resolve(name));
        if (savedModel) {
            Files.writeString(dir.resolve(RunFolder.MODEL), "zip");
        }
        RunMetrics metrics = new RunMetrics();
        for (TrainingEvent event : events) {
            metrics.accept(event);
        }
        return new TrainingModel.FinishedRun(dir, request, events[events.length - 1], metrics);
    }

    @Test
    void aFinishedRunShowsTheWorkersEvaluationAndThenItsPictures() throws IOException {
        TrainingEvent.Evaluation result = evaluation(1);

        flow.runEnded(ended("run-1", true, result, new TrainingEvent.Finished(1, 10, "model.zip", "")), runs);

        assertThat(evaluation.evaluation()).isSameAs(result);
        assertThat(evaluationsShown).isEqualTo(1);
        assertThat(evaluation.samplesProperty().get()).as("read in the background").isNull();
        runBackground();
        assertThat(evaluation.samplesProperty().get()).isSameAs(pictures);
        assertThat(evaluated).as("no second evaluation").isEmpty();
        assertThat(flow.lastRunProperty().get().dir()).isEqualTo(runs.resolve("run-1"));
        assertThat(problems).isEmpty();
    }

    @Test
    void aStoppedRunsSavedModelIsEvaluatedInTheBackground() throws IOException {
        flow.runEnded(ended("run-1", true, new TrainingEvent.Stopped(1, 4, "model.zip")), runs);

        assertThat(evaluation.summaryProperty().get()).isEqualTo("Evaluating the stopped run's saved model…");
        assertThat(evaluated).isEmpty();
        runBackground();
        assertThat(evaluated).containsExactly(runs.resolve("run-1"));
        assertThat(evaluation.evaluation()).isSameAs(savedModelEvaluation);
        assertThat(evaluationsShown).isEqualTo(1);
        assertThat(evaluation.samplesProperty().get()).isSameAs(pictures);
    }

    @Test
    void aStoppedRunThatCannotBeEvaluatedSaysWhy() throws IOException {
        evaluationFails = new IOException("the evaluation failed: exit code 1");

        flow.runEnded(ended("run-1", true, new TrainingEvent.Stopped(1, 4, "model.zip")), runs);
        runBackground();

        assertThat(evaluation.summaryProperty().get()).isEqualTo("No evaluation of the stopped run: the evaluation failed: exit code 1");
        assertThat(evaluation.evaluation()).isNull();
        assertThat(evaluationsShown).isZero();
    }

    @Test
    void aStoppedRunWithoutASavedModelIsNotEvaluated() throws IOException {
        flow.runEnded(ended("run-1", false, new TrainingEvent.Stopped(1, 4, "model.zip")), runs);
        runBackground();

        assertThat(evaluated).isEmpty();
        assertThat(evaluation.summaryProperty().get()).isEqualTo("No evaluation yet.");
        assertThat(flow.lastRunProperty().get()).isNull();
    }

    @Test
    void aFailedRunGivesItsReasonAndNoEvaluation() throws IOException {
        flow.runEnded(ended("run-1", false, new TrainingEvent.Failed("The training process ended unexpectedly", 137,
                List.of())), runs);
        runBackground();

        assertThat(problems).containsExactly("The training process ended unexpectedly");
        assertThat(evaluated).isEmpty();
        assertThat(evaluationsShown).isZero();
    }

    @Test
    void theRunsAreListedAgainAfterARunAndTheNewestIsTheLastRunWhenThereWasNone() throws IOException {
        Path older = Files.createDirectories(runs.resolve("20260101-000000-000"));
        Files.writeString(older.resolve(RunFolder.EVENTS),
                TrainingEvents.toJsonLine(new TrainingEvent.Finished(1, 10, "model.zip", "")) + "\n");

        flow.refreshRuns(runs);
        assertThat(flow.runs()).as("read in the background").isEmpty();
        runBackground();

        assertThat(flow.runs()).extracting(RunRecord::dir).containsExactly(older);
        assertThat(flow.lastRunProperty().get().dir()).isEqualTo(older);
    }

    @Test
    void aListenerToTheRunsHearsEveryListingEvenAfterAGarbageCollection() throws IOException {
        List<Integer> listed = new ArrayList<>();
        flow.runs().addListener((javafx.collections.ListChangeListener<RunRecord>) change -> listed.add(flow.runs().size()));
        Path older = Files.createDirectories(runs.resolve("20260101-000000-000"));
        Files.writeString(older.resolve(RunFolder.EVENTS),
                TrainingEvents.toJsonLine(new TrainingEvent.Finished(1, 10, "model.zip", "")) + "\n");
        System.gc();

        flow.refreshRuns(runs);
        runBackground();

        assertThat(listed).containsExactly(1);
    }

    @Test
    void aRunWithASavedModelBecomesTheLastRunOverAnOlderOne() throws IOException {
        Path older = Files.createDirectories(runs.resolve("20260101-000000-000"));
        Files.writeString(older.resolve(RunFolder.EVENTS),
                TrainingEvents.toJsonLine(new TrainingEvent.Finished(1, 10, "model.zip", "")) + "\n");
        flow.refreshRuns(runs);
        runBackground();

        flow.runEnded(ended("20260102-000000-000", true, evaluation(1), new TrainingEvent.Finished(1, 10, "model.zip", "")), runs);
        runBackground();

        assertThat(flow.lastRunProperty().get().dir()).isEqualTo(runs.resolve("20260102-000000-000"));
    }
    private RunRecord listed(Path dir) {
        return flow.runs().stream().filter(r -> r.dir().equals(dir)).findFirst().orElseThrow();
    }

    /** Issue 15 defect 8: the runs list said 0.734 (epoch 1's validation) and the panel 0.747 "(epoch 0)". */
    @Test
    void aRunStoppedInEpochTwoHasTheSameAccuracyInTheRunsListAndThePanelAndSaysWhichModel() throws IOException {
        Path stopped = RunFixtures.stoppedInEpochTwo(runs, "20260101-000000-000");
        flow.refreshRuns(runs);
        runBackground();

        RunRecord run = listed(stopped);
        assertThat(run.result()).isEqualTo("acc 0.747, epoch 2, last model (stopped)");
        flow.showRun(run);
        assertThat(evaluation.summaryProperty().get())
                .isEqualTo("Validation accuracy 0.747 on 8 samples, 1 misclassified (epoch 2, last model)");
    }

    /** Issue 15 defect 4: a reopened design with finished runs said "No evaluation yet". */
    @Test
    void listingTheRunsOfADesignJustOpenedShowsTheNewestEvaluationWithoutBringingThePanelForward() throws IOException {
        Path older = RunFixtures.finished(runs, "20260101-000000-000", 0.625);
        RunFixtures.run(runs, "20260102-000000-000", RunFixtures.started(),
                new TrainingEvent.Failed("The training process ended unexpectedly", 137, List.of()));

        flow.refreshRuns(runs);
        runBackground();

        assertThat(evaluation.evaluation()).isEqualTo(listed(older).evaluation());
        assertThat(evaluation.summaryProperty().get()).startsWith("Validation accuracy 0.625 ");
        assertThat(evaluationsShown).as("the window stays where it is").isZero();
        runBackground();
        assertThat(evaluation.samplesProperty().get()).as("its pictures").isSameAs(pictures);
    }

    @Test
    void choosingARunShowsItsEvaluationAndListingTheRunsAgainKeepsIt() throws IOException {
        Path older = RunFixtures.finished(runs, "20260101-000000-000", 0.625);
        RunFixtures.finished(runs, "20260102-000000-000", 0.875);
        flow.refreshRuns(runs);
        runBackground();
        assertThat(evaluation.evaluation().accuracy()).as("the newest").isEqualTo(0.875);

        flow.showRun(listed(older));
        flow.refreshRuns(runs);
        runBackground();

        assertThat(evaluation.evaluation().accuracy()).isEqualTo(0.625);
        assertThat(evaluationsShown).isZero();
    }

    @Test
    void choosingARunWhoseEvaluationFileIsDamagedSaysSoAndNamesTheFile() throws IOException {
        Path finished = RunFixtures.finished(runs, "20260101-000000-000", 0.625);
        Files.writeString(finished.resolve(RunFolder.EVALUATION), "{\"type\":\"evaluation\",\"epo");
        flow.refreshRuns(runs);
        runBackground();

        flow.showRun(listed(finished));

        assertThat(evaluation.evaluation()).isNull();
        assertThat(evaluation.summaryProperty().get())
                .startsWith("Run 20260101-000000-000 has no evaluation: its file " + finished.resolve(RunFolder.EVALUATION)
                        + " is damaged (");
    }

    @Test
    void choosingARunStoppedBeforeAnyEpochEndedSaysWhyItHasNoEvaluation() throws IOException {
        Path stopped = RunFixtures.run(runs, "20260101-000000-000", RunFixtures.started(),
                new TrainingEvent.Iteration(1, 1, 0.7, 0.001, 100), new TrainingEvent.Stopped(1, 1, "model.zip"));
        flow.refreshRuns(runs);
        runBackground();
        assertThat(evaluation.summaryProperty().get()).as("nothing to show on opening").isEqualTo("No evaluation yet.");

        flow.showRun(listed(stopped));

        assertThat(evaluation.evaluation()).isNull();
        assertThat(evaluation.summaryProperty().get()).isEqualTo("Run 20260101-000000-000 has no evaluation: it was "
                + "stopped in epoch 1 before any epoch ended, and its saved model has not been evaluated.");
    }

    @Test
    void choosingAFailedRunGivesItsReason() throws IOException {
        Path failed = RunFixtures.run(runs, "20260101-000000-000", RunFixtures.started(),
                new TrainingEvent.Failed("The training process ended unexpectedly", 137, List.of()));
        flow.refreshRuns(runs);
        runBackground();

        flow.showRun(listed(failed));

        assertThat(evaluation.summaryProperty().get()).isEqualTo("Run 20260101-000000-000 has no evaluation: it failed "
                + "(The training process ended unexpectedly).");
    }
}
