package dev.netwright.runtime.weights;

/** Trained weights that do not fit a design's network: the message names each node and parameter at fault. */
public final class WeightsMismatchException extends Exception {
    public WeightsMismatchException(String message) {
        super(message);
    }
}
