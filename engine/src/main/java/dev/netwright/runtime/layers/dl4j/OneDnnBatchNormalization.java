package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * Batch normalisation computed by oneDNN's primitives where they apply ({@link OneDnnBatchNormalizationImpl}):
 * DL4J's {@link BatchNormalization} in every other respect (parameters, running statistics, JSON, its own code as
 * the fallback). DL4J M2.1's oneDNN helper computes the batch's mean and variance in ND4J before oneDNN's forward
 * pass, four times the cost of that pass (docs/profiles/resnet-epoch.md); here oneDNN's training pass computes
 * them.
 */
public class OneDnnBatchNormalization extends BatchNormalization {

    /** For Jackson. */
    public OneDnnBatchNormalization() {
    }

    /** This layer with every setting of {@code built} (DL4J's builder makes the configuration; its layer is copied). */
    public static OneDnnBatchNormalization of(BatchNormalization built) {
        OneDnnBatchNormalization layer = new OneDnnBatchNormalization();
        layer.setLayerName(built.getLayerName());
        layer.setIDropout(built.getIDropout());
        layer.setConstraints(built.getConstraints());
        layer.setActivationFn(built.getActivationFn());
        layer.setWeightInitFn(built.getWeightInitFn());
        layer.setBiasInit(built.getBiasInit());
        layer.setGainInit(built.getGainInit());
        layer.setRegularization(built.getRegularization());
        layer.setRegularizationBias(built.getRegularizationBias());
        layer.setIUpdater(built.getIUpdater());
        layer.setBiasUpdater(built.getBiasUpdater());
        layer.setWeightNoise(built.getWeightNoise());
        layer.setGradientNormalization(built.getGradientNormalization());
        layer.setGradientNormalizationThreshold(built.getGradientNormalizationThreshold());
        layer.setNIn(built.getNIn());
        layer.setNOut(built.getNOut());
        layer.setDecay(built.getDecay());
        layer.setEps(built.getEps());
        layer.setMinibatch(built.isMinibatch());
        layer.setGamma(built.getGamma());
        layer.setBeta(built.getBeta());
        layer.setLockGammaBeta(built.isLockGammaBeta());
        layer.setCudnnAllowFallback(built.isCudnnAllowFallback());
        layer.setUseLogStd(built.isUseLogStd());
        layer.setCnn2DFormat(built.getCnn2DFormat());
        return layer;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNOutSet(getClass().getSimpleName(), getLayerName(), layerIndex, getNOut());
        return LayerWiring.wire(new OneDnnBatchNormalizationImpl(conf, networkDataType), initializer(), conf,
                listeners, layerIndex, paramsView, initializeParams);
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && super.equals(other);
    }

    /** DL4J's Lombok {@code equals} asks the other side; without this a plain BatchNormalization would equal this one. */
    @Override
    protected boolean canEqual(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + getClass().getSimpleName().hashCode();
    }

    /** DL4J's batch-normalisation builder, building this layer. */
    public static class Builder extends BatchNormalization.Builder {
        @Override
        public OneDnnBatchNormalization build() {
            return of(super.build());
        }
    }
}
