package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Optional;
import java.util.function.Function;

import static dev.netwright.runtime.layers.dl4j.MultiHeadSelfAttentionParamInitializer.*;

/**
 * Runtime layer for {@link MultiHeadSelfAttentionLayer}. Works on feature rows X [mb*T, F]; per head h,
 * A = softmax(Qh·Khᵀ / sqrt(d)) over keys and context = A·Vh; output = concat(context)·Wo + bo. The softmax and its
 * backward pass run on oneDNN's softmax primitives ({@link OneDnnSoftmax}) for float data on the CPU, one native call
 * each; double precision, the CUDA backend, a shape oneDNN refuses and {@code -Dnetwright.softmax=nd4j} run ND4J's
 * element-wise ops, which the double-precision gradient checks cover. A training-mode forward pass writes its
 * intermediates into buffers outside DL4J's workspaces, which the backward pass over the same input reads instead of
 * running the forward pass again.
 */
public class MultiHeadSelfAttentionLayerImpl extends BaseLayer<MultiHeadSelfAttentionLayer> {
    /** {@code -Dnetwright.softmax=nd4j} leaves attention's softmax to ND4J's element-wise ops (for comparisons). */
    static final String SOFTMAX_PROPERTY = "netwright.softmax";
    /**
     * {@code -Dnetwright.attention=nd4j} runs the layer as it was before issue 21's attention work (for comparisons):
     * the backward pass runs the forward pass again, Q, K and V are three products, the scores are scaled apart.
     */
    static final String ATTENTION_PROPERTY = "netwright.attention";

    /**
     * Forward intermediates: the input rows x [mb*T, F]; Q, K and V with heads batched, one after the other in
     * {@code qkv} [3, mb*H, T, d]; the attention weights [mb*H, T, T]; the context rows [mb*T, F]; {@code output} is
     * null until the output projection has run. {@code scaledQ}: Q holds Q/sqrt(d) (the fused path), so the scores
     * need no scaling of their own.
     */
    private record Pass(INDArray x, INDArray qkv, INDArray attention, INDArray context, INDArray output,
                        boolean scaledQ) {
        /** Arrays for a pass over mb sequences of T steps, in the current workspace or outside any (detached). */
        static Pass allocate(DataType type, long mb, long steps, long width, int heads, boolean detached) {
            long d = width / heads;
            return new Pass(create(type, detached, mb * steps, width), create(type, detached, 3, mb * heads, steps, d),
                    create(type, detached, mb * heads, steps, steps), create(type, detached, mb * steps, width), null,
                    false);
        }

        INDArray q() {
            return head(qkv, 0);
        }

        INDArray k() {
            return head(qkv, 1);
        }

        INDArray v() {
            return head(qkv, 2);
        }

        Pass with(INDArray out, boolean scaled) {
            return new Pass(x, qkv, attention, context, out, scaled);
        }

        boolean fits(DataType type, long mb, long steps) {
            return x.dataType() == type && x.size(0) == mb * steps && attention.size(1) == steps;
        }

        private static INDArray create(DataType type, boolean detached, long... shape) {
            return detached ? Nd4j.createUninitializedDetached(type, 'c', shape)
                    : Nd4j.createUninitialized(type, shape, 'c');
        }
    }

    /** The softmax primitives for the last few shapes (full and last batches, evaluation batches). */
    private PrimitiveCache<OneDnnSoftmax.Geometry, OneDnnSoftmax> oneDnnSoftmax =
            new PrimitiveCache<>(OneDnnSoftmax::create);
    private boolean lastSoftmaxOnOneDnn;
    /**
     * The last training-mode forward pass, in detached arrays reused from pass to pass while the shape stays (they
     * must outlive the workspace the forward pass ran in), and the input it was computed from; the backward pass
     * reads it where its input is that one and runs the forward pass again otherwise.
     */
    private Pass kept;
    private INDArray keptInput;
    /** Forward passes run so far, backward passes' recomputations included (for tests). */
    private long forwardPasses;
    private boolean lastPassFused;

    public MultiHeadSelfAttentionLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        requireSequence(input);
        applyDropOutIfNecessary(training, workspaceMgr);
        Pass pass;
        if (training) {
            keptInput = null;
        }
        if (training && !"nd4j".equals(System.getProperty(ATTENTION_PROPERTY))) {
            pass = forward(input, keptArrays(input));
            // Without the output, which lives in this pass's workspace
            kept = pass.with(null, pass.scaledQ());
            keptInput = input;
        } else {
            pass = forward(input, null);
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, FeatureRows.fromRows(pass.output(), input));
    }

    /** Drops the kept forward pass with the input (its arrays stay, to be reused by the next training pass). */
    @Override
    public void clear() {
        super.clear();
        keptInput = null;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        // The kept pass only for the input it was computed from; otherwise (a gradient asked for without a
        // training-mode forward pass over this input) the forward pass runs again
        Pass p = kept != null && keptInput == input ? kept : forward(input, null);
        INDArray dOut = FeatureRows.toRows(epsilon);
        setGrad(WO, Nd4j.gemm(p.context(), dOut, true, false));
        setGrad(BO, dOut.sum(true, 0));
        INDArray dX = p.scaledQ() ? fusedBackward(p, dOut) : separateBackward(p, dOut);

        Gradient gradient = LayerWiring.viewsGradient(layerConf().initializer(), layerConf(), gradientViews);
        INDArray epsOut = workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, FeatureRows.fromRows(dX, input));
        return new Pair<>(gradient, backpropDropOutIfPresent(epsOut));
    }

    /**
     * The backward pass below the output projection for Q, K and V made by one product with Q scaled: the gradients
     * of Q, K and V land in one [3, mb*H, T, d], which one copy turns into rows [mb*T, 3F] for one product each for the
     * input's gradient and the three weights'. Returns the input's gradient as rows.
     */
    private INDArray fusedBackward(Pass p, INDArray dOut) {
        long mb = input.size(0);
        long steps = input.size(2);
        int heads = layerConf().getNHeads();
        long width = dOut.size(1);
        INDArray dContext = split(Nd4j.gemm(dOut, getParam(WO), false, true), mb, steps, heads);
        INDArray dQkv = Nd4j.createUninitialized(dataType, p.qkv().shape(), 'c');

        // context = A·V
        INDArray dAttention = Nd4j.matmul(dContext, p.v(), false, true, false);
        Nd4j.matmul(p.attention(), dContext, head(dQkv, 2), true, false, false);
        // scores = Q'·Kᵀ with Q' = Q/sqrt(d)
        INDArray dScores = softmaxBackward(p.attention(), dAttention);
        Nd4j.matmul(dScores, p.k(), head(dQkv, 0), false, false, false);
        Nd4j.matmul(dScores, p.q(), head(dQkv, 1), true, false, false);

        INDArray dRows = Nd4j.createUninitialized(dataType, new long[] {mb * steps, 3 * width}, 'c');
        long d = width / heads;
        dRows.reshape('c', mb, steps, 3, heads, d).assign(
                dQkv.reshape('c', 3, mb, heads, steps, d).permute(1, 3, 0, 2, 4));
        // Q = x·Wq + bq, so dQ = dQ'/sqrt(d): the scale is folded into the stacked weights and the gradients' copies
        INDArray dX = Nd4j.gemm(dRows, stackedWeights(), false, true);
        INDArray dW = Nd4j.gemm(p.x(), dRows, true, false);
        INDArray dB = dRows.sum(true, 0);
        String[][] pairs = {{WQ, BQ}, {WK, BK}, {WV, BV}};
        for (int i = 0; i < pairs.length; i++) {
            INDArrayIndex columns = NDArrayIndex.interval(i * width, (i + 1) * width);
            double factor = i == 0 ? scale() : 1.0;
            gradientViews.get(pairs[i][0]).assign(dW.get(NDArrayIndex.all(), columns)).muli(factor);
            gradientViews.get(pairs[i][1]).assign(dB.get(NDArrayIndex.all(), columns)).muli(factor);
        }
        return dX;
    }

    /** The backward pass below the output projection as the layer ran it before (-Dnetwright.attention=nd4j). */
    private INDArray separateBackward(Pass p, INDArray dOut) {
        long mb = input.size(0);
        long steps = input.size(2);
        int heads = layerConf().getNHeads();

        INDArray dContext = split(Nd4j.gemm(dOut, getParam(WO), false, true), mb, steps, heads);

        // context = A·V
        INDArray dAttention = Nd4j.matmul(dContext, p.v(), false, true, false);
        INDArray dV = Nd4j.matmul(p.attention(), dContext, true, false, false);

        INDArray dScores = softmaxBackward(p.attention(), dAttention).muli(scale());

        // scores = Q·Kᵀ * scale
        INDArray dQ = merge(Nd4j.matmul(dScores, p.k()), mb, steps, heads);
        INDArray dK = merge(Nd4j.matmul(dScores, p.q(), true, false, false), mb, steps, heads);
        INDArray dVRows = merge(dV, mb, steps, heads);

        INDArray dX = Nd4j.gemm(dQ, getParam(WQ), false, true)
                .addi(Nd4j.gemm(dK, getParam(WK), false, true))
                .addi(Nd4j.gemm(dVRows, getParam(WV), false, true));
        setGrad(WQ, Nd4j.gemm(p.x(), dQ, true, false));
        setGrad(BQ, dQ.sum(true, 0));
        setGrad(WK, Nd4j.gemm(p.x(), dK, true, false));
        setGrad(BK, dK.sum(true, 0));
        setGrad(WV, Nd4j.gemm(p.x(), dVRows, true, false));
        setGrad(BV, dVRows.sum(true, 0));
        return dX;
    }

    /**
     * The attention weights this layer computes for NCW input [mb,F,T], as [mb, heads, T, T]: for each head h, query
     * step i and key step j, {@code softmax_j(Qh·Khᵀ / sqrt(d))[i, j]}; each row (fixed i) sums to 1. For explanations.
     */
    public INDArray attentionWeights(INDArray in) {
        requireSequence(in);
        long mb = in.size(0);
        long steps = in.size(2);
        int heads = layerConf().getNHeads();
        INDArray x = FeatureRows.toRows(in);
        INDArray q = split(project(x, WQ, BQ), mb, steps, heads);
        INDArray k = split(project(x, WK, BK), mb, steps, heads);
        return weights(q, k).reshape('c', mb, heads, steps, steps);
    }

    /**
     * The forward pass over NCW input, its intermediates written into {@code into} (null: new arrays in the current
     * workspace); the output is in the current workspace.
     */
    private Pass forward(INDArray in, Pass into) {
        forwardPasses++;
        long mb = in.size(0);
        long steps = in.size(2);
        int heads = layerConf().getNHeads();
        Pass p = into != null ? into : Pass.allocate(dataType, mb, steps, in.size(1), heads, false);
        long width = in.size(1);
        p.x().reshape('c', mb, steps, width).assign(in.permute(0, 2, 1));
        boolean fused = !"nd4j".equals(System.getProperty(ATTENTION_PROPERTY));
        lastPassFused = fused;
        if (fused) {
            // One product against [Wq/sqrt(d) | Wk | Wv], one copy into the heads of Q, K and V
            INDArray rows = Nd4j.gemm(p.x(), stackedWeights(), false, false).addiRowVector(stackedBiases());
            long d = width / heads;
            p.qkv().reshape('c', 3, mb, heads, steps, d).assign(
                    rows.reshape('c', mb, steps, 3, heads, d).permute(2, 0, 3, 1, 4));
            Nd4j.matmul(p.q(), p.k(), p.attention(), false, true, false);
        } else {
            splitInto(project(p.x(), WQ, BQ), p.q(), mb, steps, heads);
            splitInto(project(p.x(), WK, BK), p.k(), mb, steps, heads);
            splitInto(project(p.x(), WV, BV), p.v(), mb, steps, heads);
            Nd4j.matmul(p.q(), p.k(), p.attention(), false, true, false).muli(scale());
        }
        softmaxOverKeysInPlace(p.attention());
        mergeInto(Nd4j.matmul(p.attention(), p.v()), p.context(), mb, steps, heads);
        return p.with(project(p.context(), WO, BO), fused);
    }

    /**
     * [Wq/sqrt(d) | Wk | Wv] as one [F, 3F] (made at each call: the saved parameters keep their layout), so that Q
     * comes out scaled for the scores.
     */
    private INDArray stackedWeights() {
        return Nd4j.concat(1, getParam(WQ).mul(scale()), getParam(WK), getParam(WV));
    }

    /** [bq/sqrt(d) | bk | bv] as one [1, 3F]. */
    private INDArray stackedBiases() {
        return Nd4j.concat(1, getParam(BQ).mul(scale()), getParam(BK), getParam(BV));
    }

    /** Part i of a [3, B, T, d] as a dense [B, T, d] view. */
    private static INDArray head(INDArray qkv, int i) {
        return qkv.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
    }

    /** The detached arrays for a training pass over {@code in}: the kept ones where the shape is the same. */
    private Pass keptArrays(INDArray in) {
        if (kept == null || !kept.fits(dataType, in.size(0), in.size(2))) {
            kept = null;
            kept = Pass.allocate(dataType, in.size(0), in.size(2), in.size(1), layerConf().getNHeads(), true);
        }
        return kept;
    }

    /** Forward passes run so far, those a backward pass ran again included (for tests). */
    long forwardPasses() {
        return forwardPasses;
    }

    /** Whether the last forward pass made Q, K and V with one product, Q scaled (for tests). */
    boolean lastPassFused() {
        return lastPassFused;
    }

    /** softmax over keys of Q·Kᵀ / sqrt(d), heads batched: [mb*H, T, T]. */
    private INDArray weights(INDArray q, INDArray k) {
        return softmaxOverKeys(Nd4j.matmul(q, k, false, true, false).muli(scale()));
    }

    /**
     * rows·W + b. {@code Nd4j.gemm} writes the product straight into a C-order array; {@code mmul} computed it into an
     * F-order temporary and copied it (8 % of the Transformer sample's {@code fit}, docs/profiles/transformer-epoch.md).
     */
    private INDArray project(INDArray rows, String weight, String bias) {
        return Nd4j.gemm(rows, getParam(weight), false, false).addiRowVector(getParam(bias));
    }

    private double scale() {
        return 1.0 / Math.sqrt(layerConf().headSize());
    }

    /** Numerically stable softmax over the last axis of [B, T, T]. */
    private INDArray softmaxOverKeys(INDArray scores) {
        Optional<OneDnnSoftmax> primitives = softmaxPrimitives(scores);
        if (primitives.isPresent()) {
            INDArray rows = asRows(OneDnn.dense(scores, dataType));
            primitives.get().forward(rows, rows);
            return rows.reshape('c', scores.shape());
        }
        INDArray e = Transforms.exp(scores.sub(scores.max(true, 2)), false);
        return e.divi(e.sum(true, 2));
    }

    /** {@link #softmaxOverKeys} written back into the dense c-order scores. */
    private void softmaxOverKeysInPlace(INDArray scores) {
        Optional<OneDnnSoftmax> primitives = softmaxPrimitives(scores);
        if (primitives.isPresent()) {
            INDArray rows = asRows(OneDnn.requireDense(scores, scores.shape()));
            primitives.get().forward(rows, rows);
        } else {
            INDArray e = Transforms.exp(scores.sub(scores.max(true, 2)), false);
            scores.assign(e.divi(e.sum(true, 2)));
        }
    }

    /** Softmax backward along the key axis: dS = A * (dA - sum_k(dA * A)), from the weights A. */
    private INDArray softmaxBackward(INDArray attention, INDArray dAttention) {
        Optional<OneDnnSoftmax> primitives = softmaxPrimitives(attention);
        if (primitives.isPresent()) {
            INDArray dScores = Nd4j.createUninitialized(dataType, attention.shape(), 'c');
            primitives.get().backward(asRows(OneDnn.dense(attention, dataType)),
                    asRows(OneDnn.dense(dAttention, dataType)), asRows(dScores));
            return dScores;
        }
        return dAttention.sub(dAttention.mul(attention).sum(true, 2)).muli(attention);
    }

    /** Whether the last softmax, forward or backward, ran on oneDNN (for tests). */
    boolean lastSoftmaxOnOneDnn() {
        return lastSoftmaxOnOneDnn;
    }

    /** Makes this layer's softmax primitives with {@code create} from now on (for tests of a refused shape). */
    void makeSoftmaxPrimitivesWith(Function<OneDnnSoftmax.Geometry, OneDnnSoftmax> create) {
        oneDnnSoftmax = new PrimitiveCache<>(create);
    }

    /** oneDNN's softmax for [B, T, T] seen as rows [B*T, T], or empty where it does not apply or is refused. */
    private Optional<OneDnnSoftmax> softmaxPrimitives(INDArray perHead) {
        Optional<OneDnnSoftmax> primitives = Optional.empty();
        if (!"nd4j".equals(System.getProperty(SOFTMAX_PROPERTY)) && OneDnn.applies(dataType)) {
            primitives = oneDnnSoftmax.find(
                    new OneDnnSoftmax.Geometry(perHead.size(0) * perHead.size(1), perHead.size(2)));
        }
        lastSoftmaxOnOneDnn = primitives.isPresent();
        return primitives;
    }

    /** A dense c-order [B, T, T] as rows [B*T, T] (a view of the same memory). */
    private static INDArray asRows(INDArray perHead) {
        return perHead.reshape('c', perHead.size(0) * perHead.size(1), perHead.size(2));
    }

    /** Rows [mb*T, F] to heads [mb*H, T, d]; feature h*d + j belongs to head h. */
    private static INDArray split(INDArray rows, long mb, long steps, int heads) {
        long d = rows.size(1) / heads;
        return rows.reshape('c', mb, steps, heads, d).permute(0, 2, 1, 3).dup('c')
                .reshape('c', mb * heads, steps, d);
    }

    /** {@link #split} into a dense c-order [mb*H, T, d]. */
    private static void splitInto(INDArray rows, INDArray perHead, long mb, long steps, int heads) {
        long d = rows.size(1) / heads;
        perHead.reshape('c', mb, heads, steps, d).assign(rows.reshape('c', mb, steps, heads, d).permute(0, 2, 1, 3));
    }

    /** {@link #merge} into dense c-order rows [mb*T, F]. */
    private static void mergeInto(INDArray perHead, INDArray rows, long mb, long steps, int heads) {
        long d = perHead.size(2);
        rows.reshape('c', mb, steps, heads, d).assign(perHead.reshape('c', mb, heads, steps, d).permute(0, 2, 1, 3));
    }

    /** Inverse of {@link #split}: heads [mb*H, T, d] back to rows [mb*T, F]. */
    private static INDArray merge(INDArray perHead, long mb, long steps, int heads) {
        long d = perHead.size(2);
        return perHead.reshape('c', mb, heads, steps, d).permute(0, 2, 1, 3).dup('c')
                .reshape('c', mb * steps, heads * d);
    }

    private void setGrad(String key, INDArray value) {
        INDArray view = gradientViews.get(key);
        view.assign(value.reshape(view.shape()));
    }

    private void requireSequence(INDArray x) {
        FeatureRows.requireSequence(x, layerConf().getNIn(), "MultiHeadSelfAttentionLayer", layerConf().getLayerName());
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }
}
