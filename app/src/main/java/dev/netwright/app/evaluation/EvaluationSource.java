package dev.netwright.app.evaluation;

import dev.netwright.runtime.data.DataException;
import dev.netwright.runtime.data.Examples;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.TrainingEvent;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the window gets what the worker did not give it: an evaluation of a stopped run's saved model (a child JVM,
 * {@link EvaluationProcess}) and the validation pictures of a run ({@link EvaluatedSamples}). Both block: call them
 * off the UI thread. Tests give a fake.
 */
public interface EvaluationSource {
    TrainingEvent.Evaluation evaluateSavedModel(Path runDir) throws IOException, InterruptedException;

    Examples validationSamples(RunRequest request) throws DataException;

    /** The app's: a child JVM for the evaluation, the run's own data for the pictures. */
    static EvaluationSource childJvm() {
        return new EvaluationSource() {
            @Override
            public TrainingEvent.Evaluation evaluateSavedModel(Path runDir) throws IOException, InterruptedException {
                return EvaluationProcess.evaluate(runDir);
            }

            @Override
            public Examples validationSamples(RunRequest request) throws DataException {
                return EvaluatedSamples.load(request);
            }
        };
    }
}
