package dev.netwright.runtime.layers;


import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Layer kinds by id, in palette order. Immutable and shared. The built-in ones are {@code StandardKinds.catalog()} in
 * the kinds package, which depends on this one and not the other way round.
 */
public final class LayerCatalog {
    private final Map<String, LayerKind> kinds;

    public LayerCatalog(List<LayerKind> kinds) {
        Map<String, LayerKind> byId = new LinkedHashMap<>();
        for (LayerKind kind : kinds) {
            if (byId.put(kind.id(), kind) != null) {
                throw new IllegalArgumentException("two layer kinds are called " + kind.id());
            }
        }
        this.kinds = Collections.unmodifiableMap(byId);
    }

    public Collection<LayerKind> kinds() {
        return kinds.values();
    }

    public List<LayerKind> inCategory(Category category) {
        return kinds.values().stream().filter(k -> k.category() == category).toList();
    }

    public Optional<LayerKind> find(String id) {
        return Optional.ofNullable(kinds.get(id));
    }

    public LayerKind require(String id) {
        LayerKind kind = kinds.get(id);
        if (kind == null) {
            throw new IllegalArgumentException("unknown layer kind '" + id + "'");
        }
        return kind;
    }

    /** The known ids, for messages. */
    public String knownIds() {
        return String.join(", ", kinds.keySet());
    }
}
