package dev.netwright.runtime.explain;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One explanation method, called the same way for every method (as Captum's {@code attribute}): an input, the class
 * to explain and a baseline, giving an attribution shaped like the input. Long methods report progress and stop when
 * their thread is interrupted (a {@link java.util.concurrent.CancellationException}).
 */
public interface Explainer {

    /** The method's name as the command line and the window show it. */
    String name();

    /**
     * Explains the model's probability of {@code target} at {@code input} [1, …]; {@code baseline} [1, …] is the input
     * that stands for "nothing" (removed pixels and segments take its values).
     */
    Attribution explain(ClassifierModel model, INDArray input, int target, INDArray baseline, Progress progress)
            throws ExplainException;

    /** Where a long explanation has got to. */
    @FunctionalInterface
    interface Progress {
        Progress NONE = (done, total) -> { };

        void report(int done, int total);
    }

    /** Stops with a CancellationException when the thread was interrupted (the user cancelled). */
    static void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw new java.util.concurrent.CancellationException("explanation cancelled");
        }
    }
}
