package dev.netwright.runtime.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.design.LearningRateSchedules;
import dev.netwright.runtime.design.Quote;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A learning-rate schedule as JSON, the {@code "lrSchedule"} object of the design file's training settings and of
 * {@code run.json}: {@code {"type": "step", "every": 2, "factor": 0.5}}. Read strictly: the type and every value of
 * that type present, none other; a wrong one is an {@link IllegalArgumentException} that starts with
 * {@value #FIELD} and names the value.
 */
public final class LearningRateScheduleJson {
    /** The field that holds the schedule; written only for a schedule other than constant. */
    public static final String FIELD = "lrSchedule";

    private LearningRateScheduleJson() {
    }

    /** Writes the type and the schedule's values, in order, whole ones as whole numbers. */
    public static void write(ObjectNode node, LearningRateSchedule schedule) {
        node.put("type", schedule.type());
        for (Map.Entry<String, Double> e : LearningRateSchedules.values(schedule).entrySet()) {
            if (LearningRateSchedules.isWhole(e.getKey())) {
                node.put(e.getKey(), e.getValue().intValue());
            } else {
                node.put(e.getKey(), e.getValue());
            }
        }
    }

    public static LearningRateSchedule read(JsonNode node) {
        if (!node.isObject()) {
            throw fail("must be an object, not " + Quote.json(node));
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            throw fail("'type' must be one of " + String.join(", ", LearningRateSchedule.TYPES)
                    + (type == null ? " and is missing" : ", not " + Quote.json(type)));
        }
        if (!LearningRateSchedule.TYPES.contains(type.textValue())) {
            throw fail("'type' must be one of " + String.join(", ", LearningRateSchedule.TYPES) + ", not "
                    + Quote.json(type));
        }
        List<String> fields = LearningRateSchedules.fields(type.textValue());
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("type") && !fields.contains(name)) {
                throw fail("unknown field " + Quote.text(name) + " for the " + type.textValue() + " schedule"
                        + (fields.isEmpty() ? "" : " (its fields: " + String.join(", ", fields) + ")"));
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (String field : fields) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw fail("missing field '" + field + "'");
            }
            boolean whole = LearningRateSchedules.isWhole(field);
            if (!value.isNumber() || whole && !(value.isIntegralNumber() && value.canConvertToInt())) {
                throw fail("'" + field + "' must be " + (whole ? "a whole number" : "a number") + ", not "
                        + Quote.json(value));
            }
            values.put(field, value.doubleValue());
        }
        try {
            return LearningRateSchedules.of(type.textValue(), values);
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
    }

    private static IllegalArgumentException fail(String message) {
        return new IllegalArgumentException(FIELD + ": " + message);
    }
}
