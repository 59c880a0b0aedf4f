package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

/** Wiring shared by Netwright's own DL4J layers: parameters at {@code instantiate}, gradient views at backprop. */
final class LayerWiring {
    private LayerWiring() {
    }

    /** A gradient holding every parameter's gradient view, for layers that write their gradients into the views. */
    static Gradient viewsGradient(ParamInitializer initializer, org.deeplearning4j.nn.conf.layers.Layer conf,
                                  Map<String, INDArray> gradientViews) {
        Gradient gradient = new DefaultGradient();
        for (String key : initializer.paramKeys(conf)) {
            gradient.gradientForVariable().put(key, gradientViews.get(key));
        }
        return gradient;
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
