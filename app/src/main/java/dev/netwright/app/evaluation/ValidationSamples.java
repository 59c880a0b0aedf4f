package dev.netwright.app.evaluation;

import dev.netwright.runtime.data.DataException;
import dev.netwright.runtime.data.DataSources;
import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.kinds.InputKind;
import dev.netwright.runtime.train.RunRequest;

import java.util.stream.IntStream;

/**
 * The validation examples a run was evaluated on, read again the way the worker read them (same source,
 * seed, split and limit), before normalisation, so that a misclassified sample's index finds its picture.
 * Reads files: call it off the FX thread.
 */
public final class ValidationSamples {
    private ValidationSamples() {
    }

    public static Examples load(RunRequest request) throws DataException {
        Node input = request.design().nodes().stream().filter(n -> n.kind().equals(InputKind.ID)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The design has no Input layer"));
        Examples validation = DataSources.open(request.data(), InputKind.shapeOf(input), request.settings().seed(),
                request.validationFraction()).validation();
        int max = request.maxValidationExamples();
        return max <= 0 || max >= validation.size() ? validation
                : validation.subset(IntStream.range(0, max).toArray());
    }
}
