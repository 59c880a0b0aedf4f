package dev.netwright.interop.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Set;

/**
 * A Keras model that ends in a linear Dense followed by {@code Activation('softmax')} (or {@code Softmax()}, or a
 * sigmoid or linear Activation) computes what Netwright's Output computes in one node: the two layers become the Dense
 * with that activation, so the Output keeps the Dense's name and weights.
 */
final class KerasOutputMerge {
    /** Activations Netwright's Output has. */
    private static final Set<String> OUTPUT_ACTIVATIONS = Set.of("softmax", "sigmoid", "linear");

    private KerasOutputMerge() {
    }

    /**
     * Merges the final activation layer into the Dense before it, in {@code layers}, when the model ends so; returns
     * the name of the model's output layer afterwards ({@code output} when nothing was merged).
     */
    static String mergeFinalActivation(List<KerasLayer> layers, String output) {
        KerasLayer last = find(layers, output);
        if (last == null || last.inbound().size() != 1) {
            return output;
        }
        String activation = switch (last.className()) {
            case "Activation" -> KerasOptionReader.activationName(last.config());
            case "Softmax" -> last.config().path("axis").asInt(-1) == -1 ? "softmax" : null;
            default -> null;
        };
        KerasLayer dense = find(layers, last.inbound().get(0));
        if (activation == null || dense != null && !dense.config().isObject() || !OUTPUT_ACTIVATIONS.contains(activation) || dense == null
                || !"Dense".equals(dense.className())
                || !"linear".equals(KerasOptionReader.activationName(dense.config()))
                || layers.stream().filter(l -> l.inbound().contains(dense.name())).count() != 1) {
            return output;
        }
        ObjectNode config = dense.config().deepCopy();
        config.put("activation", activation);
        layers.set(layers.indexOf(dense), new KerasLayer(dense.name(), dense.className(), config, dense.inbound()));
        layers.remove(last);
        return dense.name();
    }

    private static KerasLayer find(List<KerasLayer> layers, String name) {
        return layers.stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
    }
}
