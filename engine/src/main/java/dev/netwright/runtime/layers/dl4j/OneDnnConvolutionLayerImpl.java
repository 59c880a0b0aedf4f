package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Optional;

/**
 * Runtime side of {@link OneDnnConvolutionLayer} (and, without the input gradient, of
 * {@link InputConvolutionLayer}): the output before the activation and the backward pass through
 * {@link OneDnnConvolution}, for float NCHW data on the CPU without weight noise; otherwise DL4J's own code.
 * The activation and its derivative stay DL4J's, as does caching the output before the activation for the
 * backward pass (cache mode).
 */
public class OneDnnConvolutionLayerImpl extends ConvolutionLayer {
    /** The primitives for the last few geometries (inference and backward passes, full and last batches). */
    private final PrimitiveCache<OneDnnConvolution.Geometry, OneDnnConvolution> oneDnn =
            new PrimitiveCache<>(OneDnnConvolution::create);
    private boolean lastPassOnOneDnn;
    /** The output of the last training forward pass with a fused ReLU, and the input it read. */
    private INDArray fusedOutput;
    private INDArray fusedInput;

    public OneDnnConvolutionLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Whether the layer below reads this layer's input gradient (not when the input is the network's). */
    protected boolean needsInputGradient() {
        return true;
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Optional<OneDnnConvolution.Geometry> geometry = oneDnnGeometry(false);
        if (geometry.isEmpty()) {
            return super.preOutput(training, forBackprop, workspaceMgr);
        }
        if (forBackprop && preOutput != null) {
            return new Pair<>(preOutput, null);
        }
        OneDnnConvolution.Geometry g = geometry.get();
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, g.outputShape(), 'c');
        primitivesFor(g).forward(denseInput(), weights(), bias(), z);
        return new Pair<>(z, null);
    }

    /**
     * With a plain ReLU, the activation is computed inside oneDNN's forward primitive and its output is kept for
     * the backward pass (the ReLU's derivative is read from it), instead of DL4J's separate activation pass and
     * its copy of the output before the activation.
     */
    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        fusedOutput = null;
        fusedInput = null;
        Optional<OneDnnConvolution.Geometry> geometry = fusesRelu() ? oneDnnGeometry(true) : Optional.empty();
        if (geometry.isEmpty()) {
            return super.activate(training, workspaceMgr);
        }
        applyDropOutIfNecessary(training, workspaceMgr);
        OneDnnConvolution.Geometry g = geometry.get();
        INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, g.outputShape(), 'c');
        primitivesFor(g).forward(denseInput(), weights(), bias(), y);
        if (training) {
            fusedOutput = y;
            fusedInput = input;
        }
        return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        // The fused forward pass's output, if it ran on this input
        boolean fused = fusedOutput != null && fusedInput == input;
        Optional<OneDnnConvolution.Geometry> geometry = oneDnnGeometry(fused);
        if (geometry.isEmpty()) {
            return fallbackBackpropGradient(epsilon, workspaceMgr);
        }
        OneDnnConvolution.Geometry g = geometry.get();
        INDArray delta;
        if (fused) {
            delta = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, g.outputShape(), 'c');
            primitivesFor(g).reluBackward(OneDnn.dense(epsilon, dataType), fusedOutput, delta);
        } else {
            INDArray z = preOutput4d(true, true, workspaceMgr).getFirst();
            delta = OneDnn.dense(layerConf().getActivationFn().backprop(z, epsilon.castTo(dataType)).getFirst(),
                    dataType);
        }
        INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray biasGrad = layerConf().hasBias() ? gradientViews.get(ConvolutionParamInitializer.BIAS_KEY) : null;
        INDArray inputGrad = needsInputGradient()
                ? workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, g.inputShape(), 'c') : null;
        primitivesFor(g).backward(denseInput(), weights(), delta, weightGrad,
                biasGrad == null ? null : biasGrad.reshape(g.outChannels()), inputGrad);
        Gradient gradient = new DefaultGradient();
        if (biasGrad != null) {
            gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
        }
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad, 'c');
        weightNoiseParams.clear();
        if (inputGrad == null) {
            // Nothing below the network's input reads it: zeros of the input's shape
            return new Pair<>(gradient, workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, input.shape()));
        }
        return new Pair<>(gradient, backpropDropOutIfPresent(inputGrad));
    }

    /** A ReLU without cap, threshold or slope: oneDNN's eltwise_relu. */
    private boolean fusesRelu() {
        return layerConf().getActivationFn() instanceof ActivationReLU relu && relu.getMax() == null
                && relu.getThreshold() == null && relu.getNegativeSlope() == null;
    }

    /** The backward pass where oneDNN does not apply: DL4J's. */
    protected Pair<Gradient, INDArray> fallbackBackpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return super.backpropGradient(epsilon, workspaceMgr);
    }

    /** Whether the last forward or backward pass ran on oneDNN (for tests). */
    boolean lastPassOnOneDnn() {
        return lastPassOnOneDnn;
    }

    /** This layer's geometry for the current input, or empty where oneDNN does not apply or refuses it. */
    private Optional<OneDnnConvolution.Geometry> oneDnnGeometry(boolean fusedRelu) {
        Optional<OneDnnConvolution.Geometry> geometry = geometryIfApplicable(fusedRelu)
                .filter(g -> oneDnn.find(g).isPresent());
        lastPassOnOneDnn = geometry.isPresent();
        return geometry;
    }

    private Optional<OneDnnConvolution.Geometry> geometryIfApplicable(boolean fusedRelu) {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf = layerConf();
        if (!OneDnn.applies(dataType) || conf.getCnn2dDataFormat() != CNN2DFormat.NCHW || input.rank() != 4
                || conf.getWeightNoise() != null) {
            return Optional.empty();
        }
        validateInputRank();
        validateInputDepth(input.size(1));
        int[] kernel = conf.getKernelSize();
        int[] strides = conf.getStride();
        int[] dilation = conf.getDilation();
        OneDnn.Window w = OneDnn.Window.of(input, kernel, strides, dilation, conf.getPadding(), convolutionMode);
        OneDnnConvolution.Geometry g = new OneDnnConvolution.Geometry(input.size(0), input.size(1), input.size(2),
                input.size(3), conf.getNOut(), w.outH(), w.outW(), kernel[0], kernel[1], strides[0], strides[1],
                dilation[0], dilation[1], w.padTop(), w.padLeft(), w.padBottom(), w.padRight(), conf.hasBias(),
                fusedRelu);
        return g.consistent() ? Optional.of(g) : Optional.empty();
    }

    private OneDnnConvolution primitivesFor(OneDnnConvolution.Geometry g) {
        return oneDnn.get(g);
    }

    private INDArray denseInput() {
        return OneDnn.dense(input, dataType);
    }

    private INDArray weights() {
        return OneDnn.dense(getParam(ConvolutionParamInitializer.WEIGHT_KEY), dataType);
    }

    private INDArray bias() {
        return layerConf().hasBias() ? getParam(ConvolutionParamInitializer.BIAS_KEY).reshape(layerConf().getNOut()) : null;
    }
}
