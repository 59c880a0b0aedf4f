package dev.netwright.runtime.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netwright.runtime.design.Quote;

import java.util.Iterator;
import java.util.List;

/**
 * A small settings object read strictly (the training settings' {@code augmentation} and {@code fineTuning}): an
 * object with exactly the given fields, each of the right type; a wrong one is an {@link IllegalArgumentException}
 * whose message starts with the object's field name and names the setting.
 */
final class StrictObject {
    private final String field;
    private final JsonNode node;

    /** Checks that {@code node}, the value of {@code field}, is an object with no fields but {@code settings}. */
    StrictObject(String field, JsonNode node, List<String> settings) {
        this.field = field;
        this.node = node;
        if (!node.isObject()) {
            throw fail("must be an object, not " + Quote.json(node));
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!settings.contains(name)) {
                throw fail("unknown field " + Quote.text(name) + " (its fields: " + String.join(", ", settings) + ")");
            }
        }
    }

    int whole(String name) {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw fail("'" + name + "' must be a whole number, not " + Quote.json(value));
        }
        return value.intValue();
    }

    double number(String name) {
        JsonNode value = required(name);
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw fail("'" + name + "' must be a number, not " + Quote.json(value));
        }
        return value.doubleValue();
    }

    boolean flag(String name) {
        JsonNode value = required(name);
        if (!value.isBoolean()) {
            throw fail("'" + name + "' must be true or false, not " + Quote.json(value));
        }
        return value.booleanValue();
    }

    /** A value's own refusal (a constructor's check) as this object's: prefixed with its field unless it is already. */
    IllegalArgumentException refused(IllegalArgumentException e) {
        return e.getMessage().startsWith(field + ":") ? e : fail(e.getMessage());
    }

    private JsonNode required(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw fail("missing field '" + name + "'");
        }
        return value;
    }

    private IllegalArgumentException fail(String message) {
        return new IllegalArgumentException(field + ": " + message);
    }
}
