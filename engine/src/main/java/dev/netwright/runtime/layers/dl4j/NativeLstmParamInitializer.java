package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

/**
 * Parameters of {@link NativeLstmLayer} in libnd4j's {@code lstmLayer} layout: input weights W [nIn, 4*nOut],
 * recurrent weights RW [nOut, 4*nOut], bias b [4*nOut], each with a leading dimension of 2 (forward, backward)
 * when bidirectional. The 4*nOut columns are the gates in libnd4j's order: input, forget, cell input, output
 * (DL4J's own LSTM orders them cell input, forget, output, input).
 */
public final class NativeLstmParamInitializer extends SequentialParamInitializer {

    public static final String INPUT_WEIGHTS = "W";
    public static final String RECURRENT_WEIGHTS = "RW";
    public static final String BIAS = "b";
    /** Gate blocks of the 4*nOut columns, libnd4j's order. */
    public static final int GATE_INPUT = 0;
    public static final int GATE_FORGET = 1;
    public static final int GATE_CELL = 2;
    public static final int GATE_OUTPUT = 3;
    public static final NativeLstmParamInitializer INSTANCE = new NativeLstmParamInitializer();

    private NativeLstmParamInitializer() {
    }

    @Override
    protected List<ParamSpec> specs(Layer layer) {
        NativeLstmLayer conf = (NativeLstmLayer) layer;
        long nIn = conf.getNIn();
        long nOut = conf.getNOut();
        if (conf.isBidirectional()) {
            return List.of(new ParamSpec(INPUT_WEIGHTS, new long[] {2, nIn, 4 * nOut}, Kind.WEIGHT),
                    new ParamSpec(RECURRENT_WEIGHTS, new long[] {2, nOut, 4 * nOut}, Kind.WEIGHT),
                    new ParamSpec(BIAS, new long[] {2, 4 * nOut}, Kind.BIAS));
        }
        return List.of(new ParamSpec(INPUT_WEIGHTS, new long[] {nIn, 4 * nOut}, Kind.WEIGHT),
                new ParamSpec(RECURRENT_WEIGHTS, new long[] {nOut, 4 * nOut}, Kind.WEIGHT),
                new ParamSpec(BIAS, new long[] {4 * nOut}, Kind.BIAS));
    }

    @Override
    protected void initialise(Layer layer, ParamSpec spec, INDArray view) {
        NativeLstmLayer conf = (NativeLstmLayer) layer;
        if (!conf.isBidirectional()) {
            view.assign(oneDirection(conf, spec.key(), spec.shape()));
            return;
        }
        // Built apart and stacked: ND4J 1.0.0-M2.1 fails on a direction's slice of a view at offset 0
        long[] shape = java.util.Arrays.copyOfRange(spec.shape(), 1, spec.shape().length);
        view.assign(Nd4j.stack(0, oneDirection(conf, spec.key(), shape), oneDirection(conf, spec.key(), shape)));
    }

    private static INDArray oneDirection(NativeLstmLayer conf, String key, long[] shape) {
        long nOut = conf.getNOut();
        return switch (key) {
            case BIAS -> {
                INDArray bias = Nd4j.valueArrayOf(shape, conf.getBiasInit(), Nd4j.defaultFloatingPointType());
                bias.get(NDArrayIndex.interval(GATE_FORGET * nOut, (GATE_FORGET + 1) * nOut))
                        .assign(conf.getForgetGateBiasInit());
                yield bias;
            }
            // DL4J's LSTM draws both W and RW with fan in nOut and fan out nIn + nOut; the same scale here keeps
            // training as it was (with the shapes' own fans, Xavier drew them 30-35 % smaller and one epoch
            // ended 2-4 points lower)
            case INPUT_WEIGHTS, RECURRENT_WEIGHTS -> initialWeights(conf, nOut, conf.getNIn() + nOut, shape);
            default -> throw new IllegalArgumentException("unknown parameter " + key);
        };
    }

    private static INDArray initialWeights(NativeLstmLayer conf, long fanIn, long fanOut, long[] shape) {
        INDArray fresh = Nd4j.createUninitialized(Nd4j.defaultFloatingPointType(), shape, 'c');
        conf.getWeightInitFn().init(fanIn, fanOut, shape, 'c', fresh);
        return fresh;
    }
}
