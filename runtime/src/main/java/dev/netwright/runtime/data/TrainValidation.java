package dev.netwright.runtime.data;

import java.util.Objects;

/**
 * What a run trains on and validates on, plus a one-line human description
 * (e.g. "Fashion-MNIST sample: 5,000 training, 1,000 validation images").
 */
public record TrainValidation(Examples train, Examples validation, String description) {
    public TrainValidation {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(description, "description");
    }
}
