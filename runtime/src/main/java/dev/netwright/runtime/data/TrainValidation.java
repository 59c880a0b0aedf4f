package dev.netwright.runtime.data;

import java.util.Objects;
import java.util.Optional;

/**
 * What a run trains on, validates on after each epoch, and, where the data has a test set of its own that was held
 * out ({@link DataSplit#HOLD_OUT_TEST}), is finally evaluated on; plus a one-line human description
 * (e.g. "Fashion-MNIST sample: 4,500 training, 500 validation images (…), 1,000 test images").
 */
public record TrainValidation(Examples train, Examples validation, Optional<Examples> test, String description) {
    public TrainValidation {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(description, "description");
    }

    /** Training and validation parts only. */
    public TrainValidation(Examples train, Examples validation, String description) {
        this(train, validation, Optional.empty(), description);
    }

    /** The examples a finished run is evaluated on: the test part where there is one, else the validation part. */
    public Examples finalEvaluation() {
        return test.orElse(validation);
    }

    /** "test" or "validation": which part {@link #finalEvaluation()} is, for what the user reads. */
    public String finalEvaluationName() {
        return test.isPresent() ? TEST : VALIDATION;
    }

    public static final String TEST = "test";
    public static final String VALIDATION = "validation";
}
