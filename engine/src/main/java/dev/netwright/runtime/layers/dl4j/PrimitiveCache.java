package dev.netwright.runtime.layers.dl4j;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A layer's oneDNN primitives for the last few geometries it ran on, the least recently used closed when a new one
 * comes. One slot was not enough: a forward pass in inference mode (ReLU fused) and a backward pass (ReLU apart) differ
 * in geometry, as do a full batch and the last, smaller one, and each switch rebuilt the primitives (oneDNN compiles
 * code for each), which made an explanation's gradient several times slower than its arithmetic. A geometry oneDNN
 * refuses when its primitives are made is remembered, and its layer runs DL4J's code for it instead of failing the run.
 */
final class PrimitiveCache<G, P extends AutoCloseable> {
    static final int SIZE = 4;
    private static final Logger LOG = LoggerFactory.getLogger(PrimitiveCache.class);

    private final Map<G, P> primitives = new LinkedHashMap<>(8, 0.75f, true);
    private final Function<G, P> create;
    private final Set<G> refused = new HashSet<>();

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

    /**
     * The primitives for {@code geometry}, made now if they are not kept; empty where oneDNN refuses to make them
     * (then, or before: it is not asked again), for the caller to run its fallback.
     */
    Optional<P> find(G geometry) {
        if (refused.contains(geometry)) {
            return Optional.empty();
        }
        try {
            return Optional.of(get(geometry));
        } catch (RuntimeException e) {
            refused.add(geometry);
            LOG.warn("oneDNN refused {} ({}); this layer runs DL4J's code for it", geometry, e.getMessage());
            return Optional.empty();
        }
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
