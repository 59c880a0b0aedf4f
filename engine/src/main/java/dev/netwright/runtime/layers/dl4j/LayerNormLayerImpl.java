package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Optional;
import java.util.function.Function;

import static dev.netwright.runtime.layers.dl4j.LayerNormParamInitializer.BETA;
import static dev.netwright.runtime.layers.dl4j.LayerNormParamInitializer.GAMMA;

/**
 * Runtime layer for {@link LayerNormLayer}: y = gamma * (x - mean) / sqrt(var + eps) + beta per position. Float data
 * on the CPU runs on oneDNN's layer-normalisation primitives ({@link OneDnnLayerNorm}), one native call per pass;
 * double precision, the CUDA backend, a geometry oneDNN refuses and {@code -Dnetwright.layernorm=nd4j} run the
 * ND4J code below, which the double-precision gradient checks cover.
 */
public class LayerNormLayerImpl extends BaseLayer<LayerNormLayer> {
    /** {@code -Dnetwright.layernorm=nd4j} leaves every layer normalisation to the ND4J code (for comparisons). */
    static final String ENGINE_PROPERTY = "netwright.layernorm";

    /** The normalised rows and the per-row 1/sqrt(var+eps), which backprop needs. */
    private record Normalised(INDArray xHat, INDArray invStd) {
    }

    /** The primitives for the last few shapes (full and last batches, evaluation batches). */
    private PrimitiveCache<OneDnnLayerNorm.Geometry, OneDnnLayerNorm> oneDnn =
            new PrimitiveCache<>(OneDnnLayerNorm::create);
    /** Each row's mean and variance from the last forward pass on oneDNN, and the input they describe. */
    private INDArray rowMean;
    private INDArray rowVariance;
    private INDArray statisticsInput;
    private boolean lastPassOnOneDnn;

    public LayerNormLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        FeatureRows.requireFeatures(input, layerConf().getNIn(), layerConf().getLayerName());
        applyDropOutIfNecessary(training, workspaceMgr);
        statisticsInput = null;
        INDArray rows = FeatureRows.toRows(input);
        Optional<OneDnnLayerNorm.Geometry> geometry = oneDnnGeometry(rows);
        if (geometry.isPresent()) {
            OneDnnLayerNorm.Geometry g = geometry.get();
            INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, g.shape(), 'c');
            allocateStatistics(g.rows());
            oneDnn.get(g).forward(OneDnn.dense(rows, dataType), vector(getParam(GAMMA)), vector(getParam(BETA)), y,
                    rowMean, rowVariance);
            statisticsInput = input;
            return FeatureRows.fromRows(y, input);
        }
        Normalised n = normalise(rows);
        INDArray y = n.xHat().mul(getParam(GAMMA)).addi(getParam(BETA));
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, FeatureRows.fromRows(y, input));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray rows = FeatureRows.toRows(input);
        INDArray dy = FeatureRows.toRows(epsilon);
        INDArray gammaGrad = gradientViews.get(GAMMA);
        INDArray betaGrad = gradientViews.get(BETA);
        Optional<OneDnnLayerNorm.Geometry> geometry = oneDnnGeometry(rows);
        INDArray dx = geometry.isPresent()
                ? oneDnnBackward(geometry.get(), rows, dy, gammaGrad, betaGrad, workspaceMgr)
                : nd4jBackward(rows, dy, gammaGrad, betaGrad);

        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(GAMMA, gammaGrad);
        gradient.gradientForVariable().put(BETA, betaGrad);
        INDArray epsOut = workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, FeatureRows.fromRows(dx, input));
        return new Pair<>(gradient, backpropDropOutIfPresent(epsOut));
    }

    /** Whether the last forward or backward pass ran on oneDNN (for tests). */
    boolean lastPassOnOneDnn() {
        return lastPassOnOneDnn;
    }

    /** Makes this layer's oneDNN primitives with {@code create} from now on (for tests of a refused geometry). */
    void makePrimitivesWith(Function<OneDnnLayerNorm.Geometry, OneDnnLayerNorm> create) {
        oneDnn = new PrimitiveCache<>(create);
    }

    private INDArray oneDnnBackward(OneDnnLayerNorm.Geometry g, INDArray rows, INDArray dy, INDArray gammaGrad,
                                    INDArray betaGrad, LayerWorkspaceMgr workspaceMgr) {
        OneDnnLayerNorm primitives = oneDnn.get(g);
        INDArray x = OneDnn.dense(rows, dataType);
        INDArray gamma = vector(getParam(GAMMA));
        INDArray beta = vector(getParam(BETA));
        if (statisticsInput != input) {
            // No forward pass over this input before (e.g. a gradient asked for without one): compute its statistics
            allocateStatistics(g.rows());
            INDArray scratch = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, g.shape(), 'c');
            primitives.forward(x, gamma, beta, scratch, rowMean, rowVariance);
            statisticsInput = input;
        }
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, g.shape(), 'c');
        primitives.backward(x, gamma, beta, rowMean, rowVariance, OneDnn.dense(dy, dataType), dx, vector(gammaGrad),
                vector(betaGrad));
        return dx;
    }

    private INDArray nd4jBackward(INDArray rows, INDArray dy, INDArray gammaGrad, INDArray betaGrad) {
        // Recompute rather than cache: forward intermediates may live in a workspace that is already closed
        Normalised n = normalise(rows);
        gammaGrad.assign(dy.mul(n.xHat()).sum(true, 0));
        betaGrad.assign(dy.sum(true, 0));

        // d/dx of the normalisation: invStd/F * (F*g - sum(g) - xHat*sum(g*xHat)), g = dy*gamma
        long f = dy.size(1);
        INDArray g = dy.mul(getParam(GAMMA));
        INDArray sumG = g.sum(true, 1);
        INDArray sumGx = g.mul(n.xHat()).sum(true, 1);
        return g.muli(f).subi(sumG).subi(n.xHat().mul(sumGx)).muli(n.invStd()).divi(f);
    }

    private Normalised normalise(INDArray rows) {
        INDArray centred = rows.sub(rows.mean(true, 1));
        INDArray variance = centred.mul(centred).mean(true, 1);
        INDArray invStd = Transforms.pow(variance.addi(layerConf().getEpsilon()), -0.5, false);
        return new Normalised(centred.muli(invStd), invStd);
    }

    private void allocateStatistics(long rows) {
        if (rowMean == null || rowMean.length() != rows) {
            // Outside any workspace: they live from the forward pass to the backward pass
            rowMean = Nd4j.createUninitializedDetached(DataType.FLOAT, rows);
            rowVariance = Nd4j.createUninitializedDetached(DataType.FLOAT, rows);
        }
    }

    /** A per-feature parameter or gradient view [1, F] as a dense float vector of length F (the same memory). */
    private INDArray vector(INDArray perFeature) {
        return OneDnn.dense(perFeature, dataType).reshape(perFeature.length());
    }

    /** This layer's shape for the rows, or empty where oneDNN does not apply or refuses it. */
    private Optional<OneDnnLayerNorm.Geometry> oneDnnGeometry(INDArray rows) {
        Optional<OneDnnLayerNorm.Geometry> geometry = Optional.empty();
        if (!"nd4j".equals(System.getProperty(ENGINE_PROPERTY)) && OneDnn.applies(dataType)) {
            geometry = Optional.of(new OneDnnLayerNorm.Geometry(rows.size(0), rows.size(1),
                    (float) layerConf().getEpsilon())).filter(g -> oneDnn.find(g).isPresent());
        }
        lastPassOnOneDnn = geometry.isPresent();
        return geometry;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }
}
