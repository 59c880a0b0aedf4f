package dev.netwright.runtime.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.runtime.design.Augmentation;
import dev.netwright.runtime.design.Quote;

import java.util.Iterator;

/**
 * An image augmentation as JSON, the {@code "augmentation"} object of the design file's training settings and of
 * {@code run.json}: {@code {"shift": 2, "flip": true, "rotate": 10, "crop": 4, "erase": 0.25}}. Written only for an
 * augmentation other than none, so that files from before it read and write the same. Read strictly: every setting
 * present, none other; a wrong one is an {@link IllegalArgumentException} that starts with {@value #FIELD} and names
 * the setting.
 */
public final class AugmentationJson {
    /** The field that holds the augmentation. */
    public static final String FIELD = "augmentation";

    private AugmentationJson() {
    }

    public static void write(ObjectNode node, Augmentation augmentation) {
        node.put("shift", augmentation.shift());
        node.put("flip", augmentation.flip());
        node.put("rotate", augmentation.rotate());
        node.put("crop", augmentation.crop());
        node.put("erase", augmentation.erase());
    }

    /** The augmentation in {@code parent}'s {@value #FIELD}, or {@link Augmentation#NONE} where it has none. */
    public static Augmentation readIn(JsonNode parent) {
        return parent.hasNonNull(FIELD) ? read(parent.get(FIELD)) : Augmentation.NONE;
    }

    public static Augmentation read(JsonNode node) {
        if (!node.isObject()) {
            throw fail("must be an object, not " + Quote.json(node));
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!Augmentation.SETTINGS.contains(name)) {
                throw fail("unknown field " + Quote.text(name) + " (its fields: "
                        + String.join(", ", Augmentation.SETTINGS) + ")");
            }
        }
        JsonNode flip = required(node, "flip");
        if (!flip.isBoolean()) {
            throw fail("'flip' must be true or false, not " + Quote.json(flip));
        }
        try {
            return new Augmentation(whole(node, "shift"), flip.booleanValue(), number(node, "rotate"),
                    whole(node, "crop"), number(node, "erase"));
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

    private static double number(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw fail("'" + field + "' must be a number, not " + Quote.json(value));
        }
        return value.doubleValue();
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
