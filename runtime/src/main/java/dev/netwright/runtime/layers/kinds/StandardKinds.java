package dev.netwright.runtime.layers.kinds;

import dev.netwright.runtime.layers.LayerCatalog;

import java.util.List;

/** Netwright's built-in layer kinds, in palette order. */
public final class StandardKinds {
    private static final LayerCatalog CATALOG = new LayerCatalog(List.of(
            new InputKind(),
            new DenseKind(), new FlattenKind(), new ReshapeKind(), new DropoutKind(), new ActivationKind(), new EmbeddingKind(),
            new Conv1DKind(), new Conv2DKind(), new Conv2DTransposeKind(), new UpSampling2DKind(),
            PoolingKind.maxPool1D(), PoolingKind.avgPool1D(), PoolingKind.maxPool2D(), PoolingKind.avgPool2D(),
            new GlobalPoolingKind(), new ToSequenceKind(),
            RecurrentKind.lstm(), RecurrentKind.gru(), RecurrentKind.simpleRnn(),
            new PositionalEncodingKind(), new MultiHeadSelfAttentionKind(), new TransformerEncoderBlockKind(),
            new BatchNormKind(), new LayerNormKind(),
            new AddKind(), new ConcatKind(),
            new OutputKind()));

    private StandardKinds() {
    }

    /** The catalog with every built-in kind. */
    public static LayerCatalog catalog() {
        return CATALOG;
    }
}
