package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import static dev.netwright.runtime.layers.dl4j.GruParamInitializer.INPUT_BIAS;
import static dev.netwright.runtime.layers.dl4j.GruParamInitializer.INPUT_WEIGHTS;
import static dev.netwright.runtime.layers.dl4j.GruParamInitializer.RECURRENT_BIAS;
import static dev.netwright.runtime.layers.dl4j.GruParamInitializer.RECURRENT_WEIGHTS;
import static dev.netwright.runtime.layers.dl4j.GruParamInitializer.key;

/**
 * Runtime layer for {@link GruLayer}: a loop over the time steps in ND4J, one matrix product per step for the
 * recurrent weights (the input weights are applied to all steps at once). The backward pass runs the forward pass
 * again to get the gates, so nothing is cached between the two (as for {@link NativeLstmLayerImpl}).
 */
public class GruLayerImpl extends BaseLayer<GruLayer> {

    public GruLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** One direction's forward pass over a TNC-ordered input: every step's gates, for the backward pass. */
    private record Steps(INDArray xRows, INDArray hPrev, INDArray h, INDArray reset, INDArray update,
                         INDArray candidate, INDArray candidatePre, INDArray recurrentCandidate) {
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        requireSequence(input);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray xTnc = input.castTo(dataType).permute(2, 0, 1).dup('c');
        INDArray hTnc = forward(xTnc, false).h();
        if (layerConf().isBidirectional()) {
            INDArray backward = reverse(forward(reverse(xTnc), true).h());
            hTnc = Nd4j.concat(2, hTnc, backward);
        }
        INDArray h = hTnc.permute(1, 2, 0);
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, layerConf().isReturnSequences() ? h : lastStep(h), 'c');
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray xTnc = input.castTo(dataType).permute(2, 0, 1).dup('c');
        long steps = xTnc.size(0);
        long mb = xTnc.size(1);
        long width = layerConf().outputWidth();
        INDArray dLdhTnc;
        if (layerConf().isReturnSequences()) {
            dLdhTnc = epsilon.castTo(dataType).permute(2, 0, 1).dup('c');
        } else {
            // Only the last step was used: its gradient, zeros elsewhere
            dLdhTnc = Nd4j.zeros(dataType, steps, mb, width);
            dLdhTnc.get(NDArrayIndex.point(steps - 1), NDArrayIndex.all(), NDArrayIndex.all())
                    .assign(epsilon.castTo(dataType));
        }
        long nOut = layerConf().getNOut();
        INDArray dLdxTnc = backward(forward(xTnc, false),
                dLdhTnc.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, nOut)).dup('c'), false);
        if (layerConf().isBidirectional()) {
            INDArray dLdhBackward = reverse(dLdhTnc.get(NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.interval(nOut, 2 * nOut)).dup('c'));
            dLdxTnc.addi(reverse(backward(forward(reverse(xTnc), true), dLdhBackward, true)));
        }
        INDArray dLdx = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, dLdxTnc.permute(1, 2, 0), 'c');
        Gradient gradient = LayerWiring.viewsGradient(layerConf().initializer(), layerConf(), gradientViews);
        return new Pair<>(gradient, backpropDropOutIfPresent(dLdx));
    }

    /** One direction over x in TNC [T, mb, nIn], starting from h = 0. */
    private Steps forward(INDArray xTnc, boolean backward) {
        long steps = xTnc.size(0);
        long mb = xTnc.size(1);
        long nOut = layerConf().getNOut();
        INDArray w = getParam(key(INPUT_WEIGHTS, backward));
        INDArray rw = getParam(key(RECURRENT_WEIGHTS, backward));
        INDArray b = getParam(key(INPUT_BIAS, backward));
        INDArray rb = getParam(key(RECURRENT_BIAS, backward));
        INDArray xRows = xTnc.reshape('c', steps * mb, xTnc.size(2));
        // x·W + b for every step at once: [T, mb, 3*nOut]
        INDArray xw = xRows.mmul(w).addiRowVector(b).reshape('c', steps, mb, 3 * nOut);

        INDArray h = Nd4j.zeros(dataType, steps, mb, nOut);
        INDArray hPrev = Nd4j.zeros(dataType, steps, mb, nOut);
        INDArray reset = Nd4j.zeros(dataType, steps, mb, nOut);
        INDArray update = Nd4j.zeros(dataType, steps, mb, nOut);
        INDArray candidate = Nd4j.zeros(dataType, steps, mb, nOut);
        INDArray candidatePre = Nd4j.zeros(dataType, steps, mb, nOut);
        INDArray recurrentCandidate = Nd4j.zeros(dataType, steps, mb, nOut);
        IActivation activation = layerConf().getActivationFn();
        INDArray previous = Nd4j.zeros(dataType, mb, nOut);
        for (long t = 0; t < steps; t++) {
            INDArray xwt = at(xw, t);
            INDArray hr = previous.mmul(rw).addiRowVector(rb);
            INDArray r = Transforms.sigmoid(gate(xwt, GruParamInitializer.GATE_RESET, nOut)
                    .add(gate(hr, GruParamInitializer.GATE_RESET, nOut)), false);
            INDArray z = Transforms.sigmoid(gate(xwt, GruParamInitializer.GATE_UPDATE, nOut)
                    .add(gate(hr, GruParamInitializer.GATE_UPDATE, nOut)), false);
            INDArray hrn = gate(hr, GruParamInitializer.GATE_CANDIDATE, nOut).dup();
            INDArray pre = gate(xwt, GruParamInitializer.GATE_CANDIDATE, nOut).add(r.mul(hrn));
            INDArray n = activation.getActivation(pre.dup(), true);
            // h' = (1 − z) ⊙ n + z ⊙ h = n + z ⊙ (h − n)
            INDArray next = n.add(z.mul(previous.sub(n)));
            at(hPrev, t).assign(previous);
            at(reset, t).assign(r);
            at(update, t).assign(z);
            at(candidate, t).assign(n);
            at(candidatePre, t).assign(pre);
            at(recurrentCandidate, t).assign(hrn);
            at(h, t).assign(next);
            previous = next;
        }
        return new Steps(xRows, hPrev, h, reset, update, candidate, candidatePre, recurrentCandidate);
    }

    /**
     * One direction's backward pass: adds dL/dW, dL/dRW, dL/db and dL/dRb into the gradient views and returns
     * dL/dx in TNC.
     */
    private INDArray backward(Steps s, INDArray dLdh, boolean backward) {
        long steps = s.h().size(0);
        long mb = s.h().size(1);
        long nOut = layerConf().getNOut();
        INDArray rw = getParam(key(RECURRENT_WEIGHTS, backward));
        INDArray w = getParam(key(INPUT_WEIGHTS, backward));
        IActivation activation = layerConf().getActivationFn();
        INDArray dXw = Nd4j.zeros(dataType, steps, mb, 3 * nOut);
        INDArray dRw = Nd4j.zeros(dataType, nOut, 3 * nOut);
        INDArray dRb = Nd4j.zeros(dataType, 3 * nOut);
        INDArray dNext = Nd4j.zeros(dataType, mb, nOut);
        for (long t = steps - 1; t >= 0; t--) {
            INDArray dh = at(dLdh, t).add(dNext);
            INDArray z = at(s.update(), t);
            INDArray r = at(s.reset(), t);
            INDArray n = at(s.candidate(), t);
            INDArray previous = at(s.hPrev(), t);
            INDArray dn = dh.mul(z.rsub(1.0));
            INDArray dz = dh.mul(previous.sub(n));
            INDArray dPre = activation.backprop(at(s.candidatePre(), t).dup(), dn).getFirst();
            INDArray dr = dPre.mul(at(s.recurrentCandidate(), t));
            // through the sigmoids: σ' = σ(1 − σ)
            INDArray drPre = dr.mul(r).muli(r.rsub(1.0));
            INDArray dzPre = dz.mul(z).muli(z.rsub(1.0));
            INDArray dXwt = at(dXw, t);
            gate(dXwt, GruParamInitializer.GATE_RESET, nOut).assign(drPre);
            gate(dXwt, GruParamInitializer.GATE_UPDATE, nOut).assign(dzPre);
            gate(dXwt, GruParamInitializer.GATE_CANDIDATE, nOut).assign(dPre);
            INDArray dHr = Nd4j.concat(1, drPre, dzPre, dPre.mul(r));
            dRw.addi(previous.transpose().mmul(dHr));
            dRb.addi(dHr.sum(0));
            dNext = dh.mul(z).addi(dHr.mmul(rw.transpose()));
        }
        INDArray dXwRows = dXw.reshape('c', steps * mb, 3 * nOut);
        gradientViews.get(key(INPUT_WEIGHTS, backward)).assign(s.xRows().transpose().mmul(dXwRows));
        gradientViews.get(key(INPUT_BIAS, backward)).assign(dXwRows.sum(0));
        gradientViews.get(key(RECURRENT_WEIGHTS, backward)).assign(dRw);
        gradientViews.get(key(RECURRENT_BIAS, backward)).assign(dRb);
        return dXwRows.mmul(w.transpose()).reshape('c', steps, mb, w.size(0));
    }

    /** Step t of a TNC array: a view [mb, F]. */
    private static INDArray at(INDArray tnc, long t) {
        return tnc.get(NDArrayIndex.point(t), NDArrayIndex.all(), NDArrayIndex.all());
    }

    /** One gate's block of a [mb, 3*nOut] array: a view [mb, nOut]. */
    private static INDArray gate(INDArray rows, int gate, long nOut) {
        return rows.get(NDArrayIndex.all(), NDArrayIndex.interval(gate * nOut, (gate + 1) * nOut));
    }

    /** The steps in reverse order (a copy), TNC. */
    private static INDArray reverse(INDArray tnc) {
        long steps = tnc.size(0);
        INDArray out = Nd4j.createUninitialized(tnc.dataType(), tnc.shape(), 'c');
        for (long t = 0; t < steps; t++) {
            at(out, steps - 1 - t).assign(at(tnc, t));
        }
        return out;
    }

    private static INDArray lastStep(INDArray sequence) {
        return sequence.get(new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.point(sequence.size(2) - 1)});
    }

    private void requireSequence(INDArray x) {
        FeatureRows.requireSequence(x, layerConf().getNIn(), "GruLayer", layerConf().getLayerName());
        if (maskArray != null) {
            throw new UnsupportedOperationException("GruLayer \"" + layerConf().getLayerName()
                    + "\" does not support masked (variable-length) sequences");
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        this.maskArray = maskArray;
        this.maskState = currentMaskState;
        // A last-step output has no time axis left to mask
        return new Pair<>(layerConf().isReturnSequences() ? maskArray : null, currentMaskState);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }
}
