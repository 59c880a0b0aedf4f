package dev.netwright.runtime.compile;

import org.nd4j.linalg.api.buffer.DataType;

import java.util.Objects;

/**
 * How a design is trained: optimizer, learning rate, regularisation, weight initialisation, gradient
 * clipping (0 = off), seed and numeric precision. Immutable; change one value with a {@code with…} method.
 */
public record TrainingSettings(Optimizer optimizer, double learningRate, double l1, double l2,
                               WeightInit weightInit, double gradientClipping, long seed, DataType dataType) {

    /** The optimizers offered. */
    public enum Optimizer {
        ADAM("Adam"), SGD("SGD"), NESTEROV("Nesterov momentum"), RMSPROP("RMSProp");

        private final String displayName;

        Optimizer(String displayName) {
            this.displayName = displayName;
        }

        /** The optimizer's name for messages. */
        public String displayName() {
            return displayName;
        }
    }

    /** Initial weight schemes offered. */
    public enum WeightInit { XAVIER, HE, LECUN }

    public TrainingSettings {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(weightInit, "weightInit");
        Objects.requireNonNull(dataType, "dataType");
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, not " + learningRate);
        }
        requireNonNegative("L1", l1);
        requireNonNegative("L2", l2);
        requireNonNegative("gradient clipping", gradientClipping);
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("precision must be FLOAT or DOUBLE, not " + dataType);
        }
    }

    /** Values the optimizer keeps per parameter (Adam's two moments; one for momentum or RMSProp's average). */
    public int optimizerStates() {
        return switch (optimizer) {
            case ADAM -> 2;
            case NESTEROV, RMSPROP -> 1;
            case SGD -> 0;
        };
    }

    /** Bytes per value in the chosen precision. */
    public int bytesPerValue() {
        return dataType == DataType.DOUBLE ? Double.BYTES : Float.BYTES;
    }

    private static void requireNonNegative(String what, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) { // NaN fails value >= 0
            throw new IllegalArgumentException(what + " must be a number of 0 or more, not " + value);
        }
    }

    public static TrainingSettings defaults() {
        return new TrainingSettings(Optimizer.ADAM, 1e-3, 0, 0, WeightInit.XAVIER, 0, 42, DataType.FLOAT);
    }

    public TrainingSettings withOptimizer(Optimizer value) {
        return new TrainingSettings(value, learningRate, l1, l2, weightInit, gradientClipping, seed, dataType);
    }

    public TrainingSettings withLearningRate(double value) {
        return new TrainingSettings(optimizer, value, l1, l2, weightInit, gradientClipping, seed, dataType);
    }

    public TrainingSettings withL1(double value) {
        return new TrainingSettings(optimizer, learningRate, value, l2, weightInit, gradientClipping, seed, dataType);
    }

    public TrainingSettings withL2(double value) {
        return new TrainingSettings(optimizer, learningRate, l1, value, weightInit, gradientClipping, seed, dataType);
    }

    public TrainingSettings withWeightInit(WeightInit value) {
        return new TrainingSettings(optimizer, learningRate, l1, l2, value, gradientClipping, seed, dataType);
    }

    public TrainingSettings withGradientClipping(double value) {
        return new TrainingSettings(optimizer, learningRate, l1, l2, weightInit, value, seed, dataType);
    }

    public TrainingSettings withSeed(long value) {
        return new TrainingSettings(optimizer, learningRate, l1, l2, weightInit, gradientClipping, value, dataType);
    }

    public TrainingSettings withDataType(DataType value) {
        return new TrainingSettings(optimizer, learningRate, l1, l2, weightInit, gradientClipping, seed, value);
    }
}
