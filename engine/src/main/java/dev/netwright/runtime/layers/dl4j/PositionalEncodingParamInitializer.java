package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/** Parameters of {@link PositionalEncodingLayer}: none for SINUSOIDAL, one [F,T] table for LEARNED. */
public final class PositionalEncodingParamInitializer extends SequentialParamInitializer {

    public static final String ENCODING = "P";
    /** Small random start, as for learned position embeddings in BERT/GPT. */
    public static final double INIT_STD = 0.02;
    public static final PositionalEncodingParamInitializer INSTANCE = new PositionalEncodingParamInitializer();

    private PositionalEncodingParamInitializer() {
    }

    @Override
    protected List<ParamSpec> specs(Layer layer) {
        PositionalEncodingLayer conf = (PositionalEncodingLayer) layer;
        if (conf.getMode() != PositionalEncodingLayer.Mode.LEARNED) {
            return List.of();
        }
        return List.of(new ParamSpec(ENCODING, new long[] {conf.getNIn(), conf.getSequenceLength()}, Kind.WEIGHT));
    }

    @Override
    protected void initialise(Layer layer, ParamSpec spec, INDArray view) {
        // Seeded through the network's RNG like every other DL4J weight init
        new WeightInitDistribution(new NormalDistribution(0, INIT_STD))
                .init(spec.shape()[0], spec.shape()[1], spec.shape(), 'c', view);
    }
}
