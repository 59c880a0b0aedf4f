package dev.netwright.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netwright.interop.ModelImportException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Keras model configuration (the {@code model_config} of a Keras 2 file, its architecture-only JSON, or the
 * {@code config.json} of a Keras 3 file) as layers with their inputs: a Sequential model becomes a chain, a functional
 * one keeps its wiring. {@code inputShape} is the Sequential model's input shape when no InputLayer declares it.
 */
record KerasModelConfig(String name, List<KerasLayer> layers, List<String> outputs, Optional<JsonNode> inputShape) {

    /** Parses the configuration; what is not a Keras model is refused with a message for {@code source}. */
    static KerasModelConfig parse(JsonNode root, String source) throws ModelImportException {
        if (root == null || !root.isObject() || !root.hasNonNull("class_name")) {
            throw new ModelImportException(source + " holds no Keras model configuration (no 'class_name' at its top)");
        }
        String className = root.get("class_name").asText();
        JsonNode config = root.get("config");
        return switch (className) {
            case "Sequential" -> sequential(config, source);
            case "Model", "Functional" -> functional(config, source);
            default -> throw new ModelImportException(source + ": the model is a '" + className
                    + "'; Netwright imports Keras Sequential and functional models.");
        };
    }

    private static KerasModelConfig sequential(JsonNode config, String source) throws ModelImportException {
        // Keras 2.0/2.1 wrote a Sequential model's layers as the config itself; later versions under "layers"
        JsonNode layersNode = config != null && config.isArray() ? config : config == null ? null : config.get("layers");
        if (layersNode == null || !layersNode.isArray() || layersNode.isEmpty()) {
            throw new ModelImportException(source + ": the Sequential model has no layers");
        }
        List<KerasLayer> layers = new ArrayList<>();
        String previous = null;
        for (JsonNode layer : layersNode) {
            String name = layerName(layer, source);
            layers.add(new KerasLayer(name, layer.path("class_name").asText(), layer.path("config"),
                    previous == null ? List.of() : List.of(previous)));
            previous = name;
        }
        JsonNode buildShape = config.isObject() ? config.get("build_input_shape") : null;
        String modelName = config.isObject() ? config.path("name").asText("") : "";
        return new KerasModelConfig(modelName, layers, List.of(previous),
                Optional.ofNullable(buildShape != null && buildShape.isArray() ? buildShape : null));
    }

    private static KerasModelConfig functional(JsonNode config, String source) throws ModelImportException {
        JsonNode layersNode = config == null ? null : config.get("layers");
        if (layersNode == null || !layersNode.isArray() || layersNode.isEmpty()) {
            throw new ModelImportException(source + ": the functional model has no layers");
        }
        List<KerasLayer> layers = new ArrayList<>();
        for (JsonNode layer : layersNode) {
            String name = layerName(layer, source);
            JsonNode nodes = layer.path("inbound_nodes");
            if (nodes.size() > 1) {
                throw new ModelImportException(source + ": layer '" + name + "' is called " + nodes.size()
                        + " times (a shared layer); Netwright gives each layer one place in the network.");
            }
            List<String> inbound = new ArrayList<>();
            if (nodes.size() == 1) {
                collectHistory(nodes.get(0), inbound);
            }
            layers.add(new KerasLayer(name, layer.path("class_name").asText(), layer.path("config"), inbound));
        }
        List<String> outputs = new ArrayList<>();
        JsonNode out = config.path("output_layers");
        if (out.isArray() && !out.isEmpty() && out.get(0).isTextual()) {
            outputs.add(out.get(0).asText()); // Keras 3 writes a single output unnested: ["dense", 0, 0]
        } else {
            for (JsonNode o : out) {
                outputs.add(o.path(0).asText());
            }
        }
        return new KerasModelConfig(config.path("name").asText(""), layers, outputs, Optional.empty());
    }

    /**
     * The names of the layers an inbound node reads: Keras 2 writes {@code [["name", 0, 0, {}], ...]}, Keras 3
     * {@code {"args": [tensor or [tensors]], "kwargs": {}}} with each tensor's {@code keras_history: ["name", 0, 0]}.
     */
    private static void collectHistory(JsonNode node, List<String> names) {
        if (node.isObject()) {
            JsonNode history = node.path("config").path("keras_history");
            if ("__keras_tensor__".equals(node.path("class_name").asText()) && history.isArray()) {
                names.add(history.path(0).asText());
                return;
            }
            if (node.has("args")) {
                collectHistory(node.get("args"), names);
            }
            return;
        }
        if (node.isArray()) {
            if (!node.isEmpty() && node.get(0).isTextual() && node.size() >= 3 && node.get(1).isNumber()) {
                names.add(node.get(0).asText()); // Keras 2: ["name", node index, tensor index, {kwargs}]
                return;
            }
            for (JsonNode item : node) {
                collectHistory(item, names);
            }
        }
    }

    private static String layerName(JsonNode layer, String source) throws ModelImportException {
        String name = layer.hasNonNull("name") ? layer.get("name").asText() : layer.path("config").path("name").asText("");
        if (name.isBlank()) {
            throw new ModelImportException(source + ": a " + layer.path("class_name").asText("layer") + " has no name");
        }
        return name;
    }
}
