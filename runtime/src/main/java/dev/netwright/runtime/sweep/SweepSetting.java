package dev.netwright.runtime.sweep;

import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.data.Normalisation;
import dev.netwright.runtime.design.Augmentation;
import dev.netwright.runtime.design.LearningRateSchedules;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.train.RunRequest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A training setting a sweep can vary: its name as {@code netwright train} spells the option (without the dashes),
 * the kind of value it takes, its allowed range, and how a value goes into a run's request.
 */
public enum SweepSetting {
    LR("lr", Kind.NUMBER, 1e-8, 10) {
        @Override
        RunRequest apply(RunRequest request, Object value) {
            return request.withSettings(request.settings().withLearningRate((Double) value));
        }
    },
    BATCH("batch", Kind.WHOLE, 1, TrainingPlan.MAX_BATCH_SIZE) {
        @Override
        RunRequest apply(RunRequest request, Object value) {
            return request.withBatchSize((Integer) value);
        }
    },
    EPOCHS("epochs", Kind.WHOLE, 1, TrainingPlan.MAX_EPOCHS) {
        @Override
        RunRequest apply(RunRequest request, Object value) {
            return request.withEpochs((Integer) value);
        }
    },
    OPTIMIZER("optimizer", Kind.CHOICE, 0, 0) {
        @Override
        RunRequest apply(RunRequest request, Object value) {
            return request.withSettings(request.settings().withOptimizer(TrainingSettings.Optimizer.valueOf((String) value)));
        }

        @Override
        List<String> choices() {
            return Arrays.stream(TrainingSettings.Optimizer.values()).map(Enum::name).toList();
        }
    },
    L2("l2", Kind.NUMBER, 0, 1) {
        @Override
        RunRequest apply(RunRequest request, Object value) {
            return request.withSettings(request.settings().withL2((Double) value));
        }
    },
    CLIP("clip", Kind.NUMBER, 0, 1e6) {
        @Override
        RunRequest apply(RunRequest request, Object value) {
            return request.withSettings(request.settings().withGradientClipping((Double) value));
        }
    },
    SEED("seed", Kind.WHOLE, 0, Integer.MAX_VALUE) {
        @Override
        RunRequest apply(RunRequest request, Object value) {
            return request.withSettings(request.settings().withSeed((Integer) value));
        }
    },
    PATIENCE("patience", Kind.WHOLE, 0, TrainingPlan.MAX_PATIENCE) {
        @Override
        RunRequest apply(RunRequest request, Object value) {
            return request.withEarlyStopping((Integer) value);
        }
    },
    NORMALISE("normalise", Kind.CHOICE, 0, 0) {
        @Override
        RunRequest apply(RunRequest request, Object value) {
            return new RunRequest(request.design(), request.data(), request.settings(), request.epochs(),
                    request.batchSize(), Normalisation.valueOf((String) value), request.validationFraction(),
                    request.earlyStoppingPatience(), request.backend(), request.maxTrainExamples(),
                    request.maxValidationExamples(), request.resumeFrom(), request.resumeLearningRate(),
                    request.engine(), request.lrSchedule(), request.augmentation(), request.split(), request.initFrom(),
                    request.fineTuning(), request.distillation());
        }

        @Override
        List<String> choices() {
            return Arrays.stream(Normalisation.values()).map(Enum::name).toList();
        }
    },
    LR_SCHEDULE("lr-schedule", Kind.TEXT, 0, 0) {
        @Override
        RunRequest apply(RunRequest request, Object value) {
            return request.withLrSchedule(LearningRateSchedules.parse((String) value));
        }
    },
    AUGMENT("augment", Kind.TEXT, 0, 0) {
        @Override
        RunRequest apply(RunRequest request, Object value) {
            return request.withAugmentation(Augmentation.parse((String) value));
        }
    };

    /** What values a setting takes. */
    public enum Kind { NUMBER, WHOLE, CHOICE, TEXT }

    private final String optionName;
    private final Kind kind;
    private final double min;
    private final double max;

    SweepSetting(String optionName, Kind kind, double min, double max) {
        this.optionName = optionName;
        this.kind = kind;
        this.min = min;
        this.max = max;
    }

    /** The name in {@code --param NAME=VALUES}: as {@code netwright train} spells the option, without the dashes. */
    public String optionName() {
        return optionName;
    }

    public Kind kind() {
        return kind;
    }

    /** The setting with this name ({@code learning-rate} is taken for {@code lr}), if there is one. */
    public static Optional<SweepSetting> named(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        if (wanted.equals("learning-rate") || wanted.equals("learningrate")) {
            return Optional.of(LR);
        }
        if (wanted.equals("batch-size") || wanted.equals("batchsize")) {
            return Optional.of(BATCH);
        }
        return Arrays.stream(values()).filter(s -> s.optionName.equals(wanted)).findFirst();
    }

    /** The names of all settings, for messages. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(SweepSetting::optionName).toList());
    }

    /** The value as this setting holds it (Double, Integer or String), or an exception that says what is wrong. */
    Object typed(String text) {
        String trimmed = text.trim();
        switch (kind) {
            case NUMBER -> {
                double value = SweepValues.number(trimmed, optionName);
                return inRange(value, trimmed);
            }
            case WHOLE -> {
                int value = SweepValues.whole(trimmed, optionName);
                inRange(value, trimmed);
                return value;
            }
            case CHOICE -> {
                String upper = trimmed.toUpperCase(Locale.ROOT).replace('-', '_');
                if (!choices().contains(upper)) {
                    throw new IllegalArgumentException(optionName + ": '" + trimmed + "' is not one of "
                            + String.join(", ", choices()));
                }
                return upper;
            }
            default -> {
                try {
                    if (this == LR_SCHEDULE) {
                        LearningRateSchedules.parse(trimmed);
                    } else {
                        Augmentation.parse(trimmed);
                    }
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(optionName + ": " + e.getMessage());
                }
                return trimmed;
            }
        }
    }

    /** A number drawn from a range, as this setting holds it (a whole number rounded). */
    Object fromNumber(double value) {
        return kind == Kind.WHOLE ? (Object) (int) Math.round(value) : (Object) value;
    }

    /** Whether a range {@code a..b} makes sense for this setting (numbers only). */
    boolean takesRanges() {
        return kind == Kind.NUMBER || kind == Kind.WHOLE;
    }

    private double inRange(double value, String shown) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(optionName + ": " + shown + " is outside the allowed range "
                    + SweepValues.plain(min) + "–" + SweepValues.plain(max));
        }
        return value;
    }

    List<String> choices() {
        return List.of();
    }

    abstract RunRequest apply(RunRequest request, Object value);
}
