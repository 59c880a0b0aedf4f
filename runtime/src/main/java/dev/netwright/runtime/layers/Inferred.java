package dev.netwright.runtime.layers;


import java.util.Objects;

/** What a shape rule found: the node's output shape and how many trainable values it holds. */
public record Inferred(Shape output, long params) {
    public Inferred {
        Objects.requireNonNull(output, "output");
    }

    public static Inferred of(Shape output) {
        return new Inferred(output, 0);
    }
}
