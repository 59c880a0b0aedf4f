package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;


import static dev.netwright.runtime.layers.dl4j.PositionalEncodingParamInitializer.ENCODING;

/** Runtime layer for {@link PositionalEncodingLayer}: output = input + PE[F,T], broadcast over the minibatch. */
public class PositionalEncodingLayerImpl extends BaseLayer<PositionalEncodingLayer> {

    /** Sinusoidal table for the last (F, T, type) seen; detached from workspaces so it can be reused. */
    private transient INDArray sinusoidCache;

    public PositionalEncodingLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        requireSequence(input);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray encoding = encoding(input.size(1), input.size(2));
        INDArray out = input.add(encoding.reshape(1, encoding.size(0), encoding.size(1)));
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, out);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Gradient gradient = new DefaultGradient();
        if (layerConf().getMode() == PositionalEncodingLayer.Mode.LEARNED) {
            // The table is added to every example, so its gradient is the epsilon summed over the minibatch
            INDArray grad = gradientViews.get(ENCODING);
            grad.assign(0);
            grad.get(NDArrayIndex.all(), NDArrayIndex.interval(0, epsilon.size(2))).assign(epsilon.sum(0));
            gradient.gradientForVariable().put(ENCODING, grad);
        }
        // d(out)/d(input) is the identity; copy so the caller may modify its epsilon freely
        INDArray epsOut = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, epsilon);
        return new Pair<>(gradient, backpropDropOutIfPresent(epsOut));
    }

    @SuppressWarnings("try") // the scope object only matters for its close()
    private INDArray encoding(long features, long steps) {
        if (layerConf().getMode() == PositionalEncodingLayer.Mode.LEARNED) {
            // Shorter sequences use the first positions of the table
            return getParam(ENCODING).get(NDArrayIndex.all(), NDArrayIndex.interval(0, steps));
        }
        INDArray cached = sinusoidCache;
        if (cached == null || cached.size(0) != features || cached.size(1) != steps
                || cached.dataType() != input.dataType()) {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                cached = Nd4j.create(sinusoid((int) features, (int) steps)).castTo(input.dataType());
            }
            sinusoidCache = cached;
        }
        return cached;
    }

    /** PE[2i, t] = sin(t / 10000^(2i/F)), PE[2i+1, t] = cos(t / 10000^(2i/F)). */
    static double[][] sinusoid(int features, int steps) {
        double[][] pe = new double[features][steps];
        for (int f = 0; f < features; f++) {
            double rate = Math.pow(10000.0, -(double) (f - f % 2) / features);
            for (int t = 0; t < steps; t++) {
                pe[f][t] = f % 2 == 0 ? Math.sin(t * rate) : Math.cos(t * rate);
            }
        }
        return pe;
    }

    private void requireSequence(INDArray x) {
        PositionalEncodingLayer conf = layerConf();
        FeatureRows.requireSequence(x, conf.getNIn(), "PositionalEncodingLayer", conf.getLayerName());
        if (conf.getMode() == PositionalEncodingLayer.Mode.LEARNED && x.size(2) > conf.getSequenceLength()) {
            throw new DL4JInvalidInputException("PositionalEncodingLayer \"" + conf.getLayerName()
                    + "\" learned " + conf.getSequenceLength() + " positions but got a sequence of " + x.size(2));
        }
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }
}
