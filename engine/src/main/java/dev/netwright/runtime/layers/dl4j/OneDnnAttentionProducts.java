package dev.netwright.runtime.layers.dl4j;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.matmul;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static dev.netwright.runtime.layers.dl4j.OneDnn.pointerTo;
import static dev.netwright.runtime.layers.dl4j.OneDnn.requireDense;
import static dev.netwright.runtime.layers.dl4j.OneDnn.unbound;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

/**
 * The per-head products of multi-head attention on oneDNN's matmul primitive, reading and writing the heads where they
 * lie in the rows, so that no head is copied out or back: Q, K and V inside rows [mb*T, 3F] laid out as
 * [mb, T, 3, H, d], the context and its gradient inside rows [mb*T, F] as [mb, T, H, d], the attention weights and
 * their gradients dense [mb*H, T, T]. All six products (two forward, four backward) are made at once, so that a
 * geometry oneDNN refuses is refused before any pass has run on it. Not thread-safe: one instance per layer and shape.
 */
final class OneDnnAttentionProducts implements AutoCloseable {

    /** mb sequences of T steps, H heads of d features each. */
    record Geometry(long batch, long steps, long heads, long headSize) {
        long width() {
            return heads * headSize;
        }
    }

    /** One product: its primitive and memories over DL4J's arrays (handles set before each call). */
    private static final class Product implements AutoCloseable {
        private final matmul.primitive_desc desc;
        private final matmul primitive;
        private final memory src;
        private final memory weights;
        private final memory dst;

        Product(memory.desc src, memory.desc weights, memory.desc dst) {
            desc = new matmul.primitive_desc(new matmul.desc(src, weights, dst), OneDnn.cpu());
            primitive = new matmul(desc);
            this.src = unbound(src);
            this.weights = unbound(weights);
            this.dst = unbound(dst);
        }

        void run(stream stream, INDArray srcData, INDArray weightsData, INDArray dstData) {
            src.set_data_handle(pointerTo(srcData));
            weights.set_data_handle(pointerTo(weightsData));
            dst.set_data_handle(pointerTo(dstData));
            IntMemoryMap args = new IntMemoryMap();
            args.put(DNNL_ARG_SRC, src);
            args.put(DNNL_ARG_WEIGHTS, weights);
            args.put(DNNL_ARG_DST, dst);
            OneDnn.run(primitive, stream, args);
        }

        @Override
        public void close() {
            OneDnn.close(primitive, src, weights, dst, desc);
        }
    }

    private final Geometry geometry;
    private final stream stream = new stream(OneDnn.cpu());
    private final Product scores;
    private final Product context;
    private final Product attentionGradient;
    private final Product valueGradient;
    private final Product queryGradient;
    private final Product keyGradient;

    private OneDnnAttentionProducts(Geometry g) {
        this.geometry = g;
        long mb = g.batch();
        long t = g.steps();
        long h = g.heads();
        long d = g.headSize();
        long f = g.width();
        long qkvRow = 3 * f;
        // [mb, H, T, d] inside rows [mb*T, 3F] (Q, K or V, at its column offset), and transposed [mb, H, d, T]
        memory.desc headsInQkv = strided(new long[] {mb, h, t, d}, t * qkvRow, d, qkvRow, 1);
        memory.desc headsInQkvTransposed = strided(new long[] {mb, h, d, t}, t * qkvRow, d, 1, qkvRow);
        // [mb, H, T, d] inside rows [mb*T, F]
        memory.desc headsInRows = strided(new long[] {mb, h, t, d}, t * f, d, f, 1);
        memory.desc weights = strided(new long[] {mb, h, t, t}, h * t * t, t * t, t, 1);
        memory.desc weightsTransposed = strided(new long[] {mb, h, t, t}, h * t * t, t * t, 1, t);
        scores = new Product(headsInQkv, headsInQkvTransposed, weights);
        context = new Product(weights, headsInQkv, headsInRows);
        attentionGradient = new Product(headsInRows, headsInQkvTransposed, weights);
        valueGradient = new Product(weightsTransposed, headsInRows, headsInQkv);
        queryGradient = new Product(weights, headsInQkv, headsInQkv);
        keyGradient = new Product(weightsTransposed, headsInQkv, headsInQkv);
    }

    /** The primitives for one shape; {@link OneDnn#available()} must have said yes. */
    static OneDnnAttentionProducts create(Geometry geometry) {
        if (geometry.batch() < 1 || geometry.steps() < 1 || geometry.heads() < 1 || geometry.headSize() < 1) {
            throw new IllegalArgumentException("empty attention shape " + geometry);
        }
        return new OneDnnAttentionProducts(geometry);
    }

    /** scores = Q·Kᵀ per head, from rows [mb*T, 3F], into dense [mb*H, T, T]. */
    void scores(INDArray qkv, INDArray scoresOut) {
        scores.run(stream, part(qkv, 0), part(qkv, 1), weights(scoresOut));
    }

    /** context = A·V per head, into rows [mb*T, F]. */
    void context(INDArray attention, INDArray qkv, INDArray contextRows) {
        context.run(stream, weights(attention), part(qkv, 2), rows(contextRows));
    }

    /** dA = dContext·Vᵀ per head, from the context's gradient as rows [mb*T, F], into dense [mb*H, T, T]. */
    void attentionGradient(INDArray dContextRows, INDArray qkv, INDArray dAttention) {
        attentionGradient.run(stream, rows(dContextRows), part(qkv, 2), weights(dAttention));
    }

    /** dV = Aᵀ·dContext per head, into V's columns of the gradient rows [mb*T, 3F]. */
    void valueGradient(INDArray attention, INDArray dContextRows, INDArray dQkv) {
        valueGradient.run(stream, weights(attention), rows(dContextRows), part(dQkv, 2));
    }

    /** dQ = dScores·K per head, into Q's columns of the gradient rows [mb*T, 3F]. */
    void queryGradient(INDArray dScores, INDArray qkv, INDArray dQkv) {
        queryGradient.run(stream, weights(dScores), part(qkv, 1), part(dQkv, 0));
    }

    /** dK = dScoresᵀ·Q per head, into K's columns of the gradient rows [mb*T, 3F]. */
    void keyGradient(INDArray dScores, INDArray qkv, INDArray dQkv) {
        keyGradient.run(stream, weights(dScores), part(qkv, 0), part(dQkv, 1));
    }

    /** Columns [i*F, (i+1)*F) of dense rows [mb*T, 3F]: a view whose address is that part's first element. */
    private INDArray part(INDArray qkvRows, int i) {
        long f = geometry.width();
        requireDense(qkvRows, geometry.batch() * geometry.steps(), 3 * f);
        return qkvRows.get(NDArrayIndex.all(), NDArrayIndex.interval(i * f, (i + 1) * f));
    }

    private INDArray rows(INDArray rows) {
        return requireDense(rows, geometry.batch() * geometry.steps(), geometry.width());
    }

    private INDArray weights(INDArray perHead) {
        return requireDense(perHead, geometry.batch() * geometry.heads(), geometry.steps(), geometry.steps());
    }

    private static memory.desc strided(long[] dims, long... strides) {
        return new memory.desc(dims, memory.data_type.f32, strides);
    }

    @Override
    public void close() {
        for (Product product : new Product[] {scores, context, attentionGradient, valueGradient, queryGradient,
                keyGradient}) {
            product.close();
        }
        OneDnn.close(stream);
    }
}
