package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Optional;

/**
 * Runtime side of {@link OneDnnSubsamplingLayer}: max and average pooling through {@link OneDnnPooling} for float
 * NCHW data on the CPU without dilation; p-norm pooling and everything else through DL4J's own code.
 */
public class OneDnnSubsamplingLayerImpl extends SubsamplingLayer {
    /** The primitives for the last few geometries (inference and backward passes, full and last batches). */
    private final PrimitiveCache<OneDnnPooling.Geometry, OneDnnPooling> oneDnn =
            new PrimitiveCache<>(OneDnnPooling::create);
    private boolean lastPassOnOneDnn;

    public OneDnnSubsamplingLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Optional<OneDnnPooling.Geometry> geometry = oneDnnGeometry();
        if (geometry.isEmpty()) {
            return super.activate(training, workspaceMgr);
        }
        OneDnnPooling.Geometry g = geometry.get();
        INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, g.outputShape(), 'c');
        primitivesFor(g).forward(denseInput(), y, training);
        return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Optional<OneDnnPooling.Geometry> geometry = oneDnnGeometry();
        if (geometry.isEmpty()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        OneDnnPooling.Geometry g = geometry.get();
        OneDnnPooling pooling = primitivesFor(g);
        if (!pooling.hasTrainingState()) {
            // Max pooling's winners come from a training forward pass over this input
            INDArray scratch = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, g.outputShape(), 'c');
            pooling.forward(denseInput(), scratch, true);
        }
        INDArray dy = OneDnn.dense(epsilon, dataType);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, g.inputShape(), 'c');
        pooling.backward(dy, dx);
        return new Pair<>(new DefaultGradient(), dx);
    }

    /** Whether the last forward or backward pass ran on oneDNN (for tests). */
    boolean lastPassOnOneDnn() {
        return lastPassOnOneDnn;
    }

    /** This layer's geometry for the current input, or empty where oneDNN does not apply or refuses it. */
    private Optional<OneDnnPooling.Geometry> oneDnnGeometry() {
        Optional<OneDnnPooling.Geometry> geometry = geometryIfApplicable().filter(g -> oneDnn.find(g).isPresent());
        lastPassOnOneDnn = geometry.isPresent();
        return geometry;
    }

    private Optional<OneDnnPooling.Geometry> geometryIfApplicable() {
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer conf = layerConf();
        OneDnnPooling.Kind kind = switch (conf.getPoolingType()) {
            case MAX -> OneDnnPooling.Kind.MAX;
            // As libnd4j's avgpool2d reads DL4J's flag (DL4J's own comments on it say the opposite)
            case AVG -> conf.isAvgPoolIncludePadInDivisor() ? OneDnnPooling.Kind.AVG_INCLUDE_PADDING
                    : OneDnnPooling.Kind.AVG_EXCLUDE_PADDING;
            default -> null;
        };
        int[] dilation = conf.getDilation();
        if (kind == null || !OneDnn.applies(dataType) || conf.getCnn2dDataFormat() != CNN2DFormat.NCHW
                || input.rank() != 4 || dilation[0] != 1 || dilation[1] != 1) {
            return Optional.empty();
        }
        int[] kernel = conf.getKernelSize();
        int[] strides = conf.getStride();
        OneDnn.Window w = OneDnn.Window.of(input, kernel, strides, dilation, conf.getPadding(), convolutionMode);
        OneDnnPooling.Geometry g = new OneDnnPooling.Geometry(kind, input.size(0), input.size(1), input.size(2),
                input.size(3), w.outH(), w.outW(), kernel[0], kernel[1], strides[0], strides[1], w.padTop(),
                w.padLeft(), w.padBottom(), w.padRight());
        return g.consistent() ? Optional.of(g) : Optional.empty();
    }

    private OneDnnPooling primitivesFor(OneDnnPooling.Geometry g) {
        return oneDnn.get(g);
    }

    private INDArray denseInput() {
        return OneDnn.dense(input, dataType);
    }
}
