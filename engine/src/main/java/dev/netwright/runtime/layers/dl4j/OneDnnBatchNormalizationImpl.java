package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Optional;

/**
 * Runtime side of {@link OneDnnBatchNormalization}: the forward pass (training: oneDNN computes the batch's
 * statistics; inference: the running ones), the backward pass for the input, gamma and beta, through
 * {@link OneDnnBatchNorm} for float NCHW images on the CPU with learned gamma and beta. The running mean and variance
 * are updated as DL4J's layer updates them: as the "gradients" of those parameters, which its updater subtracts,
 * computed from the batch's statistics by DL4J's formulas. Everything else (locked gamma and beta, vectors, NHWC,
 * double precision, the CUDA backend, {@code -Dnetwright.batchnorm=dl4j}) runs DL4J's own code.
 */
public class OneDnnBatchNormalizationImpl extends BatchNormalization {
    /** {@code -Dnetwright.batchnorm=dl4j} leaves every batch normalisation to DL4J's code (for comparisons). */
    static final String ENGINE_PROPERTY = "netwright.batchnorm";

    /** The primitives for the last few shapes (full and last batches, evaluation batches). */
    private final PrimitiveCache<OneDnnBatchNorm.Geometry, OneDnnBatchNorm> oneDnn =
            new PrimitiveCache<>(OneDnnBatchNorm::create);
    /** The batch's mean and variance from the last training pass on oneDNN, and the input they describe. */
    private INDArray batchMean;
    private INDArray batchVariance;
    private INDArray statisticsInput;
    private boolean lastPassOnOneDnn;

    public OneDnnBatchNormalizationImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray preOutput(INDArray x, TrainingMode training, LayerWorkspaceMgr workspaceMgr) {
        statisticsInput = null;
        Optional<OneDnnBatchNorm.Geometry> geometry = oneDnnGeometry(x);
        if (geometry.isEmpty()) {
            return super.preOutput(x, training, workspaceMgr);
        }
        OneDnnBatchNorm.Geometry g = geometry.get();
        OneDnnBatchNorm primitives = oneDnn.get(g);
        INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, g.shape(), 'c');
        if (training == TrainingMode.TRAIN) {
            allocateStatistics(g.channels());
            primitives.forwardTraining(OneDnn.dense(x, dataType), gamma(), beta(), y, batchMean, batchVariance);
            statisticsInput = x;
        } else {
            primitives.forwardInference(OneDnn.dense(x, dataType), gamma(), beta(), y,
                    channelVector(getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN)), runningVariance());
        }
        return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Optional<OneDnnBatchNorm.Geometry> geometry = oneDnnGeometry(input);
        if (geometry.isEmpty()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        OneDnnBatchNorm.Geometry g = geometry.get();
        OneDnnBatchNorm primitives = oneDnn.get(g);
        INDArray x = OneDnn.dense(input, dataType);
        if (statisticsInput != input) {
            // No training pass over this input before (e.g. a gradient after an inference pass): DL4J's backward
            // pass uses the batch's statistics, so compute them
            allocateStatistics(g.channels());
            INDArray scratch = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, g.shape(), 'c');
            primitives.forwardTraining(x, gamma(), beta(), scratch, batchMean, batchVariance);
            statisticsInput = input;
        }
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, g.shape(), 'c');
        INDArray dGamma = gradientViews.get(BatchNormalizationParamInitializer.GAMMA);
        INDArray dBeta = gradientViews.get(BatchNormalizationParamInitializer.BETA);
        primitives.backward(x, gamma(), beta(), batchMean, batchVariance, OneDnn.dense(epsilon, dataType), dx,
                channelVector(dGamma), channelVector(dBeta));
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGamma);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBeta);
        runningStatisticsUpdate(gradient);
        return new Pair<>(gradient, dx);
    }

    /** Whether the last forward or backward pass ran on oneDNN (for tests). */
    boolean lastPassOnOneDnn() {
        return lastPassOnOneDnn;
    }

    /**
     * The running statistics' updates as DL4J's layer computes them, into their gradient views: the updater
     * subtracts them (no learning rate), so mean ← mean − (1 − decay)(mean − batch mean), and the variance (or
     * log10 of the standard deviation) the same way.
     */
    private void runningStatisticsUpdate(Gradient gradient) {
        double decay = layerConf().getDecay();
        INDArray globalMean = getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        INDArray dGlobalMean = gradientViews.get(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        INDArray shapedMean = batchMean.reshape(globalMean.shape());
        INDArray shapedVariance = batchVariance.reshape(globalMean.shape());
        dGlobalMean.assign(globalMean.sub(shapedMean)).muli(1 - decay);
        gradient.setGradientFor(BatchNormalizationParamInitializer.GLOBAL_MEAN, dGlobalMean);
        if (layerConf().isUseLogStd()) {
            INDArray log10Std = getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
            INDArray dLog10Std = gradientViews.get(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
            INDArray variance = Nd4j.valueArrayOf(log10Std.shape(), 10.0, globalMean.dataType());
            Transforms.pow(variance, log10Std, false);
            variance.muli(variance);
            INDArray next = variance.mul(decay).addi(shapedVariance.mul(1 - decay));
            Nd4j.getExecutioner().exec(new DivOp(variance, next, dLog10Std));
            Transforms.log(dLog10Std, false);
            dLog10Std.muli(ONE_ON_2LOGE_10);
            gradient.setGradientFor(BatchNormalizationParamInitializer.GLOBAL_LOG_STD, dLog10Std);
        } else {
            INDArray globalVar = getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
            INDArray dGlobalVar = gradientViews.get(BatchNormalizationParamInitializer.GLOBAL_VAR);
            dGlobalVar.assign(globalVar.sub(shapedVariance)).muli(1 - decay);
            gradient.setGradientFor(BatchNormalizationParamInitializer.GLOBAL_VAR, dGlobalVar);
        }
    }

    /** The running variance, from log10 of the standard deviation where the layer keeps that. */
    private INDArray runningVariance() {
        if (!layerConf().isUseLogStd()) {
            return channelVector(getParam(BatchNormalizationParamInitializer.GLOBAL_VAR));
        }
        INDArray log10Std = getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
        INDArray variance = Transforms.pow(Nd4j.valueArrayOf(log10Std.shape(), 10.0, dataType), log10Std, false);
        return channelVector(variance.muli(variance));
    }

    private void allocateStatistics(long channels) {
        if (batchMean == null || batchMean.length() != channels) {
            // Outside any workspace: they live from the forward pass to the backward pass
            batchMean = Nd4j.createUninitializedDetached(DataType.FLOAT, channels);
            batchVariance = Nd4j.createUninitializedDetached(DataType.FLOAT, channels);
        }
    }

    private INDArray gamma() {
        return channelVector(getParam(BatchNormalizationParamInitializer.GAMMA));
    }

    private INDArray beta() {
        return channelVector(getParam(BatchNormalizationParamInitializer.BETA));
    }

    /** A per-channel parameter or gradient view ([1, C] or [C]) as a dense float vector of length C. */
    private INDArray channelVector(INDArray perChannel) {
        return OneDnn.dense(perChannel, dataType).reshape(perChannel.length());
    }

    /** This layer's shape for the input, or empty where oneDNN does not apply or refuses it. */
    private Optional<OneDnnBatchNorm.Geometry> oneDnnGeometry(INDArray x) {
        Optional<OneDnnBatchNorm.Geometry> geometry = geometryIfApplicable(x).filter(g -> oneDnn.find(g).isPresent());
        lastPassOnOneDnn = geometry.isPresent();
        return geometry;
    }

    private Optional<OneDnnBatchNorm.Geometry> geometryIfApplicable(INDArray x) {
        org.deeplearning4j.nn.conf.layers.BatchNormalization conf = layerConf();
        if ("dl4j".equals(System.getProperty(ENGINE_PROPERTY)) || !OneDnn.applies(dataType) || x.rank() != 4
                || conf.getCnn2DFormat() != CNN2DFormat.NCHW || conf.isLockGammaBeta() || x.size(1) != conf.getNOut()) {
            return Optional.empty();
        }
        return Optional.of(new OneDnnBatchNorm.Geometry(x.size(0), x.size(1), x.size(2), x.size(3),
                (float) conf.getEps()));
    }
}
