package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;

/**
 * DL4J's EmbeddingSequenceLayer with its vocabulary size kept. In M2.1 a graph built with
 * {@code setInputTypes} always overrides nIn from the input type, so an embedding fed token ids (1
 * feature per step) would end up with a vocabulary of 1.
 */
public class VocabularyEmbeddingLayer extends EmbeddingSequenceLayer {
    private static final long serialVersionUID = 1L;

    /** For Jackson. */
    public VocabularyEmbeddingLayer() {
    }

    public static VocabularyEmbeddingLayer of(int vocabulary, int dimensions, int sequenceLength) {
        VocabularyEmbeddingLayer layer = new VocabularyEmbeddingLayer();
        layer.setNIn(vocabulary);
        layer.setNOut(dimensions);
        layer.setInputLength(sequenceLength);
        layer.setHasBias(false);
        layer.setActivationFn(new ActivationIdentity());
        return layer;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (getNIn() <= 0) {
            super.setNIn(inputType, override);
        }
    }
}
