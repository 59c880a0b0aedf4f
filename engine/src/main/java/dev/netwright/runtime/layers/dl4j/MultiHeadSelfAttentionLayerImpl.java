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
 * element-wise ops, which the double-precision gradient checks cover. Q, K and V come from one product against the
 * three weights side by side, 1/sqrt(d) folded into Q's; the per-head products read and write the heads in place in
 * the rows on oneDNN's matmul ({@link OneDnnAttentionProducts}) for float data on the CPU, and are copied into
 * batched heads for ND4J's matmul otherwise. A training-mode forward pass writes its intermediates into buffers outside
 * DL4J's workspaces, which the backward pass over the same input reads instead of running the forward pass again.
 */
public class MultiHeadSelfAttentionLayerImpl extends BaseLayer<MultiHeadSelfAttentionLayer> {
    /** {@code -Dnetwright.softmax=nd4j} leaves attention's softmax to ND4J's element-wise ops (for comparisons). */
    static final String SOFTMAX_PROPERTY = "netwright.softmax";
    /**
     * {@code -Dnetwright.attention=nd4j} runs the layer as it was before issue 21's attention work (for comparisons):
     * the backward pass runs the forward pass again, Q, K and V are three products, the scores are scaled apart.
     * {@code -Dnetwright.attention=nd4j-matmul} keeps the new layer but runs its per-head products on ND4J's matmul.
     */
    static final String ATTENTION_PROPERTY = "netwright.attention";

    /**
     * Forward intermediates: the input rows x [mb*T, F]; Q, K and V in {@code qkv}; the attention weights
     * [mb*H, T, T]; the context rows [mb*T, F]; {@code output} is null until the output projection has run.
     * {@code scaledQ} (the new layer): qkv holds the rows [mb*T, 3F] of one product, laid out [mb, T, 3, H, d], Q
     * already divided by sqrt(d); otherwise (the old layer) the heads [3, mb*H, T, d], Q unscaled.
     */
    private record Pass(INDArray x, INDArray qkv, INDArray attention, INDArray context, INDArray output,
                        boolean scaledQ) {
        /** Arrays for a pass over mb sequences of T steps, in the current workspace or outside any (detached). */
        static Pass allocate(DataType type, long mb, long steps, long width, int heads, boolean scaledQ,
                             boolean detached) {
            long d = width / heads;
            INDArray qkv = scaledQ ? create(type, detached, mb * steps, 3 * width)
                    : create(type, detached, 3, mb * heads, steps, d);
            return new Pass(create(type, detached, mb * steps, width), qkv,
                    create(type, detached, mb * heads, steps, steps), create(type, detached, mb * steps, width), null,
                    scaledQ);
        }

        /** The old layer's Q heads (and K, V below): only where {@code scaledQ} is false. */
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

        boolean fits(DataType type, long mb, long steps, boolean scaled) {
            return x.dataType() == type && x.size(0) == mb * steps && attention.size(1) == steps && scaledQ == scaled;
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
    /** The per-head products' primitives for the last few shapes. */
    private PrimitiveCache<OneDnnAttentionProducts.Geometry, OneDnnAttentionProducts> oneDnnProducts =
            new PrimitiveCache<>(OneDnnAttentionProducts::create);
    private boolean lastProductsOnOneDnn;
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
     * The backward pass below the output projection of the new layer: the gradients of Q, K and V land in rows
     * [mb*T, 3F] like the forward pass's, for one product each for the input's gradient and the three weights'.
     * Returns the input's gradient as rows.
     */
    private INDArray fusedBackward(Pass p, INDArray dOut) {
        long mb = input.size(0);
        long steps = input.size(2);
        int heads = layerConf().getNHeads();
        long width = dOut.size(1);
        INDArray dContext = Nd4j.gemm(dOut, getParam(WO), false, true);
        INDArray dQkv = Nd4j.createUninitialized(dataType, p.qkv().shape(), 'c');
        Optional<OneDnnAttentionProducts> products = productPrimitives(mb, steps, heads, width / heads);
        INDArray dScores;
        if (products.isPresent()) {
            INDArray dAttention = Nd4j.createUninitialized(dataType, p.attention().shape(), 'c');
            products.get().attentionGradient(dContext, p.qkv(), dAttention);
            products.get().valueGradient(p.attention(), dContext, dQkv);
            dScores = softmaxBackward(p.attention(), dAttention);
            products.get().queryGradient(dScores, p.qkv(), dQkv);
            products.get().keyGradient(dScores, p.qkv(), dQkv);
        } else {
            // context = A·V, scores = Q'·Kᵀ with Q' = Q/sqrt(d), on heads copied out of the rows and back
            INDArray dContextHeads = split(dContext, mb, steps, heads);
            INDArray dAttention = Nd4j.matmul(dContextHeads, headsOf(p.qkv(), 2, mb, steps, heads), false, true,
                    false);
            INDArray dV = Nd4j.matmul(p.attention(), dContextHeads, true, false, false);
            dScores = softmaxBackward(p.attention(), dAttention);
            INDArray dQ = Nd4j.matmul(dScores, headsOf(p.qkv(), 1, mb, steps, heads));
            INDArray dK = Nd4j.matmul(dScores, headsOf(p.qkv(), 0, mb, steps, heads), true, false, false);
            INDArray[] parts = {dQ, dK, dV};
            for (int i = 0; i < parts.length; i++) {
                partOfRows(dQkv, i, mb, steps, heads).assign(parts[i].reshape('c', mb, heads, steps, width / heads));
            }
        }
        // Q = x·Wq + bq, so dQ = dQ'/sqrt(d): the scale is folded into the stacked weights and the gradients' copies
        INDArray dX = Nd4j.gemm(dQkv, stackedWeights(), false, true);
        INDArray dW = Nd4j.gemm(p.x(), dQkv, true, false);
        INDArray dB = dQkv.sum(true, 0);
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
        long width = in.size(1);
        boolean fused = newLayer();
        Pass p = into != null ? into : Pass.allocate(dataType, mb, steps, width, heads, fused, false);
        lastPassFused = fused;
        p.x().reshape('c', mb, steps, width).assign(in.permute(0, 2, 1));
        if (fused) {
            // One product against [Wq/sqrt(d) | Wk | Wv]: rows [mb*T, 3F], Q already scaled for the scores
            Nd4j.gemm(p.x(), stackedWeights(), p.qkv(), false, false, 1.0, 0.0).addiRowVector(stackedBiases());
            Optional<OneDnnAttentionProducts> products = productPrimitives(mb, steps, heads, width / heads);
            if (products.isPresent()) {
                products.get().scores(p.qkv(), p.attention());
                softmaxOverKeysInPlace(p.attention());
                products.get().context(p.attention(), p.qkv(), p.context());
            } else {
                Nd4j.matmul(headsOf(p.qkv(), 0, mb, steps, heads), headsOf(p.qkv(), 1, mb, steps, heads),
                        p.attention(), false, true, false);
                softmaxOverKeysInPlace(p.attention());
                mergeInto(Nd4j.matmul(p.attention(), headsOf(p.qkv(), 2, mb, steps, heads)), p.context(), mb, steps,
                        heads);
            }
        } else {
            splitInto(project(p.x(), WQ, BQ), p.q(), mb, steps, heads);
            splitInto(project(p.x(), WK, BK), p.k(), mb, steps, heads);
            splitInto(project(p.x(), WV, BV), p.v(), mb, steps, heads);
            Nd4j.matmul(p.q(), p.k(), p.attention(), false, true, false).muli(scale());
            softmaxOverKeysInPlace(p.attention());
            mergeInto(Nd4j.matmul(p.attention(), p.v()), p.context(), mb, steps, heads);
        }
        return p.with(project(p.context(), WO, BO), fused);
    }

    /** Whether this pass runs the new layer (not -Dnetwright.attention=nd4j). */
    private static boolean newLayer() {
        return !"nd4j".equals(System.getProperty(ATTENTION_PROPERTY));
    }

    /** oneDNN's per-head products for this shape, or empty where they do not apply or are refused. */
    private Optional<OneDnnAttentionProducts> productPrimitives(long mb, long steps, int heads, long headSize) {
        Optional<OneDnnAttentionProducts> primitives = Optional.empty();
        if (!"nd4j-matmul".equals(System.getProperty(ATTENTION_PROPERTY)) && OneDnn.applies(dataType)) {
            primitives = oneDnnProducts.find(new OneDnnAttentionProducts.Geometry(mb, steps, heads, headSize));
        }
        lastProductsOnOneDnn = primitives.isPresent();
        return primitives;
    }

    /** Whether the last pass's per-head products, forward or backward, ran on oneDNN (for tests). */
    boolean lastProductsOnOneDnn() {
        return lastProductsOnOneDnn;
    }

    /** Makes this layer's product primitives with {@code create} from now on (for tests of a refused shape). */
    void makeProductPrimitivesWith(
            Function<OneDnnAttentionProducts.Geometry, OneDnnAttentionProducts> create) {
        oneDnnProducts = new PrimitiveCache<>(create);
    }

    /** Part i (Q, K or V) of rows [mb*T, 3F] laid out [mb, T, 3, H, d], as a view [mb, H, T, d]. */
    private static INDArray partOfRows(INDArray qkvRows, int i, long mb, long steps, int heads) {
        long d = qkvRows.size(1) / 3 / heads;
        return qkvRows.reshape('c', mb, steps, 3, heads, d)
                .get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(i), NDArrayIndex.all(),
                        NDArrayIndex.all())
                .permute(0, 2, 1, 3);
    }

    /** Part i of rows [mb*T, 3F] copied into batched heads [mb*H, T, d] (for ND4J's matmul). */
    private static INDArray headsOf(INDArray qkvRows, int i, long mb, long steps, int heads) {
        INDArray part = partOfRows(qkvRows, i, mb, steps, heads);
        return part.dup('c').reshape('c', mb * heads, steps, part.size(3));
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

    /** Part i of the old layer's heads [3, B, T, d] as a dense [B, T, d] view. */
    private static INDArray head(INDArray qkv, int i) {
        return qkv.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
    }

    /** The detached arrays for a training pass over {@code in}: the kept ones where the shape is the same. */
    private Pass keptArrays(INDArray in) {
        boolean fused = newLayer();
        if (kept == null || !kept.fits(dataType, in.size(0), in.size(2), fused)) {
            kept = null;
            kept = Pass.allocate(dataType, in.size(0), in.size(2), in.size(1), layerConf().getNHeads(), fused, true);
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
