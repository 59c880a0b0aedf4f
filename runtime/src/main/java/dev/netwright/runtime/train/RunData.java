package dev.netwright.runtime.train;

import dev.netwright.runtime.data.DataException;
import dev.netwright.runtime.data.DataSources;
import dev.netwright.runtime.data.ExampleIterator;
import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.layers.kinds.InputKind;
import org.nd4j.linalg.api.ndarray.INDArray;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.data.TrainValidation;

import java.util.stream.IntStream;

/** Loads a run's data the same way for training and for a later evaluation: source, limits, then normalisation. */
public final class RunData {
    private RunData() {
    }

    /**
     * A run's data as its worker read it: the same source, seed, split, example limits and normalisation. Reads files:
     * not for the FX thread.
     */
    public static TrainValidation load(RunRequest request, Shape input) throws RunFailure {
        try {
            return request.normalisation().apply(raw(request, input));
        } catch (DataException e) {
            throw new RunFailure("Cannot use the data: " + e.getMessage());
        }
    }

    /**
     * A run's data as its worker read it before normalisation: the same source, seed, split and example limits. With
     * {@code request.normalisation().fit(raw.train())} it prepares other inputs exactly as the run's data was.
     */
    public static TrainValidation raw(RunRequest request, Shape input) throws DataException {
        TrainValidation data = DataSources.open(request.data(), input, request.settings().seed(),
                request.validationFraction(), request.split());
        // the validation limit bounds the test part too: both are evaluation passes the user wants kept short
        return new TrainValidation(limit(data.train(), request.maxTrainExamples()),
                limit(data.validation(), request.maxValidationExamples()),
                data.test().map(test -> limit(test, request.maxValidationExamples())), data.description());
    }

    /**
     * The first {@code count} validation examples of a run as its network reads them: the same source, seed, split
     * and normalisation, in Deeplearning4j's layout. Reads files: not for the FX thread.
     */
    public static INDArray validationFeatures(RunRequest request, int count) throws DataException {
        Shape input = InputKind.shapeOf(request.design())
                .orElseThrow(() -> new IllegalArgumentException("The run's design has no Input layer"));
        TrainValidation data = request.normalisation().apply(DataSources.open(request.data(), input,
                request.settings().seed(), request.validationFraction(), request.split()));
        Examples some = limit(data.validation(), count);
        return new ExampleIterator(some, input, some.size(), false, 0).next().getFeatures();
    }

    /** The first {@code max} examples, or all when max is 0. */
    public static Examples limit(Examples examples, int max) {
        return max <= 0 || max >= examples.size() ? examples : examples.subset(IntStream.range(0, max).toArray());
    }
}
