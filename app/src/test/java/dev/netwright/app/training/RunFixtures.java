package dev.netwright.app.training;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Run folders on disk as a worker leaves them (events.jsonl, model.zip, evaluation.json), written without training. */
public final class RunFixtures {
    private RunFixtures() {
    }

    /** A two-class evaluation: 4 "a" (3 right), 4 "b" (all right); {@code accuracy} as given. */
    public static TrainingEvent.Evaluation evaluation(int epoch, double accuracy, String model) {
        return new TrainingEvent.Evaluation(epoch, accuracy, List.of("a", "b"), new int[][] {{3, 1}, {0, 4}},
                new double[] {1, 0.8}, new double[] {0.75, 1}, new double[] {0.86, 0.89},
                List.of(new TrainingEvent.Misclassified(1, 0, 1, 0.6)),
                List.of(new TrainingEvent.Misclassified(0, 0, 0, 0.9), new TrainingEvent.Misclassified(2, 0, 0, 0.7),
                        new TrainingEvent.Misclassified(3, 0, 0, 0.8), new TrainingEvent.Misclassified(4, 1, 1, 0.9),
                        new TrainingEvent.Misclassified(5, 1, 1, 0.9), new TrainingEvent.Misclassified(6, 1, 1, 0.9),
                        new TrainingEvent.Misclassified(7, 1, 1, 0.9)),
                model);
    }

    /** Writes {@code runs/name}: run.json (an empty design), these events in events.jsonl and a model.zip placeholder. */
    public static Path run(Path runs, String name, TrainingEvent... events) throws IOException {
        Path dir = Files.createDirectories(runs.resolve(name));
        StringBuilder lines = new StringBuilder();
        for (TrainingEvent event : events) {
            lines.append(TrainingEvents.toJsonLine(event)).append('\n');
        }
        new RunRequestJson().write(RunRequest.of(Design.empty("tiny"), "sample"), dir);
        Files.writeString(dir.resolve(RunFolder.EVENTS), lines);
        Files.writeString(dir.resolve(RunFolder.MODEL), "zip");
        return dir;
    }

    /** Writes a run folder's evaluation.json, as the worker or {@code netwright evaluate --save} does. */
    public static void evaluationFile(Path dir, TrainingEvent.Evaluation evaluation) throws IOException {
        Files.writeString(dir.resolve(RunFolder.EVALUATION), TrainingEvents.toJsonLine(evaluation));
    }

    /** A finished one-epoch run whose worker evaluated it (the evaluation in events.jsonl and evaluation.json). */
    public static Path finished(Path runs, String name, double accuracy) throws IOException {
        TrainingEvent.Evaluation evaluation = evaluation(1, accuracy, TrainingEvent.Evaluation.LAST);
        Path dir = run(runs, name, started(), new TrainingEvent.Iteration(1, 1, 0.7, 0.001, 100),
                new TrainingEvent.EpochEnd(1, 1, 0.7, accuracy, 0.6, accuracy, 1), evaluation,
                new TrainingEvent.Finished(1, 1, "model.zip", "completed 1 epoch"));
        evaluationFile(dir, evaluation);
        return dir;
    }

    /**
     * Issue 15 defect 8's run: epoch 1 ended with validation accuracy 0.734, the run was stopped in epoch 2, and its
     * saved model (the last one) was evaluated afterwards at 0.747.
     */
    public static Path stoppedInEpochTwo(Path runs, String name) throws IOException {
        Path dir = run(runs, name, started(), new TrainingEvent.Iteration(1, 1, 0.7, 0.001, 100),
                new TrainingEvent.EpochEnd(1, 1, 0.7, 0.74, 0.65, 0.734, 1),
                new TrainingEvent.Iteration(2, 2, 0.6, 0.001, 100), new TrainingEvent.Stopped(2, 2, "model.zip"));
        evaluationFile(dir, evaluation(2, 0.747, TrainingEvent.Evaluation.LAST));
        return dir;
    }

    public static TrainingEvent.RunStarted started() {
        return new TrainingEvent.RunStarted("CPU", "cpu", 100, 8, 8, 1, 5, 8, "sample");
    }
}
