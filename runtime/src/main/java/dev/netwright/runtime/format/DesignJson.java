package dev.netwright.runtime.format;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.DesignFormatException;
import dev.netwright.runtime.design.DataRef;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Flow;
import dev.netwright.runtime.design.Position;
import dev.netwright.runtime.design.AtomicFiles;
import dev.netwright.runtime.design.Quote;
import dev.netwright.runtime.design.WellFormedText;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.check.WiringRules;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The design file format ({@value #FORMAT_VERSION}): versioned JSON, read strictly (an unknown kind,
 * parameter, port, field or a newer version is an error naming the node and the field; nothing is
 * dropped silently) and written in one canonical form, so a read-write round trip is byte-identical.
 */
public final class DesignJson {
    public static final int FORMAT_VERSION = 1;
    /** The largest design file read: a design of 5,000 layers is about 2 MB. */
    public static final long MAX_FILE_BYTES = 32L * 1024 * 1024;

    private static final Set<String> TOP_FIELDS = Set.of("formatVersion", "name", "description", "data", "flow", "training",
            "weights", "nodes", "edges");
    private static final Set<String> NODE_FIELDS = Set.of("id", "kind", "name", "x", "y", "params",
            NodeTrainingJson.TRAINABLE, NodeTrainingJson.LEARN_RATE_FACTOR);
    private static final Set<String> EDGE_FIELDS = Set.of("from", "fromPort", "to", "toPort");
    private static final Set<String> DATA_FIELDS = Set.of("source");

    private final LayerCatalog catalog;
    private final WiringRules wiring;
    private final ObjectMapper mapper = JsonMapper.builder().build();
    private final JsonSyntax syntax = new JsonSyntax();
    private final DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    public DesignJson(LayerCatalog catalog) {
        this.catalog = catalog;
        this.wiring = new WiringRules(catalog);
    }

    public DesignJson() {
        this(StandardKinds.catalog());
    }

    // ---------------------------------------------------------------- writing

    public String write(Design design) {
        ObjectNode root = mapper.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        // Free text gets U+FFFD for an unpaired surrogate, which UTF-8 cannot hold (ids cannot have one, see Node).
        root.put("name", wellFormed(design.name()));
        root.put("description", wellFormed(design.description()));
        design.data().ifPresent(d -> root.putObject("data").put("source", wellFormed(d.source())));
        if (design.flow() != Flow.RIGHT) {
            root.put("flow", design.flow().name().toLowerCase(Locale.ROOT)); // left to right, the default, is not written
        }
        design.training().ifPresent(t -> TrainingJson.write(root.putObject("training"), t)); // absent: none saved, not written
        design.weights().ifPresent(w -> root.put("weights", wellFormed(w))); // absent: no trained weights, not written
        ArrayNode nodes = root.putArray("nodes");
        for (Node node : design.nodes()) {
            ObjectNode n = nodes.addObject();
            n.put("id", node.id());
            n.put("kind", wellFormed(node.kind()));
            n.put("name", wellFormed(node.name()));
            n.put("x", node.position().x());
            n.put("y", node.position().y());
            NodeTrainingJson.write(n, node); // only where they differ from the defaults: older files stay byte-identical
            ObjectNode params = n.putObject("params");
            node.params().forEach((k, v) -> putValue(params, k, v));
        }
        ArrayNode edges = root.putArray("edges");
        for (Edge edge : design.edges()) {
            edges.addObject().put("from", wellFormed(edge.from())).put("fromPort", wellFormed(edge.fromPort()))
                    .put("to", wellFormed(edge.to())).put("toPort", wellFormed(edge.toPort()));
        }
        try {
            return mapper.writer(printer).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putValue(ObjectNode params, String key, Object value) {
        if (value instanceof Integer i) {
            params.put(key, i);
        } else if (value instanceof Double d) {
            params.put(key, d);
        } else if (value instanceof Boolean b) {
            params.put(key, b);
        } else {
            params.put(key, wellFormed(String.valueOf(value)));
        }
    }

    private static String wellFormed(String text) {
        return WellFormedText.repaired(text);
    }

    /**
     * Saves atomically: the old file stays whole until the new one is complete (see {@link AtomicFiles}: through a
     * link, keeping permissions, and a {@link ReadOnlyFileException} for a read-only file or folder).
     */
    public void write(Design design, Path file) throws IOException {
        AtomicFiles.write(file, write(relativeWeights(design, file)).getBytes(StandardCharsets.UTF_8));
    }

    /** A weights file beside the design file is named by its file name alone, so the two can move together. */
    private static Design relativeWeights(Design design, Path file) {
        if (design.weights().isEmpty()) {
            return design;
        }
        Path weights;
        try {
            weights = Path.of(design.weights().get());
        } catch (java.nio.file.InvalidPathException e) {
            return design; // written as it is; reading it back names the problem
        }
        Path folder = file.toAbsolutePath().normalize().getParent();
        if (weights.isAbsolute() && folder != null && folder.equals(weights.normalize().getParent())) {
            return design.withWeights(weights.getFileName().toString());
        }
        return design;
    }

    /** A relative weights reference read from a file, resolved against that file's folder. */
    private static Design absoluteWeights(Design design, Path file) {
        if (design.weights().isEmpty() || Path.of(design.weights().get()).isAbsolute()) {
            return design;
        }
        Path folder = file.toAbsolutePath().normalize().getParent();
        return design.withWeights(folder.resolve(design.weights().get()).normalize().toString());
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a design file. What is not a regular file (a folder, a pipe, a device) or is larger than
     * {@link #MAX_FILE_BYTES} is refused before anything is read.
     */
    public Design read(Path file) throws IOException, DesignFormatException {
        Design design = read(readText(file), file.toString());
        try {
            return absoluteWeights(design, file);
        } catch (java.nio.file.InvalidPathException e) {
            throw new DesignFormatException(file + ": 'weights' does not name a file (" + e.getMessage() + ")");
        }
    }

    /** The text of a design file, after the same checks as {@link #read(Path)}; read it with {@link #read(String, String)}. */
    public String readText(Path file) throws IOException, DesignFormatException {
        return DesignFileText.read(file);
    }

    /**
     * Refuses, without opening it, a path that is missing, not a regular file or too large to be a design: the
     * same refusal {@link #read(Path)} gives, for callers that tell "cannot be read" from "not a valid design".
     */
    public static void checkFile(Path file) throws IOException, DesignFormatException {
        DesignFileText.check(file);
    }

    /** Reads a design; {@code source} names where the text came from, for messages. */
    public Design read(String json, String source) throws DesignFormatException {
        JsonNode root = syntax.parse(json, source);
        if (root == null || !root.isObject()) {
            throw new DesignFormatException(source + ": a design file must hold a JSON object");
        }
        Optional<String> other = OtherFormats.ofJson(root);
        if (other.isPresent()) {
            throw OtherFormats.refusal(source, other.get());
        }
        return new Reader(source).design((ObjectNode) root);
    }

    /** Reading state: where we are, for messages that point at the field. */
    private final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        Design design(ObjectNode root) throws DesignFormatException {
            onlyKnownFields(root, TOP_FIELDS, "the top level");
            JsonNode version = required(root, "formatVersion", "the top level");
            if (!version.isInt()) {
                throw fail("formatVersion must be a whole number, not " + Quote.json(version));
            }
            int v = version.intValue();
            if (v > FORMAT_VERSION) {
                throw fail("this design was saved by a newer Netwright (format version " + v
                        + "); this version reads format " + FORMAT_VERSION + " and older. Update Netwright to open it.");
            }
            if (v < 1) {
                throw fail("formatVersion " + v + " is not a Netwright format version");
            }
            String name = optionalText(root, "name", "the top level", "Untitled");
            String description = optionalText(root, "description", "the top level", "");
            DataRef data = null;
            if (root.has("data")) {
                JsonNode d = root.get("data");
                if (!d.isObject()) {
                    throw fail("'data' must be an object");
                }
                onlyKnownFields(d, DATA_FIELDS, "data");
                data = new DataRef(WellFormedText.repaired(text(required(d, "source", "data"), "source", "data")));
            }
            List<Node> nodes = nodes(array(root, "nodes", true));
            Map<String, Node> byId = new LinkedHashMap<>();
            for (Node node : nodes) {
                byId.put(node.id(), node);
            }
            List<Edge> edges = edges(array(root, "edges", false), byId);
            Design design = Design.of(name, description, data, nodes, edges).withFlow(flow(root));
            if (root.has("weights")) {
                // optional (a design with trained weights): files without it read as before, with format version 1
                design = design.withWeights(text(root.get("weights"), "weights", "the top level"));
            }
            return root.has("training") ? design.withTraining(TrainingJson.read(root.get("training"), source)) : design;
        }


        private List<Node> nodes(ArrayNode array) throws DesignFormatException {
            List<Node> nodes = new ArrayList<>();
            Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < array.size(); i++) {
                JsonNode n = array.get(i);
                String at = "nodes[" + i + "]";
                if (!n.isObject()) {
                    throw fail(at + " must be an object");
                }
                String id = text(required(n, "id", at), "id", at);
                int unpaired = WellFormedText.firstUnpaired(id);
                if (unpaired >= 0) {
                    throw fail(at + ": 'id' is not well-formed text: " + WellFormedText.problem(unpaired));
                }
                at = at + " (id " + Quote.text(id) + ")";
                if (!seen.add(id)) {
                    throw fail(at + ": another node already has the id " + Quote.text(id));
                }
                onlyKnownFields(n, NODE_FIELDS, at);
                String kindId = text(required(n, "kind", at), "kind", at);
                LayerKind kind = catalog.find(kindId).orElse(null);
                if (kind == null) {
                    throw fail(at + ": unknown layer kind " + Quote.text(kindId) + " (known kinds: " + catalog.knownIds() + ")");
                }
                String name = optionalText(n, "name", at, kind.displayName());
                Position position = new Position(number(n, "x", at), number(n, "y", at));
                Map<String, Object> params = params(n.get("params"), kind, at);
                nodes.add(new Node(id, kindId, name, params, position, NodeTrainingJson.trainable(n, source, at),
                        NodeTrainingJson.learnRateFactor(n, source, at)));
            }
            return nodes;
        }

        private Map<String, Object> params(JsonNode json, LayerKind kind, String at) throws DesignFormatException {
            Map<String, Object> values = new LinkedHashMap<>();
            if (json != null && !json.isObject()) {
                throw fail(at + ": 'params' must be an object");
            }
            if (json != null) {
                Iterator<String> names = json.fieldNames();
                while (names.hasNext()) {
                    String name = names.next();
                    if (kind.findParam(name).isEmpty()) {
                        throw fail(at + ": " + kind.id() + " has no parameter " + Quote.text(name) + " (its parameters: "
                                + String.join(", ", kind.params().stream().map(ParamSpec::name).toList()) + ")");
                    }
                }
            }
            for (ParamSpec spec : kind.params()) {
                JsonNode value = json == null ? null : json.get(spec.name());
                values.put(spec.name(), value == null ? spec.defaultValue() : paramValue(spec, value, at));
            }
            return values;
        }

        private Object paramValue(ParamSpec spec, JsonNode value, String at) throws DesignFormatException {
            String problem = at + ": parameter '" + spec.name() + "' must be " + spec.type().inWords() + ", not " + Quote.json(value);
            switch (spec.type()) {
                case INT -> {
                    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                        throw fail(problem);
                    }
                    return value.intValue();
                }
                case DOUBLE -> {
                    if (!value.isNumber()) {
                        throw fail(problem);
                    }
                    return finite(value, at + ": parameter '" + spec.name() + "'");
                }
                case BOOLEAN -> {
                    if (!value.isBoolean()) {
                        throw fail(problem);
                    }
                    return value.booleanValue();
                }
                default -> {
                    if (!value.isTextual()) {
                        throw fail(problem);
                    }
                    return WellFormedText.repaired(value.textValue());
                }
            }
        }

        private List<Edge> edges(ArrayNode array, Map<String, Node> nodes) throws DesignFormatException {
            List<Edge> edges = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                JsonNode e = array.get(i);
                String at = "edges[" + i + "]";
                if (!e.isObject()) {
                    throw fail(at + " must be an object");
                }
                onlyKnownFields(e, EDGE_FIELDS, at);
                String from = text(required(e, "from", at), "from", at);
                String to = text(required(e, "to", at), "to", at);
                String fromPort = optionalText(e, "fromPort", at, Edge.OUT);
                String toPort = optionalText(e, "toPort", at, Edge.IN);
                Node fromNode = nodes.get(from);
                Node toNode = nodes.get(to);
                if (fromNode == null) {
                    throw fail(at + ": 'from' names node " + Quote.text(from) + ", which does not exist");
                }
                if (toNode == null) {
                    throw fail(at + ": 'to' names node " + Quote.text(to) + ", which does not exist");
                }
                LayerKind fromKind = catalog.require(fromNode.kind());
                LayerKind toKind = catalog.require(toNode.kind());
                if (!wiring.hasOutputPort(fromKind, fromPort)) {
                    throw fail(at + ": node " + Quote.text(from) + " (" + fromKind.id() + ") has no output port " + Quote.text(fromPort));
                }
                if (wiring.inputPort(toKind, toPort).isEmpty()) {
                    throw fail(at + ": node " + Quote.text(to) + " (" + toKind.id() + ") has no input port " + Quote.text(toPort)
                            + (wiring.takesInputs(toKind) ? "" : "; it takes no inputs"));
                }
                Edge edge = new Edge(from, fromPort, to, toPort);
                if (edges.contains(edge)) {
                    throw fail(at + ": the wire " + Quote.text(edge.toString()) + " appears twice");
                }
                edges.add(edge);
            }
            return edges;
        }

        // ------------------------------------------------------------ field helpers

        private void onlyKnownFields(JsonNode object, Set<String> known, String at) throws DesignFormatException {
            Iterator<String> names = object.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!known.contains(name)) {
                    throw fail(at + ": unknown field " + Quote.text(name));
                }
            }
        }

        private JsonNode required(JsonNode object, String field, String at) throws DesignFormatException {
            JsonNode value = object.get(field);
            if (value == null || value.isNull()) {
                throw fail(at + ": missing field '" + field + "'");
            }
            return value;
        }

        private String text(JsonNode value, String field, String at) throws DesignFormatException {
            if (!value.isTextual() || value.textValue().isBlank()) {
                throw fail(at + ": '" + field + "' must be a non-empty string, not " + Quote.json(value));
            }
            return value.textValue();
        }

        /** The drawing's direction: "right" (the default, also when absent) or "down". */
        private Flow flow(JsonNode root) throws DesignFormatException {
            String text = optionalText(root, "flow", "the top level", "right");
            return switch (text) {
                case "right" -> Flow.RIGHT;
                case "down" -> Flow.DOWN;
                default -> throw fail("'flow' must be \"right\" or \"down\", not " + Quote.json(root.get("flow")));
            };
        }

        private String optionalText(JsonNode object, String field, String at, String fallback) throws DesignFormatException {
            JsonNode value = object.get(field);
            if (value == null) {
                return fallback;
            }
            if (!value.isTextual()) {
                throw fail(at + ": '" + field + "' must be a string, not " + Quote.json(value));
            }
            return WellFormedText.repaired(value.textValue()); // free text: names, a description, ports
        }

        private double number(JsonNode object, String field, String at) throws DesignFormatException {
            JsonNode value = object.get(field);
            if (value == null) {
                return 0;
            }
            if (!value.isNumber()) {
                throw fail(at + ": '" + field + "' must be a number, not " + Quote.json(value));
            }
            return finite(value, at + ": '" + field + "'");
        }

        /** 1e400 reads as infinity, which JSON cannot write back: refused, so a saved design always reads back. */
        private double finite(JsonNode number, String what) throws DesignFormatException {
            double value = number.doubleValue();
            if (!Double.isFinite(value)) {
                throw fail(what + " is a number too large to hold");
            }
            return value;
        }

        private ArrayNode array(JsonNode object, String field, boolean required) throws DesignFormatException {
            JsonNode value = object.get(field);
            if (value == null) {
                if (required) {
                    throw fail("the top level: missing field '" + field + "'");
                }
                return mapper.createArrayNode();
            }
            if (!value.isArray()) {
                throw fail("'" + field + "' must be an array, not " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            return (ArrayNode) value;
        }

        private DesignFormatException fail(String message) {
            return new DesignFormatException(source + ": " + message);
        }
    }
}
