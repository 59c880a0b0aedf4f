package dev.netwright.runtime.train;

import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.layers.kinds.InputKind;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.file.Files;

/** Evaluates a finished run's saved model again on its validation data (what {@code netwright evaluate} shows). */
public final class RunEvaluation {
    private RunEvaluation() {
    }

    /** Evaluates the run's saved model and writes the result into the run folder ({@link RunFolder#EVALUATION}). */
    public static TrainingEvent.Evaluation evaluateAndSave(RunFolder folder) throws RunFailure {
        TrainingEvent.Evaluation evaluation = evaluate(folder);
        try {
            folder.saveEvaluation(evaluation);
        } catch (java.io.IOException e) {
            throw new RunFailure("Cannot write " + folder.evaluation() + ": " + e.getMessage());
        }
        return evaluation;
    }

    public static TrainingEvent.Evaluation evaluate(RunFolder folder) throws RunFailure {
        if (!Files.isDirectory(folder.dir())) {
            throw new RunFailure("No run folder at " + folder.dir() + (Files.exists(folder.dir())
                    ? " (it is a file; give the folder that holds run.json and model.zip)" : ""));
        }
        if (!Files.exists(folder.dir().resolve(RunRequestJson.FILE_NAME))) {
            throw new RunFailure("Not a run folder: " + folder.dir() + " has no " + RunRequestJson.FILE_NAME);
        }
        RunRequest request;
        try {
            request = new RunRequestJson().read(folder.dir());
        } catch (IOException e) {
            throw new RunFailure("Not a run folder, or its run.json is damaged: " + e.getMessage());
        }
        if (!Files.isRegularFile(folder.model())) {
            throw new RunFailure("The run in " + folder.dir() + " has no saved model (" + RunFolder.MODEL
                    + "); it may have failed before saving one.");
        }
        Shape input = InputKind.shapeOf(request.design())
                .orElseThrow(() -> new RunFailure("The run's design has no Input."));
        ComputationGraph graph; // before the data: a model that cannot be used is said at once
        try {
            graph = ModelZip.read(folder.model(), false);
        } catch (ModelFileException e) {
            throw new RunFailure("Cannot use the model: " + e.getMessage());
        }
        Examples validation = RunData.load(request, input).validation();
        return Evaluator.evaluate(graph, validation, input, request.batchSize()).toEvent(0, validation.classNames());
    }
}
