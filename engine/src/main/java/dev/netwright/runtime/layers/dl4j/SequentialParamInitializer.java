package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lays a layer's named parameters out one after another in DL4J's flat parameter (and gradient) view. */
abstract class SequentialParamInitializer implements ParamInitializer {

    /** Kind of parameter, so DL4J applies weight or bias regularisation / updaters correctly. */
    enum Kind { WEIGHT, BIAS, OTHER }

    /** One named parameter: its shape (c order) and kind, in layout order. */
    record ParamSpec(String key, long[] shape, Kind kind) {
        long length() {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            return n;
        }
    }

    /** The parameters of {@code layer}, in the order they sit in the flat view. */
    protected abstract List<ParamSpec> specs(Layer layer);

    /** Writes initial values into {@code view} (already shaped as the spec says). */
    protected abstract void initialise(Layer layer, ParamSpec spec, INDArray view);

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return specs(layer).stream().mapToLong(ParamSpec::length).sum();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return specs(layer).stream().map(ParamSpec::key).toList();
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return keysOfKind(layer, Kind.WEIGHT);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return keysOfKind(layer, Kind.BIAS);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return weightKeys(layer).contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return biasKeys(layer).contains(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Layer layer = conf.getLayer();
        Map<String, INDArray> views = slice(layer, paramsView);
        for (ParamSpec spec : specs(layer)) {
            if (initializeParams) {
                initialise(layer, spec, views.get(spec.key()));
            }
            // DL4J's updater and serialisation find parameters through the conf's variable list
            conf.addVariable(spec.key());
        }
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return slice(conf.getLayer(), gradientView);
    }

    private List<String> keysOfKind(Layer layer, Kind kind) {
        return specs(layer).stream().filter(s -> s.kind() == kind).map(ParamSpec::key).toList();
    }

    /** Views (never copies) into the flat array, so updates and gradients land in DL4J's buffers. */
    private Map<String, INDArray> slice(Layer layer, INDArray flat) {
        Map<String, INDArray> out = Collections.synchronizedMap(new LinkedHashMap<>());
        long expected = numParams(layer);
        if (expected == 0) {
            return out;
        }
        if (flat == null || flat.length() != expected) {
            throw new IllegalStateException("Layer \"" + layer.getLayerName() + "\" expects " + expected
                    + " parameters, got a view of length " + (flat == null ? "null" : flat.length()));
        }
        INDArray vector = flat.reshape(flat.length());
        long offset = 0;
        for (ParamSpec spec : specs(layer)) {
            INDArray part = vector.get(NDArrayIndex.interval(offset, offset + spec.length()));
            out.put(spec.key(), part.reshape('c', spec.shape()));
            offset += spec.length();
        }
        return out;
    }
}
