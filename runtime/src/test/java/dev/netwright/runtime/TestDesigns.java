package dev.netwright.runtime;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Position;

import java.util.ArrayList;
import java.util.List;

/** A small fluent way to write designs in tests: {@code TestDesigns.start().image(28,28,1).then("conv1","Conv2D")...}. */
public final class TestDesigns {
    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private String last;

    private TestDesigns() {
    }

    public static TestDesigns start() {
        return new TestDesigns();
    }

    public TestDesigns image(int h, int w, int c) {
        return node("input", "Input", "form", "image", "height", h, "width", w, "channels", c);
    }

    public TestDesigns sequence(int steps, int features) {
        return node("input", "Input", "form", "sequence", "steps", steps, "features", features);
    }

    public TestDesigns vector(int size) {
        return node("input", "Input", "form", "vector", "size", size);
    }

    /** Adds a node with parameter name/value pairs, without wiring it. */
    public TestDesigns node(String id, String kind, Object... params) {
        Node node = StandardKinds.catalog().require(kind).newNode(id, new Position(nodes.size() * 200.0, 100));
        for (int i = 0; i < params.length; i += 2) {
            node = node.withParam((String) params[i], params[i + 1]);
        }
        nodes.add(node);
        last = id;
        return this;
    }

    /** Adds a node wired from the previous one. */
    public TestDesigns then(String id, String kind, Object... params) {
        String from = last;
        node(id, kind, params);
        edges.add(Edge.of(from, id));
        return this;
    }

    public TestDesigns wire(String from, String to) {
        edges.add(Edge.of(from, to));
        return this;
    }

    /** Ends the chain with a 3-class softmax Output. */
    public Design output() {
        return then("output", "Output", "units", 3).build();
    }

    public Design build() {
        return Design.of("test", "", null, nodes, edges);
    }
}
