package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/** Base configuration for Netwright layers whose output has the input's shape: [mb,F] or NCW [mb,F,T]. */
public abstract class ShapePreservingLayer extends FeedForwardLayer {

    /** For Jackson: DL4J rebuilds layer configurations from JSON through the no-arg constructor. */
    protected ShapePreservingLayer() {
    }

    protected ShapePreservingLayer(FeedForwardLayer.Builder<?> builder) {
        super(builder);
        this.nOut = this.nIn;
    }

    /** Whether plain feed-forward [mb,F] input is accepted as well as recurrent NCW input. */
    protected abstract boolean acceptsFeedForward();

    /** Hook for subclasses that also need the sequence length or other facts of the input type. */
    protected void onInputType(InputType inputType, boolean override) {
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        requireSupported(inputType);
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        requireSupported(inputType);
        long size = inputType.getType() == InputType.Type.RNN
                ? ((InputType.InputTypeRecurrent) inputType).getSize()
                : ((InputType.InputTypeFeedForward) inputType).getSize();
        if (override || nIn <= 0) {
            nIn = size;
        }
        nOut = nIn;
        onInputType(inputType, override);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        // Unlike a dense layer we work on recurrent data directly, so DL4J must not flatten it first
        requireSupported(inputType);
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        ParamInitializer init = initializer();
        long numParams = init.numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
        long perExample = inputType.arrayElementsPerExample();
        // Backprop recomputes the forward intermediates, a few activation-sized arrays per example
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, inputType)
                .standardMemory(numParams, updaterState)
                .workingMemory(0, perExample * workingArraysPerExample(), 0,
                        perExample * workingArraysPerExample())
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** Rough number of activation-sized temporaries the forward pass allocates. */
    protected long workingArraysPerExample() {
        return 2;
    }

    /** Connects a freshly built runtime layer to its parameters, as DL4J's own layer configs do. */
    protected <L extends AbstractLayer<?>> L wire(L impl, NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView, boolean initializeParams) {
        return LayerWiring.wire(impl, initializer(), conf, listeners, layerIndex, paramsView, initializeParams);
    }

    private void requireSupported(InputType inputType) {
        if (inputType == null) {
            throw new IllegalStateException(describe() + ": input type is null");
        }
        boolean ok = switch (inputType.getType()) {
            case RNN -> ((InputType.InputTypeRecurrent) inputType).getFormat() == RNNFormat.NCW;
            case FF -> acceptsFeedForward();
            default -> false;
        };
        if (!ok) {
            throw new IllegalStateException(describe() + " expects " + (acceptsFeedForward()
                    ? "feed-forward [mb,F] or recurrent NCW [mb,F,T]" : "recurrent NCW [mb,F,T]")
                    + " input, got " + inputType);
        }
    }

    protected String describe() {
        return getClass().getSimpleName() + " \"" + layerName + "\"";
    }
}
