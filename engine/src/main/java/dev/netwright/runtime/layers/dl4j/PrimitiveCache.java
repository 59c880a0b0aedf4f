package dev.netwright.runtime.layers.dl4j;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A layer's oneDNN primitives for the last few geometries it ran on, the least recently used closed when a new one
 * comes. One slot was not enough: a forward pass in inference mode (ReLU fused) and a backward pass (ReLU apart) differ
 * in geometry, as do a full batch and the last, smaller one, and each switch rebuilt the primitives (oneDNN compiles
 * code for each), which made an explanation's gradient several times slower than its arithmetic.
 */
final class PrimitiveCache<G, P extends AutoCloseable> {
    static final int SIZE = 4;

    private final Map<G, P> primitives = new LinkedHashMap<>(8, 0.75f, true);
    private final Function<G, P> create;

    PrimitiveCache(Function<G, P> create) {
        this.create = create;
    }

    /** The primitives for {@code geometry}, made now if they are not kept. */
    P get(G geometry) {
        P found = primitives.get(geometry);
        if (found != null) {
            return found;
        }
        if (primitives.size() >= SIZE) {
            var eldest = primitives.entrySet().iterator().next();
            close(eldest.getValue());
            primitives.remove(eldest.getKey());
        }
        P made = create.apply(geometry);
        primitives.put(geometry, made);
        return made;
    }

    int size() {
        return primitives.size();
    }

    private static void close(AutoCloseable primitive) {
        try {
            primitive.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not release oneDNN primitives", e);
        }
    }
}
