package dev.netwright.app.evaluation;

import dev.netwright.runtime.data.DataException;
import dev.netwright.runtime.data.DataSources;
import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.data.TrainValidation;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.InputKind;
import dev.netwright.runtime.train.RunData;
import dev.netwright.runtime.train.RunRequest;

/**
 * The examples a run was finally evaluated on (its test part where it held one out, else its validation part), read
 * again the way the worker read them (same source, seed, split and limit), before normalisation, so that a
 * misclassified sample's index finds its picture. Reads files: call it off the FX thread.
 */
public final class EvaluatedSamples {
    private EvaluatedSamples() {
    }

    public static Examples load(RunRequest request) throws DataException {
        Shape input = InputKind.shapeOf(request.design())
                .orElseThrow(() -> new IllegalArgumentException("The design has no Input layer"));
        TrainValidation data = DataSources.open(request.data(), input, request.settings().seed(),
                request.validationFraction(), request.split());
        return RunData.limit(data.finalEvaluation(), request.maxValidationExamples());
    }
}
