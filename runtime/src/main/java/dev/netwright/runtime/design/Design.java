package dev.netwright.runtime.design;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model as the user drew it: nodes in creation order and the wires between them. Immutable; every
 * edit returns a new design, which makes undo exact and lets a checker or compiler read it from any thread.
 */
public final class Design {
    private static final Pattern TRAILING_NUMBER = Pattern.compile("^(.*?)(\\d+)$");

    private final String name;
    private final String description;
    private final DataRef data;
    private final Map<String, Node> nodes;
    private final List<Edge> edges;
    private final Flow flow;
    private final TrainingPlan training;
    private final String weights;

    private Design(String name, String description, DataRef data, Map<String, Node> nodes, List<Edge> edges,
                   Flow flow, TrainingPlan training, String weights) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.data = data;
        this.nodes = Collections.unmodifiableMap(nodes);
        this.edges = List.copyOf(edges);
        this.flow = Objects.requireNonNull(flow, "flow");
        this.training = training;
        this.weights = weights;
    }

    public static Design empty(String name) {
        return new Design(name, "", null, new LinkedHashMap<>(), List.of(), Flow.RIGHT, null, null);
    }

    /** Builds a design from parts; ids must be unique and edges must name existing nodes. */
    public static Design of(String name, String description, DataRef data, List<Node> nodes, List<Edge> edges) {
        Map<String, Node> byId = new LinkedHashMap<>();
        for (Node node : nodes) {
            if (byId.put(node.id(), node) != null) {
                throw new IllegalArgumentException("two nodes have the id '" + node.id() + "'");
            }
        }
        for (Edge edge : edges) {
            requireNode(byId, edge.from(), edge);
            requireNode(byId, edge.to(), edge);
        }
        return new Design(name, description, data, byId, edges, Flow.RIGHT, null, null);
    }

    private static void requireNode(Map<String, Node> byId, String id, Edge edge) {
        if (!byId.containsKey(id)) {
            throw new IllegalArgumentException("wire " + edge + " names node '" + id + "', which does not exist");
        }
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Optional<DataRef> data() {
        return Optional.ofNullable(data);
    }

    public Collection<Node> nodes() {
        return nodes.values();
    }

    public List<Edge> edges() {
        return edges;
    }

    public Optional<Node> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    public Node requireNode(String id) {
        Node node = nodes.get(id);
        if (node == null) {
            throw new IllegalArgumentException("no node with id '" + id + "'");
        }
        return node;
    }

    public boolean contains(String id) {
        return nodes.containsKey(id);
    }

    /**
     * The id of the node whose id is nearest to {@code id} by edit distance, for "did you mean" in a message about a
     * node that is not there; empty for a design without nodes.
     */
    public Optional<String> closestId(String id) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String other : nodes.keySet()) {
            int distance = editDistance(id, other);
            if (distance < bestDistance) {
                best = other;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance: the fewest insertions, deletions and substitutions that turn a into b. */
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    public List<Edge> edgesInto(String id) {
        return edges.stream().filter(e -> e.to().equals(id)).toList();
    }

    public List<Edge> edgesFrom(String id) {
        return edges.stream().filter(e -> e.from().equals(id)).toList();
    }

    /** Which way the drawing flows, from the inputs to the output; only the canvas reads it. */
    public Flow flow() {
        return flow;
    }

    public Design withFlow(Flow newFlow) {
        return new Design(name, description, data, new LinkedHashMap<>(nodes), edges, newFlow, training, weights);
    }

    /** The training settings saved with the design; empty for one that has none (a run then takes the defaults). */
    public Optional<TrainingPlan> training() {
        return Optional.ofNullable(training);
    }

    /** The design with these training settings; null takes them out (the design then has none, as before any change). */
    public Design withTraining(TrainingPlan newTraining) {
        return new Design(name, description, data, new LinkedHashMap<>(nodes), edges, flow, newTraining, weights);
    }

    /**
     * Where the design's trained weights are kept (a {@code NAME.weights.npz} sidecar, see
     * {@code dev.netwright.runtime.weights.DesignWeights}): as the design file names it, relative to the design file's
     * folder, or absolute once read from a file. Empty for a design without trained weights.
     */
    public Optional<String> weights() {
        return Optional.ofNullable(weights);
    }

    /** The design with this weights file reference; null takes it out. */
    public Design withWeights(String newWeights) {
        return new Design(name, description, data, new LinkedHashMap<>(nodes), edges, flow, training, newWeights);
    }

    public Design withName(String newName) {
        return new Design(newName, description, data, new LinkedHashMap<>(nodes), edges, flow, training, weights);
    }

    public Design withDescription(String newDescription) {
        return new Design(name, newDescription, data, new LinkedHashMap<>(nodes), edges, flow, training, weights);
    }

    public Design withData(DataRef newData) {
        return new Design(name, description, newData, new LinkedHashMap<>(nodes), edges, flow, training, weights);
    }

    /** Adds a node, or replaces the node with the same id in place (keeping its order). */
    public Design withNode(Node node) {
        Map<String, Node> copy = new LinkedHashMap<>(nodes);
        copy.put(node.id(), node);
        return new Design(name, description, data, copy, edges, flow, training, weights);
    }

    /** Removes a node and every wire that touches it. */
    public Design withoutNode(String id) {
        Map<String, Node> copy = new LinkedHashMap<>(nodes);
        copy.remove(id);
        List<Edge> kept = edges.stream().filter(e -> !e.touches(id)).toList();
        return new Design(name, description, data, copy, kept, flow, training, weights);
    }

    public Design withEdge(Edge edge) {
        requireNode(nodes, edge.from(), edge);
        requireNode(nodes, edge.to(), edge);
        if (edges.contains(edge)) {
            return this;
        }
        List<Edge> copy = new ArrayList<>(edges);
        copy.add(edge);
        return new Design(name, description, data, new LinkedHashMap<>(nodes), copy, flow, training, weights);
    }

    public Design withoutEdge(Edge edge) {
        List<Edge> copy = new ArrayList<>(edges);
        copy.remove(edge);
        return new Design(name, description, data, new LinkedHashMap<>(nodes), copy, flow, training, weights);
    }

    /**
     * An id not used yet, from a prefix: {@code conv} gives {@code conv1}, {@code conv2}, ...; a prefix that
     * already ends in a number counts on from it.
     */
    public String freshId(String prefix) {
        String base = prefix.isBlank() ? "node" : prefix;
        int start = 1;
        Matcher m = TRAILING_NUMBER.matcher(base);
        if (m.matches() && !m.group(1).isEmpty()) {
            base = m.group(1);
            start = Integer.parseInt(m.group(2));
        }
        for (int i = start; ; i++) {
            String candidate = base + i;
            if (!nodes.containsKey(candidate)) {
                return candidate;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Design d && name.equals(d.name) && description.equals(d.description)
                && Objects.equals(data, d.data) && List.copyOf(nodes.values()).equals(List.copyOf(d.nodes.values()))
                && edges.equals(d.edges) && flow == d.flow
                && Objects.equals(training, d.training) && Objects.equals(weights, d.weights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, nodes.keySet(), edges);
    }

    @Override
    public String toString() {
        return "Design[" + name + ", " + nodes.size() + " nodes, " + edges.size() + " edges]";
    }
}
