package dev.netwright.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the options of a Keras layer's configuration that Netwright's kinds share (activation, data format, padding,
 * window sizes, the normalised axis) and collects a line for each value Netwright cannot honour.
 */
final class KerasOptionReader {
    /** Keras activations Netwright computes the same way, by Netwright's name. */
    private static final Map<String, String> ACTIVATIONS = Map.of("relu", "relu", "tanh", "tanh", "sigmoid", "sigmoid",
            "linear", "identity", "elu", "elu", "swish", "swish", "silu", "swish", "softmax", "softmax");

    private final List<String> refused = new ArrayList<>();

    /** The options refused so far, one line each ("'conv' (Conv2D) dilation_rate [2,2]"); callers add their own. */
    List<String> refused() {
        return refused;
    }

    String activation(KerasLayer layer) {
        String name = activationName(layer.config());
        String ours = ACTIVATIONS.get(name);
        if (ours == null) {
            refused.add(layer.described() + " activation '" + name + "'");
            return "identity";
        }
        return ours;
    }

    /** Keras writes a built-in activation as its name; Keras 3 may wrap it in a serialised object. */
    static String activationName(JsonNode config) {
        return activationName(config, "activation", "linear");
    }

    /** The activation named in {@code field}, or {@code absent} when the field is missing. */
    static String activationName(JsonNode config, String field, String absent) {
        JsonNode a = config.path(field);
        if (a.isMissingNode() || a.isNull()) {
            return absent;
        }
        if (a.isObject()) {
            a = a.path("config").isTextual() ? a.get("config") : a.path("config").path("name");
        }
        return a.asText(absent);
    }

    void channelsLast(KerasLayer layer) {
        String format = layer.config().path("data_format").asText("channels_last");
        if (!"channels_last".equals(format) && !"null".equals(format)) {
            refused.add(layer.described() + " data_format " + format + " (Netwright imports channels_last models)");
        }
    }

    String padding(KerasLayer layer) {
        String padding = layer.config().path("padding").asText("valid");
        if (!"valid".equals(padding) && !"same".equals(padding)) {
            refused.add(layer.described() + " padding " + padding);
            return "valid";
        }
        return padding;
    }

    void ones(KerasLayer layer, String field) {
        JsonNode value = layer.config().get(field);
        if (value == null || value.isNull()) {
            return;
        }
        for (JsonNode v : value.isArray() ? value : List.of(value)) {
            if (v.asInt() != 1) {
                refused.add(layer.described() + " " + field + " " + value);
                return;
            }
        }
    }

    /** A Keras size given as one number or as (height, width). */
    int[] pair(KerasLayer layer, String field) {
        JsonNode value = layer.config().path(field);
        if (value.isInt()) {
            return new int[]{value.asInt(), value.asInt()};
        }
        if (value.isArray() && value.size() == 2) {
            return new int[]{value.get(0).asInt(), value.get(1).asInt()};
        }
        refused.add(layer.described() + " " + field + " " + value);
        return new int[]{1, 1};
    }

    /** A Keras 1-D size given as one number or as (length,). */
    int single(KerasLayer layer, String field) {
        JsonNode value = layer.config().path(field);
        JsonNode only = value.isArray() && value.size() == 1 ? value.get(0) : value;
        if (!only.isInt()) {
            refused.add(layer.described() + " " + field + " " + value);
            return 1;
        }
        return only.asInt();
    }

    int square(KerasLayer layer, String field) {
        int[] p = pair(layer, field);
        if (p[0] != p[1]) {
            refused.add(layer.described() + " " + field + " (" + p[0] + ", " + p[1] + ") (Netwright pools square windows)");
        }
        return p[0];
    }

    /** A normalisation over the last axis only: Keras's -1, or the last axis's number (batch = 0). */
    void lastAxis(KerasLayer layer, int last) {
        JsonNode axis = layer.config().path("axis");
        JsonNode only = axis.isArray() && axis.size() == 1 ? axis.get(0) : axis;
        boolean ok = axis.isMissingNode() || only.isInt() && (only.asInt() == -1 || last > 0 && only.asInt() == last);
        if (!ok) {
            refused.add(layer.described() + " axis " + axis + " (Netwright normalises the last axis, the channels "
                    + "or features)");
        }
    }

    /** Netwright's BatchNorm and LayerNorm always learn a scale (gamma) and a shift (beta). */
    void learnedScaleAndShift(KerasLayer layer, String kind) {
        for (String field : List.of("center", "scale")) {
            if (!layer.config().path(field).asBoolean(true)) {
                refused.add(layer.described() + " " + field + " false (Netwright's " + kind
                        + " learns a scale and a shift)");
            }
        }
    }
}
