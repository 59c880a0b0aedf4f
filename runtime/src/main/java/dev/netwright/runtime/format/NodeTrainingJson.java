package dev.netwright.runtime.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.runtime.design.DesignFormatException;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Quote;

/**
 * A node's training fields in the design file: {@code "trainable": false} and {@code "learnRateFactor"}, each
 * written only where it differs from the default (trainable, factor 1), so files without them read and write back
 * unchanged.
 */
final class NodeTrainingJson {
    static final String TRAINABLE = "trainable";
    static final String LEARN_RATE_FACTOR = "learnRateFactor";

    private NodeTrainingJson() {
    }

    static void write(ObjectNode json, Node node) {
        if (!node.trainable()) {
            json.put(TRAINABLE, false);
        }
        if (node.learnRateFactor() != Node.DEFAULT_LEARN_RATE_FACTOR) {
            json.put(LEARN_RATE_FACTOR, node.learnRateFactor());
        }
    }

    static boolean trainable(JsonNode json, String source, String at) throws DesignFormatException {
        JsonNode value = json.get(TRAINABLE);
        if (value == null) {
            return true;
        }
        if (!value.isBoolean()) {
            throw new DesignFormatException(source + ": " + at + ": '" + TRAINABLE + "' must be true or false, not "
                    + Quote.json(value));
        }
        return value.booleanValue();
    }

    static double learnRateFactor(JsonNode json, String source, String at) throws DesignFormatException {
        JsonNode value = json.get(LEARN_RATE_FACTOR);
        if (value == null) {
            return Node.DEFAULT_LEARN_RATE_FACTOR;
        }
        if (!value.isNumber() || !(value.doubleValue() > 0) || !Double.isFinite(value.doubleValue())) {
            throw new DesignFormatException(source + ": " + at + ": '" + LEARN_RATE_FACTOR
                    + "' must be a positive number, not " + Quote.json(value));
        }
        return value.doubleValue();
    }
}
