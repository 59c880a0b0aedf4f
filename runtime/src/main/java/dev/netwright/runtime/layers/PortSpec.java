package dev.netwright.runtime.layers;

/** An input port of a layer kind and how many wires it takes. */
public record PortSpec(String name, int minWires, int maxWires) {
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    public static PortSpec single(String name) {
        return new PortSpec(name, 1, 1);
    }

    public static PortSpec atLeast(String name, int min) {
        return new PortSpec(name, min, UNBOUNDED);
    }
}
