package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/** Parameters of {@link MultiHeadSelfAttentionLayer}: W[F,F] (used as x·W) and b[1,F] for q, k, v and the output. */
public final class MultiHeadSelfAttentionParamInitializer extends SequentialParamInitializer {

    public static final String WQ = "Wq";
    public static final String BQ = "bq";
    public static final String WK = "Wk";
    public static final String BK = "bk";
    public static final String WV = "Wv";
    public static final String BV = "bv";
    public static final String WO = "Wo";
    public static final String BO = "bo";
    public static final MultiHeadSelfAttentionParamInitializer INSTANCE = new MultiHeadSelfAttentionParamInitializer();

    private MultiHeadSelfAttentionParamInitializer() {
    }

    @Override
    protected List<ParamSpec> specs(Layer layer) {
        long f = ((FeedForwardLayer) layer).getNIn();
        List<ParamSpec> specs = new ArrayList<>(8);
        String[][] pairs = {{WQ, BQ}, {WK, BK}, {WV, BV}, {WO, BO}};
        for (String[] pair : pairs) {
            specs.add(new ParamSpec(pair[0], new long[] {f, f}, Kind.WEIGHT));
            specs.add(new ParamSpec(pair[1], new long[] {1, f}, Kind.BIAS));
        }
        return specs;
    }

    @Override
    protected void initialise(Layer layer, ParamSpec spec, INDArray view) {
        BaseLayer conf = (BaseLayer) layer;
        if (spec.kind() == Kind.BIAS) {
            view.assign(conf.getBiasInit());
        } else {
            long f = spec.shape()[0];
            conf.getWeightInitFn().init(f, f, spec.shape(), 'c', view);
        }
    }
}
