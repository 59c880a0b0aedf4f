package dev.netwright.runtime.design;

import java.util.Objects;

/** A wire from one node's output port to another node's input port. */
public record Edge(String from, String fromPort, String to, String toPort) {
    public static final String OUT = "out";
    public static final String IN = "in";

    public Edge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(fromPort, "fromPort");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(toPort, "toPort");
    }

    /** A wire between the default ports: {@code from.out -> to.in}. */
    public static Edge of(String from, String to) {
        return new Edge(from, OUT, to, IN);
    }

    public boolean touches(String nodeId) {
        return from.equals(nodeId) || to.equals(nodeId);
    }

    @Override
    public String toString() {
        return from + "." + fromPort + " -> " + to + "." + toPort;
    }
}
