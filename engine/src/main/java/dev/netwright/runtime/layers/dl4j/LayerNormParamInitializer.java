package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/** Parameters of {@link LayerNormLayer}: gamma (init 1) and beta (init 0), each a [1,F] row. */
public final class LayerNormParamInitializer extends SequentialParamInitializer {

    public static final String GAMMA = "gamma";
    public static final String BETA = "beta";
    public static final LayerNormParamInitializer INSTANCE = new LayerNormParamInitializer();

    private LayerNormParamInitializer() {
    }

    @Override
    protected List<ParamSpec> specs(Layer layer) {
        long f = ((FeedForwardLayer) layer).getNIn();
        // Neither weight nor bias, like batch norm's gamma/beta: no L1/L2 on them by default
        return List.of(new ParamSpec(GAMMA, new long[] {1, f}, Kind.OTHER),
                new ParamSpec(BETA, new long[] {1, f}, Kind.OTHER));
    }

    @Override
    protected void initialise(Layer layer, ParamSpec spec, INDArray view) {
        view.assign(GAMMA.equals(spec.key()) ? 1.0 : 0.0);
    }
}
