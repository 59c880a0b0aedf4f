package dev.netwright.runtime.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.runtime.design.DesignFormatException;
import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.design.Quote;
import dev.netwright.runtime.design.TrainingPlan;

import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * The design file's {@code "training"} object: the training settings saved with a design ({@link TrainingPlan}).
 * Written whole, in a fixed order (the learning-rate schedule only when it is not constant and the augmentation only
 * when there is one, the fine-tuning settings only when they are not the defaults, so files from before them and files with none read and write the same); read strictly: every field present, none unknown, each value checked, and a
 * wrong one named ("training: 'epochs' must be a whole number from 1 to 10000, not 0").
 */
final class TrainingJson {
    private static final String AT = "training";
    private static final Set<String> FIELDS = Set.of("optimizer", "learningRate", "batchSize", "epochs", "l2",
            "dropoutOverride", "dropoutRate", "patience", "seed", "backend", "maxTrainExamples", "maxValidationExamples",
            LearningRateScheduleJson.FIELD, AugmentationJson.FIELD, FineTuningJson.FIELD,
            DistillationJson.FIELD);

    private TrainingJson() {
    }

    static void write(ObjectNode t, TrainingPlan plan) {
        t.put("optimizer", plan.optimizer().toLowerCase(Locale.ROOT));
        t.put("learningRate", plan.learningRate());
        t.put("batchSize", plan.batchSize());
        t.put("epochs", plan.epochs());
        t.put("l2", plan.l2());
        t.put("dropoutOverride", plan.dropoutOverride());
        t.put("dropoutRate", plan.dropoutRate());
        t.put("patience", plan.patience());
        t.put("seed", plan.seed());
        t.put("backend", plan.backend().toLowerCase(Locale.ROOT));
        t.put("maxTrainExamples", plan.maxTrainExamples());
        t.put("maxValidationExamples", plan.maxValidationExamples());
        if (!(plan.lrSchedule() instanceof LearningRateSchedule.Constant)) { // files without one stay as they were
            LearningRateScheduleJson.write(t.putObject(LearningRateScheduleJson.FIELD), plan.lrSchedule());
        }
        if (!plan.augmentation().isNone()) { // likewise: files without augmentation stay as they were
            AugmentationJson.write(t.putObject(AugmentationJson.FIELD), plan.augmentation());
        }
        FineTuningJson.writeIn(t, plan.fineTuning()); // likewise: only settings other than none
        DistillationJson.writeIn(t, plan.distillation()); // and only where the design distils
    }

    /** Reads the object; {@code source} names the file for messages. */
    static TrainingPlan read(JsonNode t, String source) throws DesignFormatException {
        if (!t.isObject()) {
            throw fail(source, "'training' must be an object, not " + Quote.json(t));
        }
        Iterator<String> names = t.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw fail(source, AT + ": unknown field " + Quote.text(name) + " (its fields: " + String.join(", ",
                        new java.util.TreeSet<>(FIELDS)) + ")");
            }
        }
        try {
            return new TrainingPlan(choice(t, "optimizer", source), number(t, "learningRate", source),
                    whole(t, "batchSize", source), whole(t, "epochs", source), number(t, "l2", source),
                    bool(t, "dropoutOverride", source), number(t, "dropoutRate", source), whole(t, "patience", source),
                    wholeLong(t, "seed", source), choice(t, "backend", source), whole(t, "maxTrainExamples", source),
                    whole(t, "maxValidationExamples", source),
                    t.hasNonNull(LearningRateScheduleJson.FIELD)
                            ? LearningRateScheduleJson.read(t.get(LearningRateScheduleJson.FIELD))
                            : LearningRateSchedule.constant(),
                    AugmentationJson.readIn(t), FineTuningJson.readIn(t),
                    DistillationJson.readIn(t));
        } catch (IllegalArgumentException e) {
            throw fail(source, AT + ": " + e.getMessage());
        }
    }

    /** A name out of a list, written in lower case ("adam", "auto"); which names are allowed is the plan's check. */
    private static String choice(JsonNode t, String field, String source) throws DesignFormatException {
        JsonNode value = required(t, field, source);
        if (!value.isTextual()) {
            throw fail(source, AT + ": '" + field + "' must be a string, not " + Quote.json(value));
        }
        return value.textValue().toUpperCase(Locale.ROOT);
    }

    private static double number(JsonNode t, String field, String source) throws DesignFormatException {
        JsonNode value = required(t, field, source);
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw fail(source, AT + ": '" + field + "' must be a number, not " + Quote.json(value));
        }
        return value.doubleValue();
    }

    private static int whole(JsonNode t, String field, String source) throws DesignFormatException {
        JsonNode value = required(t, field, source);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw fail(source, AT + ": '" + field + "' must be a whole number, not " + Quote.json(value));
        }
        return value.intValue();
    }

    private static long wholeLong(JsonNode t, String field, String source) throws DesignFormatException {
        JsonNode value = required(t, field, source);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw fail(source, AT + ": '" + field + "' must be a whole number, not " + Quote.json(value));
        }
        return value.longValue();
    }

    private static boolean bool(JsonNode t, String field, String source) throws DesignFormatException {
        JsonNode value = required(t, field, source);
        if (!value.isBoolean()) {
            throw fail(source, AT + ": '" + field + "' must be true or false, not " + Quote.json(value));
        }
        return value.booleanValue();
    }

    private static JsonNode required(JsonNode t, String field, String source) throws DesignFormatException {
        JsonNode value = t.get(field);
        if (value == null || value.isNull()) {
            throw fail(source, AT + ": missing field '" + field + "'");
        }
        return value;
    }

    private static DesignFormatException fail(String source, String message) {
        return new DesignFormatException(source + ": " + message);
    }
}
