package dev.netwright.runtime.weights;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Trained weights of a design, by node id: each node's parameters as named float arrays in Deeplearning4j's layouts.
 * A parameter is named by DL4J's key ({@code W}, {@code b}, ...) on the vertex named as the node, or
 * {@code part/KEY} on a composite kind's vertex {@code id/part}. Kept in a sidecar {@code NAME.weights.npz} beside the
 * design file ({@link #sidecarFor}), which the design file names in its {@code weights} field; written atomically.
 */
public final class DesignWeights {
    /** The file name ending of a weights sidecar. */
    public static final String SUFFIX = ".weights.npz";
    private static final DesignWeights EMPTY = new DesignWeights(Map.of());
    /** Between a node id and its parameter's name in an .npz entry name ({@code conv1/W}). */
    private static final char SEPARATOR = '/';

    private final Map<String, Map<String, INDArray>> byNode;

    private DesignWeights(Map<String, Map<String, INDArray>> byNode) {
        Map<String, Map<String, INDArray>> copy = new LinkedHashMap<>();
        byNode.forEach((node, params) -> {
            Map<String, INDArray> p = new LinkedHashMap<>();
            params.forEach((name, array) -> p.put(name, array.castTo(DataType.FLOAT).dup('c')));
            if (!p.isEmpty()) {
                copy.put(node, Collections.unmodifiableMap(p));
            }
        });
        this.byNode = Collections.unmodifiableMap(copy);
    }

    public static DesignWeights empty() {
        return EMPTY;
    }

    /** Weights from node id → parameter name → array (copied, as float). */
    public static DesignWeights of(Map<String, ? extends Map<String, INDArray>> byNode) {
        Map<String, Map<String, INDArray>> copy = new LinkedHashMap<>();
        byNode.forEach((node, params) -> copy.put(Objects.requireNonNull(node), new LinkedHashMap<>(params)));
        return new DesignWeights(copy);
    }

    public boolean isEmpty() {
        return byNode.isEmpty();
    }

    /** The ids of the nodes that have weights, in order. */
    public Set<String> nodeIds() {
        return byNode.keySet();
    }

    /** One node's parameters by name; empty when it has none here. */
    public Map<String, INDArray> node(String id) {
        return byNode.getOrDefault(id, Map.of());
    }

    /** How many values all arrays hold together. */
    public long parameterCount() {
        return byNode.values().stream().flatMap(m -> m.values().stream()).mapToLong(INDArray::length).sum();
    }

    // ---------------------------------------------------------------- to and from a graph

    /**
     * The parameters of a graph compiled from {@code design} (by {@code DesignCompiler}), by node: every vertex the
     * compiler made for a node (the node's id, or {@code id/part} for a composite kind) gives its parameters.
     */
    public static DesignWeights extract(ComputationGraph graph, Design design) {
        return extract(graph, design, false);
    }

    /**
     * The parameters of any DL4J graph whose vertices are named as {@code design}'s nodes (another design's run, a model
     * zip from elsewhere): vertices that belong to no node are left out.
     */
    public static DesignWeights extractMatching(ComputationGraph graph, Design design) {
        return extract(graph, design, true);
    }

    private static DesignWeights extract(ComputationGraph graph, Design design, boolean skipUnknown) {
        Map<String, Map<String, INDArray>> byNode = new LinkedHashMap<>();
        for (GraphVertex vertex : graph.getVertices()) {
            Layer layer = vertex.hasLayer() ? vertex.getLayer() : null;
            if (layer == null || layer.numParams() == 0) {
                continue;
            }
            Optional<NodePart> owner = nodeOf(vertex.getVertexName(), design);
            if (owner.isEmpty() && skipUnknown) {
                continue;
            }
            NodePart where = owner.orElseThrow(() -> new IllegalArgumentException(
                    "the graph's vertex '" + vertex.getVertexName() + "' belongs to no node of " + design.name()));
            Map<String, INDArray> params = byNode.computeIfAbsent(where.nodeId(), k -> new LinkedHashMap<>());
            layer.paramTable().forEach((key, value) -> params.put(where.prefix() + key, value));
        }
        return new DesignWeights(byNode);
    }

    /**
     * Sets these weights on a freshly compiled and initialised graph of {@code design}. Nothing is changed when a node
     * is missing from the design or the graph, a parameter is unknown, or a shape does not fit: the exception names
     * every such node and parameter.
     */
    public void applyTo(ComputationGraph graph, Design design) throws WeightsMismatchException {
        List<String> problems = new ArrayList<>();
        List<INDArray[]> assignments = new ArrayList<>(); // target, value (INDArray's equals compares values)
        for (Map.Entry<String, Map<String, INDArray>> node : byNode.entrySet()) {
            String id = node.getKey();
            if (!design.contains(id)) {
                problems.add("node '" + id + "' is not in the design");
                continue;
            }
            for (Map.Entry<String, INDArray> param : node.getValue().entrySet()) {
                String name = param.getKey();
                int slash = name.lastIndexOf(SEPARATOR);
                String vertexName = slash < 0 ? id : id + "/" + name.substring(0, slash);
                String key = name.substring(slash + 1);
                GraphVertex vertex = graph.getVertex(vertexName);
                INDArray target = vertex == null || !vertex.hasLayer() ? null : vertex.getLayer().paramTable().get(key);
                if (target == null) {
                    problems.add("node '" + id + "' has no parameter '" + name + "' in the compiled network");
                    continue;
                }
                INDArray value = param.getValue();
                if (!Arrays.equals(target.shape(), value.shape())) {
                    problems.add("node '" + id + "', parameter '" + name + "': the weights are "
                            + Arrays.toString(value.shape()) + " but the layer needs " + Arrays.toString(target.shape()));
                    continue;
                }
                assignments.add(new INDArray[]{target, value});
            }
        }
        if (!problems.isEmpty()) {
            throw new WeightsMismatchException("The weights do not fit the design " + design.name() + ": "
                    + String.join("; ", problems) + ".");
        }
        // the graph's parameter views point into its one flat parameter array: assign in place
        assignments.forEach(a -> a[0].assign(a[1].castTo(a[0].dataType())));
    }

    /** Which node a vertex belongs to: the node named exactly so, or the longest node id before a '/'. */
    private static Optional<NodePart> nodeOf(String vertexName, Design design) {
        if (design.contains(vertexName)) {
            return Optional.of(new NodePart(vertexName, ""));
        }
        NodePart best = null;
        for (Node node : design.nodes()) {
            String id = node.id();
            if (vertexName.startsWith(id + "/") && (best == null || id.length() > best.nodeId().length())) {
                best = new NodePart(id, vertexName.substring(id.length() + 1) + "/");
            }
        }
        return Optional.ofNullable(best);
    }

    private record NodePart(String nodeId, String prefix) {
    }

    // ---------------------------------------------------------------- files

    /** The sidecar beside a design file: {@code model.json} → {@code model.weights.npz}. */
    public static Path sidecarFor(Path designFile) {
        String name = designFile.getFileName().toString();
        String base = name.toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return designFile.resolveSibling(base + SUFFIX);
    }

    /** Writes the weights as an .npz archive (entries {@code NODE/PARAM}), whole or not at all. */
    public void write(Path file) throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        byNode.forEach((node, params) -> params.forEach((name, array) -> arrays.put(escape(node) + SEPARATOR + name, array)));
        NpzArchive.write(file, arrays);
    }

    /** Reads weights written by {@link #write}; an unreadable file or an entry not named NODE/PARAM is an IOException. */
    public static DesignWeights read(Path file) throws IOException {
        Map<String, Map<String, INDArray>> byNode = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> entry : NpzArchive.read(file).entrySet()) {
            String key = entry.getKey();
            int separator = key.indexOf(SEPARATOR);
            if (separator <= 0 || separator == key.length() - 1) {
                throw new IOException(file + ": entry '" + key + "' is not named NODE/PARAMETER, so it is no Netwright "
                        + "weights file");
            }
            byNode.computeIfAbsent(unescape(key.substring(0, separator)), k -> new LinkedHashMap<>())
                    .put(key.substring(separator + 1), entry.getValue());
        }
        return new DesignWeights(byNode);
    }

    /** A node id with '/' and '%' escaped, so that the first '/' of an entry name ends the node id. */
    private static String escape(String nodeId) {
        return nodeId.replace("%", "%25").replace("/", "%2F");
    }

    private static String unescape(String escaped) {
        return escaped.replace("%2F", "/").replace("%25", "%");
    }

    @Override
    public String toString() {
        return "DesignWeights[" + byNode.size() + " nodes, " + parameterCount() + " values]";
    }
}
