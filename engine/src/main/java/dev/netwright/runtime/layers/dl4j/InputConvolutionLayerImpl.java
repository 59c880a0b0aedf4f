package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Runtime side of {@link InputConvolutionLayer}: a convolution whose backward pass leaves out the input gradient.
 * In float on the CPU that is oneDNN's backward-weights primitive ({@link OneDnnConvolutionLayerImpl}); otherwise
 * the pass below. With the output before the activation at hand (DL4J's cache mode keeps it from the forward
 * pass when a helper ran it), the weight gradient is, per sample, the output gradient as [out channels,
 * outH·outW] times the input's patches (im2col, [in channels·kH·kW, outH·outW]) transposed, summed over the
 * batch; the bias gradient is the output gradient summed over positions and batch. The input gradient
 * returned is zeros. Both layouts are the ones the arrays already have: no permuted copies.
 * With more than {@link #MAX_INPUT_CHANNELS} input channels, patches over {@link #MAX_PATCH_BYTES}, or an NHWC
 * layout, DL4J's own backward pass runs.
 */
public class InputConvolutionLayerImpl extends OneDnnConvolutionLayerImpl {

    /** Largest im2col buffer this backward pass allocates; above it DL4J's own runs. */
    static final long MAX_PATCH_BYTES = 64L << 20;
    /**
     * Most input channels this backward pass takes. Measured against oneDNN's conv2d_bp (3 × 3, batch 64, one
     * thread; InputConvTiming, two runs): 1.4-3.3x faster with 1 and 3 channels (28² to 64² images), 1.3-1.6x
     * slower with 8.
     */
    static final long MAX_INPUT_CHANNELS = 4;

    public InputConvolutionLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected boolean needsInputGradient() {
        return false;
    }

    /** Where oneDNN does not apply (double precision, the GPU): im2col and one product, or DL4J's own. */
    @Override
    protected Pair<Gradient, INDArray> fallbackBackpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf = layerConf();
        INDArray input = this.input.castTo(dataType);
        int[] kernel = conf.getKernelSize();
        int[] strides = conf.getStride();
        int[] dilation = conf.getDilation();
        long miniBatch = input.size(0);
        long inDepth = input.size(1);
        long outDepth = conf.getNOut();
        long patchWidth = inDepth * kernel[0] * kernel[1];
        if (conf.getCnn2dDataFormat() != CNN2DFormat.NCHW || inDepth > MAX_INPUT_CHANNELS
                || epsilon.size(0) * epsilon.size(2) * epsilon.size(3) * patchWidth * dataType.width() > MAX_PATCH_BYTES) {
            return super.fallbackBackpropGradient(epsilon, workspaceMgr);
        }
        if (epsilon.dataType() != dataType) {
            epsilon = epsilon.castTo(dataType);
        }
        int[] outSize = {(int) epsilon.size(2), (int) epsilon.size(3)}; // the gradient has the output's shape
        int[] pad = convolutionMode == ConvolutionMode.Same
                ? ConvolutionUtils.getSameModeTopLeftPadding(outSize,
                        new int[] {(int) input.size(2), (int) input.size(3)}, kernel, strides, dilation)
                : conf.getPadding();
        long positions = (long) outSize[0] * outSize[1];

        // The output before the activation: cached by the forward pass (cache mode and a helper), else computed
        INDArray z = preOutput4d(true, true, workspaceMgr).getFirst();
        INDArray delta = conf.getActivationFn().backprop(z, epsilon).getFirst();
        if (delta.ordering() != 'c' || !Shape.hasDefaultStridesForShape(delta)) {
            delta = delta.dup('c');
        }
        INDArray delta3d = delta.reshape('c', miniBatch, outDepth, positions);

        // Patches in im2col's own layout [batch, in, kH, kW, outH, outW]: as [batch, in·kH·kW, outH·outW] per sample
        INDArray patches = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[] {miniBatch, inDepth, kernel[0], kernel[1], outSize[0], outSize[1]}, 'c');
        Convolution.im2col(input, kernel[0], kernel[1], strides[0], strides[1], pad[0], pad[1], dilation[0],
                dilation[1], convolutionMode == ConvolutionMode.Same, patches);
        INDArray patches3d = patches.reshape('c', miniBatch, patchWidth, positions);

        // Per sample delta [out, positions] · patches^T [positions, in·kH·kW], then summed over the batch
        INDArray perSample = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[] {miniBatch, outDepth, patchWidth}, 'c');
        Nd4j.matmul(delta3d, patches3d, perSample, false, true, false);
        INDArray weightGradView = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY); // [out, in, kH, kW], c order
        INDArray weightGrad2d = Shape.newShapeNoCopy(weightGradView, new long[] {outDepth, patchWidth}, false);
        if (weightGrad2d == null) {
            throw new IllegalStateException("weight gradient view " + Arrays.toString(weightGradView.shape())
                    + " is not in c order");
        }
        perSample.sum(weightGrad2d, 0);

        Gradient gradient = new DefaultGradient();
        if (conf.hasBias()) {
            // Summed over positions as a product with ones (a plain reduction over them took 1.4 ms), then over the batch
            INDArray ones = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {positions, 1}, 'c')
                    .assign(1.0);
            INDArray perChannel = Nd4j.gemm(delta3d.reshape('c', miniBatch * outDepth, positions), ones, false, false);
            INDArray biasGradView = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
            perChannel.reshape('c', miniBatch, outDepth).sum(biasGradView.reshape(outDepth), 0);
            gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView, 'c');
        weightNoiseParams.clear();
        // Nothing below the network's input reads this: zeros of the input's shape
        return new Pair<>(gradient, workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, this.input.shape()));
    }
}
