package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.misc.DummyConfig;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The layer of a {@link FrozenNodeLayer}: no optimizer state, no regularisation, BatchNorm's backward pass in inference mode. */
public class FrozenNodeLayerImpl extends FrozenLayerWithBackprop {
    private final Gradient noGradient = new DefaultGradient();
    private transient TrainingConfig config;

    public FrozenNodeLayerImpl(org.deeplearning4j.nn.api.Layer underlying) {
        super(underlying);
    }

    /** What the updater asks per parameter: DL4J's "no updater, no regularisation" (its FrozenVertex's answer). */
    @Override
    public TrainingConfig getConfig() {
        if (config == null) {
            config = new DummyConfig(underlying.conf().getLayer().getLayerName());
        }
        return config;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!(underlying instanceof BatchNormalization bn)) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        // Inference mode: y = gamma·(x − mean)/std + beta with fixed statistics, so dL/dx = dL/dy·gamma/std per channel
        org.deeplearning4j.nn.conf.layers.BatchNormalization conf =
                (org.deeplearning4j.nn.conf.layers.BatchNormalization) bn.conf().getLayer();
        INDArray std = conf.isUseLogStd()
                ? Transforms.exp(bn.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).castTo(epsilon.dataType())
                        .mul(Math.log(10.0)), false) // 10^log10(std)
                : Transforms.sqrt(bn.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).castTo(epsilon.dataType())
                        .add(conf.getEps()), false);
        INDArray scale = conf.isLockGammaBeta()
                ? Transforms.pow(std, -1.0, true).muli(conf.getGamma())
                : bn.getParam(BatchNormalizationParamInitializer.GAMMA).castTo(epsilon.dataType()).reshape(std.shape())
                        .div(std);
        scale = scale.reshape(scale.length());
        int channelDim = epsilon.rank() == 4 && conf.getCnn2DFormat() == CNN2DFormat.NHWC ? 3 : 1;
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), epsilon.shape(),
                'c');
        Nd4j.getExecutioner().exec(new BroadcastMulOp(epsilon, scale, out, channelDim));
        return new Pair<>(noGradient, out);
    }
}
