package dev.netwright.runtime.layers;

import dev.netwright.runtime.layers.kinds.ActivationKind;
import dev.netwright.runtime.layers.kinds.AddKind;
import dev.netwright.runtime.layers.kinds.BatchNormKind;
import dev.netwright.runtime.layers.kinds.ConcatKind;
import dev.netwright.runtime.layers.kinds.Conv1DKind;
import dev.netwright.runtime.layers.kinds.Conv2DKind;
import dev.netwright.runtime.layers.kinds.DenseKind;
import dev.netwright.runtime.layers.kinds.DropoutKind;
import dev.netwright.runtime.layers.kinds.EmbeddingKind;
import dev.netwright.runtime.layers.kinds.FlattenKind;
import dev.netwright.runtime.layers.kinds.GlobalPoolingKind;
import dev.netwright.runtime.layers.kinds.InputKind;
import dev.netwright.runtime.layers.kinds.LayerNormKind;
import dev.netwright.runtime.layers.kinds.MultiHeadSelfAttentionKind;
import dev.netwright.runtime.layers.kinds.OutputKind;
import dev.netwright.runtime.layers.kinds.PoolingKind;
import dev.netwright.runtime.layers.kinds.PositionalEncodingKind;
import dev.netwright.runtime.layers.kinds.RecurrentKind;
import dev.netwright.runtime.layers.kinds.ToSequenceKind;
import dev.netwright.runtime.layers.kinds.TransformerEncoderBlockKind;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every layer kind Netwright knows, by id, in palette order. Immutable and shared. */
public final class LayerCatalog {
    private static final LayerCatalog STANDARD = new LayerCatalog(List.of(
            new InputKind(),
            new DenseKind(), new FlattenKind(), new DropoutKind(), new ActivationKind(), new EmbeddingKind(),
            new Conv1DKind(), new Conv2DKind(),
            PoolingKind.maxPool1D(), PoolingKind.avgPool1D(), PoolingKind.maxPool2D(), PoolingKind.avgPool2D(),
            new GlobalPoolingKind(), new ToSequenceKind(),
            RecurrentKind.lstm(), RecurrentKind.simpleRnn(),
            new PositionalEncodingKind(), new MultiHeadSelfAttentionKind(), new TransformerEncoderBlockKind(),
            new BatchNormKind(), new LayerNormKind(),
            new AddKind(), new ConcatKind(),
            new OutputKind()));

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

    /** The catalog with every built-in kind. */
    public static LayerCatalog standard() {
        return STANDARD;
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
