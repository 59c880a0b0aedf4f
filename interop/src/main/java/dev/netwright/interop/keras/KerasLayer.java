package dev.netwright.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One layer of a Keras model configuration, Keras 2 or 3 alike: its name, its Keras class, its own configuration
 * and the names of the layers it reads from (in order).
 */
record KerasLayer(String name, String className, JsonNode config, List<String> inbound) {
    KerasLayer {
        inbound = List.copyOf(inbound);
    }

    /** "'conv2d' (Conv2D)", as messages name a layer. */
    String described() {
        return "'" + name + "' (" + className + ")";
    }
}
