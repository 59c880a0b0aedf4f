package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Parameters of {@link GruLayer}, per direction: input weights W [nIn, 3*nOut], recurrent weights RW
 * [nOut, 3*nOut], input bias b [3*nOut] and recurrent bias Rb [3*nOut]; the 3*nOut columns are the gates reset,
 * update, candidate (PyTorch's order). The backward direction's keys start with {@code back}. Keys hold no
 * underscore: DL4J names a parameter {@code vertex_key}.
 */
public final class GruParamInitializer extends SequentialParamInitializer {

    public static final String INPUT_WEIGHTS = "W";
    public static final String RECURRENT_WEIGHTS = "RW";
    public static final String INPUT_BIAS = "b";
    public static final String RECURRENT_BIAS = "Rb";
    /** Prefix of the backward direction's keys. */
    public static final String BACKWARD = "back";
    /** Gate blocks of the 3*nOut columns. */
    public static final int GATE_RESET = 0;
    public static final int GATE_UPDATE = 1;
    public static final int GATE_CANDIDATE = 2;
    public static final GruParamInitializer INSTANCE = new GruParamInitializer();

    private GruParamInitializer() {
    }

    /** A direction's key: the forward one as is, the backward one prefixed. */
    static String key(String key, boolean backward) {
        return backward ? BACKWARD + key : key;
    }

    @Override
    protected List<ParamSpec> specs(Layer layer) {
        GruLayer conf = (GruLayer) layer;
        long nIn = conf.getNIn();
        long nOut = conf.getNOut();
        List<ParamSpec> specs = new ArrayList<>();
        for (boolean backward : conf.isBidirectional() ? new boolean[] {false, true} : new boolean[] {false}) {
            specs.add(new ParamSpec(key(INPUT_WEIGHTS, backward), new long[] {nIn, 3 * nOut}, Kind.WEIGHT));
            specs.add(new ParamSpec(key(RECURRENT_WEIGHTS, backward), new long[] {nOut, 3 * nOut}, Kind.WEIGHT));
            specs.add(new ParamSpec(key(INPUT_BIAS, backward), new long[] {3 * nOut}, Kind.BIAS));
            specs.add(new ParamSpec(key(RECURRENT_BIAS, backward), new long[] {3 * nOut}, Kind.BIAS));
        }
        return specs;
    }

    @Override
    protected void initialise(Layer layer, ParamSpec spec, INDArray view) {
        GruLayer conf = (GruLayer) layer;
        if (spec.kind() == Kind.BIAS) {
            view.assign(conf.getBiasInit());
            return;
        }
        // Both weight matrices with fan in nOut and fan out nIn + nOut, as DL4J's LSTM draws its own
        INDArray fresh = Nd4j.createUninitialized(view.dataType(), spec.shape(), 'c');
        conf.getWeightInitFn().init(conf.getNOut(), conf.getNIn() + conf.getNOut(), spec.shape(), 'c', fresh);
        view.assign(fresh);
    }
}
