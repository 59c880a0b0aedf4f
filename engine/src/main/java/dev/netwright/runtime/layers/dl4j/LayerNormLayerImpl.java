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
import org.nd4j.linalg.ops.transforms.Transforms;

import static dev.netwright.runtime.layers.dl4j.LayerNormParamInitializer.BETA;
import static dev.netwright.runtime.layers.dl4j.LayerNormParamInitializer.GAMMA;

/** Runtime layer for {@link LayerNormLayer}: y = gamma * (x - mean) / sqrt(var + eps) + beta per position. */
public class LayerNormLayerImpl extends BaseLayer<LayerNormLayer> {

    /** The normalised rows and the per-row 1/sqrt(var+eps), which backprop needs. */
    private record Normalised(INDArray xHat, INDArray invStd) {
    }

    public LayerNormLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        FeatureRows.requireFeatures(input, layerConf().getNIn(), layerConf().getLayerName());
        applyDropOutIfNecessary(training, workspaceMgr);
        Normalised n = normalise(FeatureRows.toRows(input));
        INDArray y = n.xHat().mul(getParam(GAMMA)).addi(getParam(BETA));
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, FeatureRows.fromRows(y, input));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        // Recompute rather than cache: forward intermediates may live in a workspace that is already closed
        Normalised n = normalise(FeatureRows.toRows(input));
        INDArray dy = FeatureRows.toRows(epsilon);

        INDArray gammaGrad = gradientViews.get(GAMMA);
        INDArray betaGrad = gradientViews.get(BETA);
        gammaGrad.assign(dy.mul(n.xHat()).sum(true, 0));
        betaGrad.assign(dy.sum(true, 0));

        // d/dx of the normalisation: invStd/F * (F*g - sum(g) - xHat*sum(g*xHat)), g = dy*gamma
        long f = dy.size(1);
        INDArray g = dy.mul(getParam(GAMMA));
        INDArray sumG = g.sum(true, 1);
        INDArray sumGx = g.mul(n.xHat()).sum(true, 1);
        INDArray dx = g.muli(f).subi(sumG).subi(n.xHat().mul(sumGx)).muli(n.invStd()).divi(f);

        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(GAMMA, gammaGrad);
        gradient.gradientForVariable().put(BETA, betaGrad);
        INDArray epsOut = workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, FeatureRows.fromRows(dx, input));
        return new Pair<>(gradient, backpropDropOutIfPresent(epsOut));
    }

    private Normalised normalise(INDArray rows) {
        INDArray centred = rows.sub(rows.mean(true, 1));
        INDArray variance = centred.mul(centred).mean(true, 1);
        INDArray invStd = Transforms.pow(variance.addi(layerConf().getEpsilon()), -0.5, false);
        return new Normalised(centred.muli(invStd), invStd);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }
}
