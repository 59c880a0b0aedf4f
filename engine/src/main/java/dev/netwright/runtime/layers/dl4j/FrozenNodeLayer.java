package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Collection;
import java.util.List;

/**
 * A layer whose parameters training leaves as they are, the gradient still flowing through it to the layers before:
 * DL4J's {@link FrozenLayerWithBackprop}, and two things it lacks in 1.0.0-M2.1. DL4J's keeps the wrapped layer's
 * optimizer and regularisation (Adam state for parameters that never move, and L2 that would move them), so this
 * one's layer answers with no updater and no regularisation ({@link FrozenNodeLayerImpl#getConfig}); and BatchNorm inside
 * DL4J's fails in the backward pass (deeplearning4j issue 9101), so this one gives BatchNorm's inference-mode
 * gradient itself. The wrapped layer runs in inference mode: BatchNorm normalises with, and keeps, its running
 * statistics.
 */
public class FrozenNodeLayer extends FrozenLayerWithBackprop {

    public FrozenNodeLayer(@JsonProperty("layer") Layer layer) {
        super(layer);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        org.deeplearning4j.nn.layers.FrozenLayerWithBackprop dl4j = (org.deeplearning4j.nn.layers.FrozenLayerWithBackprop)
                super.instantiate(conf, trainingListeners, layerIndex, layerParamsView, initializeParams, networkDataType);
        return new FrozenNodeLayerImpl(dl4j.getUnderlying());
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return new NoOp();
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return List.of();
    }
}
