package dev.netwright.runtime.codegen;

import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.codegen.PythonSyntax.Place;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Position;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.Shape;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The nodes and wires read from Keras code so far, with where each layer was written (for messages) and the
 * shapes Netwright's checker gives them. Node ids are the Keras layer names: {@code name=} where given, else
 * the name Keras itself would give ({@code conv2d}, {@code conv2d_1}, ...).
 */
final class KerasGraph {
    private final LayerCatalog catalog;
    private final String fileName;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Map<String, Place> places = new HashMap<>();
    private final Map<String, String> kerasClasses = new HashMap<>();
    private final Map<String, Integer> autoNames = new HashMap<>();

    KerasGraph(LayerCatalog catalog, String fileName) {
        this.catalog = catalog;
        this.fileName = fileName;
    }

    /** Adds a node of {@code kind} with these parameters over the kind's defaults, wired from {@code inputs}. */
    String add(String kind, Map<String, Object> params, String wantedName, String kerasClass, Place place,
               List<String> inputs) throws CodeImportException {
        String id = wantedName != null ? wantedName : autoName(kerasClass);
        if (nodes.containsKey(id)) {
            throw new CodeImportException(fileName, place.line(), place.column(), "found a second layer named '" + id
                    + "', expected each layer's name to be unique");
        }
        Node node = catalog.require(kind).newNode(id, Position.ORIGIN).withName(id);
        Map<String, Object> values = new LinkedHashMap<>(node.params());
        values.putAll(params);
        nodes.put(id, node.withParams(values));
        places.put(id, place);
        kerasClasses.put(id, kerasClass);
        for (String input : inputs) {
            edges.add(Edge.of(input, id));
        }
        return id;
    }

    private String autoName(String kerasClass) {
        String base = snakeCase(kerasClass);
        while (true) {
            int count = autoNames.merge(base, 1, Integer::sum);
            String candidate = count == 1 ? base : base + "_" + (count - 1);
            if (!nodes.containsKey(candidate)) {
                return candidate;
            }
        }
    }

    /** Keras's own layer names: {@code MaxPooling2D} gives {@code max_pooling2d}. */
    static String snakeCase(String className) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < className.length(); i++) {
            char c = className.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && (Character.isLowerCase(className.charAt(i - 1))
                    || i + 1 < className.length() && Character.isUpperCase(className.charAt(i - 1))
                    && Character.isLowerCase(className.charAt(i + 1)))) {
                out.append('_');
            }
            out.append(c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    Node node(String id) {
        return nodes.get(id);
    }

    void replace(Node node) {
        nodes.put(node.id(), node);
    }

    /** Removes a node and every wire that touches it. */
    void remove(String id) {
        nodes.remove(id);
        edges.removeIf(e -> e.touches(id));
    }

    Place place(String id) {
        return places.get(id);
    }

    String kerasClass(String id) {
        return kerasClasses.get(id);
    }

    List<String> inputsOf(String id) {
        return edges.stream().filter(e -> e.to().equals(id)).map(Edge::from).toList();
    }

    List<String> consumersOf(String id) {
        return edges.stream().filter(e -> e.from().equals(id)).map(Edge::to).toList();
    }

    /** The shape Netwright's checker gives the node's output, empty where it cannot (a wrong design so far). */
    Optional<Shape> shape(String id) {
        return new Checker(catalog).check(design("shapes", null)).output(id);
    }

    /** The design of the nodes that lead to {@code output} (all nodes where it is null), in the order they were read. */
    Design design(String name, String output) {
        Set<String> kept = new LinkedHashSet<>();
        if (output == null) {
            kept.addAll(nodes.keySet());
        } else {
            Deque<String> todo = new ArrayDeque<>(List.of(output));
            while (!todo.isEmpty()) {
                String id = todo.pop();
                if (kept.add(id)) {
                    todo.addAll(inputsOf(id));
                }
            }
        }
        List<Node> keptNodes = nodes.values().stream().filter(n -> kept.contains(n.id())).toList();
        List<Edge> keptEdges = edges.stream().filter(e -> kept.contains(e.from()) && kept.contains(e.to())).toList();
        return Design.of(name, "", null, keptNodes, keptEdges);
    }
}
