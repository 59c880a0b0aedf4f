package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/** Connects a freshly built runtime layer to its parameters, as DL4J's own layer configs do in {@code instantiate}. */
final class LayerWiring {
    private LayerWiring() {
    }

    static <L extends AbstractLayer<?>> L wire(L impl, ParamInitializer initializer, NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView, boolean initializeParams) {
        impl.setListeners(listeners);
        impl.setIndex(layerIndex);
        impl.setParamsViewArray(paramsView);
        impl.setParamTable(initializer.init(conf, paramsView, initializeParams));
        impl.setConf(conf);
        return impl;
    }
}
