package dev.netwright.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netwright.interop.ModelImportException;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Position;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.kinds.InputKind;
import dev.netwright.runtime.layers.kinds.OutputKind;
import dev.netwright.runtime.layers.kinds.StandardKinds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keras layers onto Netwright's kinds: one node per layer, its id and name the Keras layer's name, wired as the model
 * is. Every layer without a kind, every layer not mapped yet and every Keras option Netwright cannot honour is
 * collected, and all of them are refused together in one message: nothing is half-imported.
 */
final class KerasLayerMapping {
    /** Keras classes that Netwright has a kind for but that this import does not map yet. */
    private static final Set<String> NOT_MAPPED_YET = Set.of("MultiHeadAttention");
    private final LayerCatalog catalog = StandardKinds.catalog();
    private final String source;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    /** Keras class of each node made from a Keras layer. */
    private final Map<String, String> kerasClasses = new LinkedHashMap<>();
    private final List<String> withoutKind = new ArrayList<>();
    private final List<String> notYet = new ArrayList<>();
    private final KerasOptionReader read = new KerasOptionReader();
    private final List<String> options = read.refused();
    /** Each mapped layer's output rank as Keras counts it, without the batch axis (an image is 3). */
    private final Map<String, Integer> ranks = new LinkedHashMap<>();
    private List<KerasLayer> layers = List.of();

    private KerasLayerMapping(String source) {
        this.source = source;
    }

    /** The mapped design and the Keras class each node came from. */
    record Mapped(Design design, Map<String, String> kerasClasses) {
    }

    /** Maps a model; {@code source} names the file in messages, {@code designName} names the design. */
    static Mapped map(KerasModelConfig model, String source, String designName) throws ModelImportException {
        return new KerasLayerMapping(source).run(model, designName);
    }

    private Mapped run(KerasModelConfig model, String designName) throws ModelImportException {
        if (model.outputs().size() != 1) {
            throw new ModelImportException(source + ": the model has " + model.outputs().size() + " outputs ("
                    + String.join(", ", model.outputs()) + "); Netwright trains models with one output.");
        }
        List<KerasLayer> layers = new ArrayList<>(model.layers());
        String output = KerasOutputMerge.mergeFinalActivation(layers, model.outputs().get(0));
        this.layers = layers;
        KerasLayer first = layers.get(0);
        if (!"InputLayer".equals(first.className()) && first.inbound().isEmpty()) {
            // a Sequential model without an InputLayer: its first layer (or the model) declares the input shape
            JsonNode shape = first.config().has("batch_input_shape") ? first.config().get("batch_input_shape")
                    : model.inputShape().orElse(null);
            if (shape == null) {
                throw new ModelImportException(source + ": the model declares no input shape (no InputLayer and no "
                        + "batch_input_shape); build the model on an input before saving it.");
            }
            String id = freshId(layers, "input");
            addInput(new KerasLayer(id, "InputLayer", first.config(), List.of()), shape);
            layers.set(0, new KerasLayer(first.name(), first.className(), first.config(), List.of(id)));
        }
        for (KerasLayer layer : layers) {
            mapLayer(layer, layer.name().equals(output));
            ranks.put(layer.name(), outputRank(layer));
        }
        List<String> problems = new ArrayList<>();
        if (!withoutKind.isEmpty()) {
            problems.add("Keras layers without a Netwright kind: " + String.join(", ", withoutKind));
        }
        if (!notYet.isEmpty()) {
            problems.add("Keras layers Netwright has a kind for but cannot import yet: " + String.join(", ", notYet));
        }
        if (!options.isEmpty()) {
            problems.add("Keras options Netwright cannot honour: " + String.join("; ", options));
        }
        if (!problems.isEmpty()) {
            throw new ModelImportException(source + ": " + String.join(". ", problems) + ". Nothing was imported.");
        }
        try {
            return new Mapped(Design.of(designName, "Imported from " + source, null, nodes, edges), kerasClasses);
        } catch (IllegalArgumentException e) {
            throw new ModelImportException(source + ": " + e.getMessage(), e);
        }
    }

    private void mapLayer(KerasLayer layer, boolean isOutput) {
        JsonNode c = layer.config();
        if (isOutput && !"Dense".equals(layer.className())) {
            options.add(layer.described() + " is the model's output: Netwright's Output is a Dense layer with "
                    + "softmax, sigmoid or linear activation");
        }
        switch (layer.className()) {
            case "InputLayer" -> addInput(layer, c.has("batch_shape") ? c.get("batch_shape") : c.get("batch_input_shape"));
            case "Dense" -> {
                if (isOutput) {
                    addOutput(layer);
                } else {
                    add(layer, "Dense", Map.of("units", c.path("units").asInt(), "activation", read.activation(layer),
                            "useBias", c.path("use_bias").asBoolean(true)));
                }
            }
            case "Conv2D" -> {
                read.channelsLast(layer);
                read.ones(layer, "dilation_rate");
                if (c.path("groups").asInt(1) != 1) {
                    options.add(layer.described() + " groups " + c.get("groups"));
                }
                convolution2d(layer, "Conv2D");
            }
            case "Conv2DTranspose" -> {
                read.channelsLast(layer);
                read.ones(layer, "dilation_rate");
                if (c.hasNonNull("output_padding")) {
                    options.add(layer.described() + " output_padding " + c.get("output_padding")
                            + " (Netwright's Conv2DTranspose has none)");
                }
                convolution2d(layer, "Conv2DTranspose");
            }
            case "UpSampling2D" -> {
                read.channelsLast(layer);
                String interpolation = c.path("interpolation").asText("nearest");
                if (!"nearest".equals(interpolation)) {
                    options.add(layer.described() + " interpolation '" + interpolation
                            + "' (Netwright's UpSampling2D repeats pixels, 'nearest')");
                }
                int[] size = read.pair(layer, "size");
                if (size[0] != size[1]) {
                    options.add(layer.described() + " size " + c.get("size") + " (Netwright enlarges both axes alike)");
                }
                add(layer, "UpSampling2D", Map.of("size", size[0]));
            }
            case "Reshape" -> addReshape(layer);
            case "MaxPooling2D", "AveragePooling2D" -> {
                read.channelsLast(layer);
                int pool = read.square(layer, "pool_size");
                int stride = c.path("strides").isNull() || !c.has("strides") ? pool : read.square(layer, "strides");
                add(layer, layer.className().startsWith("Max") ? "MaxPool2D" : "AvgPool2D",
                        Map.of("pool", pool, "stride", stride, "padding", read.padding(layer)));
            }
            case "GlobalAveragePooling2D", "GlobalMaxPooling2D", "GlobalAveragePooling1D", "GlobalMaxPooling1D" -> {
                read.channelsLast(layer);
                if (c.path("keepdims").asBoolean(false)) {
                    options.add(layer.described() + " keepdims true");
                }
                add(layer, "GlobalPooling", Map.of("mode", layer.className().contains("Max") ? "max" : "avg"));
            }
            case "Flatten" -> {
                read.channelsLast(layer);
                add(layer, "Flatten", Map.of());
            }
            case "Dropout" -> {
                double rate = c.path("rate").asDouble(0.5);
                if (rate > 0.95) {
                    options.add(layer.described() + " rate " + rate + " (Netwright drops at most 0.95)");
                }
                if (c.hasNonNull("noise_shape")) {
                    options.add(layer.described() + " noise_shape " + c.get("noise_shape"));
                }
                add(layer, "Dropout", Map.of("rate", rate));
            }
            case "Activation" -> add(layer, "Activation", Map.of("activation", read.activation(layer)));
            case "ReLU" -> {
                if (c.path("negative_slope").asDouble(0) != 0 || c.hasNonNull("max_value")
                        || c.path("threshold").asDouble(0) != 0) {
                    options.add(layer.described() + " with negative_slope, max_value or threshold");
                }
                add(layer, "Activation", Map.of("activation", "relu"));
            }
            case "Softmax" -> add(layer, "Activation", Map.of("activation", "softmax"));
            case "BatchNormalization" -> {
                read.lastAxis(layer, rankOfInput(layer));
                read.learnedScaleAndShift(layer, "BatchNorm");
                if (c.path("renorm").asBoolean(false) || c.hasNonNull("virtual_batch_size")) {
                    options.add(layer.described() + " renorm or virtual_batch_size (Netwright's BatchNorm has neither)");
                }
                add(layer, "BatchNorm", Map.of("momentum", c.path("momentum").asDouble(0.99),
                        "epsilon", c.path("epsilon").asDouble(1e-3)));
            }
            case "LayerNormalization" -> {
                read.lastAxis(layer, rankOfInput(layer));
                read.learnedScaleAndShift(layer, "LayerNorm");
                if (c.path("rms_scaling").asBoolean(false)) {
                    options.add(layer.described() + " rms_scaling true (Netwright's LayerNorm centres the features)");
                }
                add(layer, "LayerNorm", Map.of("epsilon", c.path("epsilon").asDouble(1e-3)));
            }
            case "LSTM", "GRU", "SimpleRNN" -> {
                KerasRecurrentOptions.refuseUnsupported(layer, options);
                add(layer, layer.className(), Map.of("units", c.path("units").asInt(), "activation", read.activation(layer),
                        "returnSequences", c.path("return_sequences").asBoolean(false), "bidirectional", false));
            }
            case "Embedding" -> {
                if (c.path("mask_zero").asBoolean(false)) {
                    options.add(layer.described() + " mask_zero true (Netwright does not mask padded steps)");
                }
                add(layer, "Embedding", Map.of("vocabulary", c.path("input_dim").asInt(), "dimensions",
                        c.path("output_dim").asInt()));
            }
            case "Conv1D" -> {
                read.channelsLast(layer);
                read.ones(layer, "dilation_rate");
                if (c.path("groups").asInt(1) != 1) {
                    options.add(layer.described() + " groups " + c.get("groups"));
                }
                add(layer, "Conv1D", Map.of("filters", c.path("filters").asInt(), "kernel", read.single(layer, "kernel_size"),
                        "stride", read.single(layer, "strides"), "padding", read.padding(layer), "activation", read.activation(layer),
                        "useBias", c.path("use_bias").asBoolean(true)));
            }
            case "MaxPooling1D", "AveragePooling1D" -> {
                read.channelsLast(layer);
                int pool = read.single(layer, "pool_size");
                int stride = c.path("strides").isNull() || !c.has("strides") ? pool : read.single(layer, "strides");
                add(layer, layer.className().startsWith("Max") ? "MaxPool1D" : "AvgPool1D",
                        Map.of("pool", pool, "stride", stride, "padding", read.padding(layer)));
            }
            case "Add" -> add(layer, "Add", Map.of());
            case "Concatenate" -> {
                if (c.path("axis").asInt(-1) != -1) {
                    options.add(layer.described() + " axis " + c.get("axis") + " (Netwright joins along the last axis, -1)");
                }
                add(layer, "Concat", Map.of());
            }
            default -> (NOT_MAPPED_YET.contains(layer.className()) ? notYet : withoutKind).add(layer.described());
        }
    }

    private void addInput(KerasLayer layer, JsonNode batchShape) {
        if (batchShape == null || !batchShape.isArray() || batchShape.size() < 2) {
            options.add(layer.described() + " has no input shape");
            return;
        }
        List<Integer> dims = new ArrayList<>();
        for (int i = 1; i < batchShape.size(); i++) {
            if (!batchShape.get(i).isInt()) {
                options.add(layer.described() + " input shape " + batchShape + " (Netwright needs every size but the batch's)");
                return;
            }
            dims.add(batchShape.get(i).asInt());
        }
        if (dims.size() == 1 && feedsEmbedding(layer)) {
            // Keras feeds an Embedding a row of token ids; Netwright's Embedding reads a sequence of one feature
            add(layer, InputKind.ID, Map.of("form", InputKind.SEQUENCE, "steps", dims.get(0), "features", 1));
            return;
        }
        Map<String, Object> params = switch (dims.size()) {
            case 1 -> Map.of("form", InputKind.VECTOR, "size", dims.get(0));
            case 2 -> Map.of("form", InputKind.SEQUENCE, "steps", dims.get(0), "features", dims.get(1));
            case 3 -> Map.of("form", InputKind.IMAGE, "height", dims.get(0), "width", dims.get(1), "channels", dims.get(2));
            default -> null;
        };
        if (params == null) {
            options.add(layer.described() + " input shape " + batchShape + " (Netwright reads vectors, sequences and images)");
            return;
        }
        add(layer, InputKind.ID, params);
    }

    /**
     * Keras reshapes in row-major order over its channels-last shapes, which is the order Netwright's Reshape reads and
     * writes (an image row by row with a pixel's channels together, a sequence step by step): the target maps as it is.
     */
    private void addReshape(KerasLayer layer) {
        JsonNode target = layer.config().path("target_shape");
        List<Integer> dims = new ArrayList<>();
        for (JsonNode d : target) {
            if (!d.isInt() || d.asInt() < 1) {
                options.add(layer.described() + " target_shape " + target + " (Netwright needs every size given, no -1)");
                return;
            }
            dims.add(d.asInt());
        }
        Map<String, Object> params = switch (dims.size()) {
            case 1 -> Map.of("form", InputKind.VECTOR, "size", dims.get(0));
            case 2 -> Map.of("form", InputKind.SEQUENCE, "steps", dims.get(0), "features", dims.get(1));
            case 3 -> Map.of("form", InputKind.IMAGE, "height", dims.get(0), "width", dims.get(1), "channels", dims.get(2));
            default -> null;
        };
        if (params == null) {
            options.add(layer.described() + " target_shape " + target + " (Netwright reshapes into vectors, sequences and "
                    + "images)");
            return;
        }
        add(layer, "Reshape", params);
    }

    /** Whether an Embedding reads this input; refused when other layers read the same token ids. */
    private boolean feedsEmbedding(KerasLayer input) {
        List<KerasLayer> readers = layers.stream().filter(l -> l.inbound().contains(input.name())).toList();
        boolean embedding = readers.stream().anyMatch(l -> "Embedding".equals(l.className()));
        if (embedding && !readers.stream().allMatch(l -> "Embedding".equals(l.className()))) {
            options.add(input.described() + " feeds an Embedding and other layers (Netwright reads token ids only "
                    + "into an Embedding)");
        }
        return embedding;
    }

    /** A layer's output rank as Keras counts it (without the batch axis), from its class and its input's rank. */
    private int outputRank(KerasLayer layer) {
        int in = rankOfInput(layer);
        return switch (layer.className()) {
            case "InputLayer" -> in == 0 ? inputRank(layer) : in;
            case "Conv2D", "Conv2DTranspose", "UpSampling2D", "MaxPooling2D", "AveragePooling2D" -> 3;
            case "Reshape" -> layer.config().path("target_shape").size();
            case "Conv1D", "MaxPooling1D", "AveragePooling1D", "Embedding" -> 2;
            case "LSTM", "GRU", "SimpleRNN" -> layer.config().path("return_sequences").asBoolean(false) ? 2 : 1;
            case "Flatten", "GlobalAveragePooling2D", "GlobalMaxPooling2D", "GlobalAveragePooling1D",
                 "GlobalMaxPooling1D" -> 1;
            default -> in;
        };
    }

    /** The rank of the layer's (first) input, 0 when not known. */
    private int rankOfInput(KerasLayer layer) {
        return layer.inbound().isEmpty() ? 0 : ranks.getOrDefault(layer.inbound().get(0), 0);
    }

    private static int inputRank(KerasLayer layer) {
        JsonNode c = layer.config();
        JsonNode shape = c.has("batch_shape") ? c.get("batch_shape") : c.get("batch_input_shape");
        return shape == null || !shape.isArray() ? 0 : shape.size() - 1;
    }

    private void addOutput(KerasLayer layer) {
        JsonNode c = layer.config();
        String loss = switch (KerasOptionReader.activationName(c)) {
            case "softmax" -> OutputKind.SOFTMAX;
            case "sigmoid" -> OutputKind.SIGMOID;
            case "linear" -> OutputKind.MSE;
            default -> null;
        };
        if (loss == null) {
            options.add(layer.described() + " activation '" + KerasOptionReader.activationName(c) + "' on the model's output (Netwright's "
                    + "Output is softmax, sigmoid or linear)");
        }
        if (!c.path("use_bias").asBoolean(true)) {
            options.add(layer.described() + " use_bias false on the model's output (Netwright's Output has a bias)");
        }
        add(layer, OutputKind.ID, Map.of("units", c.path("units").asInt(),
                "loss", loss == null ? OutputKind.SOFTMAX : loss));
    }

    /** A Conv2D or Conv2DTranspose: the settings both read the same way. */
    private void convolution2d(KerasLayer layer, String kindId) {
        JsonNode c = layer.config();
        int[] kernel = read.pair(layer, "kernel_size");
        int[] strides = read.pair(layer, "strides");
        add(layer, kindId, Map.of("filters", c.path("filters").asInt(), "kernelHeight", kernel[0],
                "kernelWidth", kernel[1], "strideHeight", strides[0], "strideWidth", strides[1],
                "padding", read.padding(layer), "activation", read.activation(layer),
                "useBias", c.path("use_bias").asBoolean(true)));
    }

    private void add(KerasLayer layer, String kindId, Map<String, Object> values) {
        LayerKind kind = catalog.require(kindId);
        Map<String, Object> params = new LinkedHashMap<>();
        for (ParamSpec spec : kind.params()) {
            params.put(spec.name(), values.getOrDefault(spec.name(), spec.defaultValue()));
        }
        nodes.add(new Node(layer.name(), kindId, layer.name(), params, new Position(0, 0)));
        kerasClasses.put(layer.name(), layer.className());
        for (String from : layer.inbound()) {
            edges.add(Edge.of(from, layer.name()));
        }
    }

    private static String freshId(List<KerasLayer> layers, String base) {
        Set<String> taken = new java.util.HashSet<>();
        layers.forEach(l -> taken.add(l.name()));
        String id = base;
        for (int i = 1; taken.contains(id); i++) {
            id = base + i;
        }
        return id;
    }
}
