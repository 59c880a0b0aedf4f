package dev.netwright.runtime.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.runtime.design.FineTuning;
import dev.netwright.runtime.design.Quote;

import java.util.Iterator;
import java.util.List;

/**
 * Fine-tuning settings as JSON, the {@code "fineTuning"} object of the design file's training settings and of
 * {@code run.json}: {@code {"pretrainedRateFactor": 0.1, "headFirstEpochs": 2, "unfreezeEvery": 0}}. Written only
 * for settings other than {@link FineTuning#NONE}, so that files from before them read and write the same. Read
 * strictly: every setting present, none other; a wrong one is an {@link IllegalArgumentException} that starts with
 * {@value #FIELD} and names the setting.
 */
public final class FineTuningJson {
    /** The field that holds the settings. */
    public static final String FIELD = "fineTuning";
    private static final List<String> SETTINGS = List.of("pretrainedRateFactor", "headFirstEpochs", "unfreezeEvery");

    private FineTuningJson() {
    }

    /** Writes the settings into {@code parent}'s {@value #FIELD}, unless they are {@link FineTuning#NONE}. */
    public static void writeIn(ObjectNode parent, FineTuning tuning) {
        if (tuning.isNone()) {
            return;
        }
        ObjectNode node = parent.putObject(FIELD);
        node.put("pretrainedRateFactor", tuning.pretrainedRateFactor());
        node.put("headFirstEpochs", tuning.headFirstEpochs());
        node.put("unfreezeEvery", tuning.unfreezeEvery());
    }

    /** The settings in {@code parent}'s {@value #FIELD}, or {@link FineTuning#NONE} where it has none. */
    public static FineTuning readIn(JsonNode parent) {
        return parent.hasNonNull(FIELD) ? read(parent.get(FIELD)) : FineTuning.NONE;
    }

    static FineTuning read(JsonNode node) {
        if (!node.isObject()) {
            throw fail("must be an object, not " + Quote.json(node));
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!SETTINGS.contains(name)) {
                throw fail("unknown field " + Quote.text(name) + " (its fields: " + String.join(", ", SETTINGS) + ")");
            }
        }
        JsonNode factor = required(node, "pretrainedRateFactor");
        if (!factor.isNumber()) {
            throw fail("'pretrainedRateFactor' must be a number, not " + Quote.json(factor));
        }
        try {
            return new FineTuning(factor.doubleValue(), whole(node, "headFirstEpochs"), whole(node, "unfreezeEvery"));
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(FIELD + ":") ? e : fail(e.getMessage());
        }
    }

    private static int whole(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw fail("'" + field + "' must be a whole number, not " + Quote.json(value));
        }
        return value.intValue();
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw fail("missing field '" + field + "'");
        }
        return value;
    }

    private static IllegalArgumentException fail(String message) {
        return new IllegalArgumentException(FIELD + ": " + message);
    }
}
