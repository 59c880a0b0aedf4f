package dev.netwright.runtime.train;

import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.DesignErrorsException;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.data.DataException;
import dev.netwright.runtime.data.DataSources;
import dev.netwright.runtime.data.DataSplit;
import dev.netwright.runtime.data.Normalisation;
import dev.netwright.runtime.data.TrainValidation;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.weights.DesignWeights;
import dev.netwright.runtime.weights.WeightsMismatchException;
import dev.netwright.runtime.layers.kinds.InputKind;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.file.Files;

/**
 * Evaluates a finished run's saved model again on the data its worker evaluated it on, the test part where the run
 * held one out, else the validation part (what {@code netwright evaluate} shows).
 */
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
        TrainValidation data = RunData.load(request, input);
        SavedModel saved = savedModel(folder);
        return Evaluator.evaluate(graph, data.finalEvaluation(), input, request.batchSize())
                .toEvent(saved.epoch(), saved.model(), data.train().classNames(), data.finalEvaluationName());
    }

    /**
     * A design with trained weights (an imported model) evaluated without training: compiled, its weights set, and
     * evaluated on the final-evaluation part of {@code dataRef} (its test set where it has one), normalised as a run
     * with {@code normalisation} would be. The result's epoch is 0 and its model {@link TrainingEvent.Evaluation#IMPORTED}.
     *
     * @param maxExamples at most that many examples are evaluated; 0 for all
     */
    public static TrainingEvent.Evaluation evaluateDesign(Design design, DesignWeights weights, String dataRef,
                                                          Normalisation normalisation, int maxExamples)
            throws RunFailure {
        Shape input = InputKind.shapeOf(design).orElseThrow(() -> new RunFailure("The design has no Input."));
        ComputationGraph graph;
        try {
            graph = new DesignCompiler().compile(design, TrainingSettings.defaults()).newNetwork();
        } catch (DesignErrorsException e) {
            throw new RunFailure(e.getMessage());
        }
        graph.init();
        try {
            weights.applyTo(graph, design);
        } catch (WeightsMismatchException e) {
            throw new RunFailure(e.getMessage());
        }
        TrainValidation data;
        try {
            data = normalisation.apply(DataSources.open(dataRef, input, TrainingSettings.defaults().seed(),
                    RunRequest.DEFAULT_VALIDATION_FRACTION, DataSplit.HOLD_OUT_TEST));
        } catch (DataException e) {
            throw new RunFailure("Cannot use the data: " + e.getMessage());
        }
        return Evaluator.evaluate(graph, RunData.limit(data.finalEvaluation(), maxExamples), input, 64)
                .toEvent(0, TrainingEvent.Evaluation.IMPORTED, data.train().classNames(), data.finalEvaluationName());
    }

    /** Which model a run saved: of which epoch, and whether the last one or the best one that early stopping kept. */
    public record SavedModel(int epoch, String model) {
    }

    /**
     * Which model {@code model.zip} holds, from the run's {@code events.jsonl}: the model the worker evaluated when it
     * finished (the last, or the best one that early stopping kept), or for a stopped run the last model, of the
     * epoch of the last minibatch trained. Lines that are not events (a log cut short) are skipped; epoch 0 when
     * the events say nothing or cannot be read (missing, or over {@link EventReader}'s bounds).
     */
    public static SavedModel savedModel(RunFolder folder) {
        SavedModel saved = new SavedModel(0, TrainingEvent.Evaluation.LAST);
        try (EventReader reader = EventReader.open(folder.events())) {
            for (EventReader.Line line = reader.next(); line != null; line = reader.next()) {
                TrainingEvent event;
                try {
                    event = line.event();
                } catch (EventReader.BadLine notAnEvent) {
                    continue;
                }
                if (event instanceof TrainingEvent.Iteration iteration) {
                    saved = new SavedModel(iteration.epoch(), TrainingEvent.Evaluation.LAST);
                } else if (event instanceof TrainingEvent.Evaluation evaluation) {
                    return new SavedModel(evaluation.epoch(),
                            evaluation.model() == null ? TrainingEvent.Evaluation.LAST : evaluation.model());
                } else if (event instanceof TrainingEvent.Finished finished) {
                    return new SavedModel(finished.epochs(), TrainingEvent.Evaluation.LAST);
                } else if (event instanceof TrainingEvent.Stopped stopped && saved.epoch() == 0) {
                    return new SavedModel(stopped.epoch(), TrainingEvent.Evaluation.LAST);
                }
            }
        } catch (IOException e) {
            return saved; // what was read before the file failed, or nothing: epoch 0
        }
        return saved;
    }
}
