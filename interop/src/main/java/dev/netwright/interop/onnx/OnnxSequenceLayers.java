package dev.netwright.interop.onnx;

import dev.netwright.interop.onnx.OnnxGraph.Attribute;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.PositionalEncodingKind;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

/**
 * Netwright's own sequence layers as standard operators: LayerNorm (ONNX's LayerNormalization over the features),
 * the positional signal (an added table), multi-head self-attention (the projections, the heads split from the
 * features, softmax(Q·Kᵀ / sqrt(d))·V) and the post-norm Transformer encoder block built from them.
 */
final class OnnxSequenceLayers {
    private OnnxSequenceLayers() {
    }

    /** LayerNormalization over the last axis with the parameters {@code prefix}weight and {@code prefix}bias. */
    static String layerNorm(OnnxLayerNode n, String x, String prefix, String out) {
        OnnxGraph g = n.graph();
        double epsilon = n.params().getDouble("epsilon");
        return g.op("LayerNormalization", out, List.of(x, g.floats(n.step(prefix + "scale"), n.weight(prefix + "weight")),
                g.floats(n.step(prefix + "bias"), n.weight(prefix + "bias"))),
                Attribute.of("axis", -1L), Attribute.of("epsilon", (float) epsilon));
    }

    /** x + the table [steps, features]: the trained one, or sin on even features and cos on odd ones. */
    static String positionalEncoding(OnnxLayerNode n) {
        Shape.Sequence in = (Shape.Sequence) n.in();
        INDArray table;
        if (PositionalEncodingKind.LEARNED.equals(n.params().getChoice("mode"))) {
            // a shorter sequence uses the first positions of the learned table
            table = n.weight("table").get(NDArrayIndex.interval(0, in.steps()), NDArrayIndex.all());
        } else {
            table = sinusoid(in.steps(), in.features());
        }
        return n.graph().op("Add", n.id(), List.of(n.x(), n.graph().floats(n.step("table"), table)));
    }

    private static INDArray sinusoid(int steps, int features) {
        double[][] table = new double[steps][features];
        for (int f = 0; f < features; f++) {
            double rate = Math.pow(10000.0, -(double) (f - f % 2) / features);
            for (int t = 0; t < steps; t++) {
                table[t][f] = f % 2 == 0 ? Math.sin(t * rate) : Math.cos(t * rate);
            }
        }
        return Nd4j.create(table).castTo(DataType.FLOAT);
    }

    /**
     * Self-attention of x [N, steps, features] with the parameters {@code prefix}in_proj_weight ([3 F, F], Q, K and V
     * stacked), {@code prefix}in_proj_bias and {@code prefix}out_proj.weight/bias.
     */
    static String attention(OnnxLayerNode n, String x, String prefix, String out) {
        OnnxGraph g = n.graph();
        int features = ((Shape.Sequence) n.in()).features();
        int heads = n.params().getInt("heads");
        int headSize = features / heads;
        String projected = g.op("Add", n.step(prefix + "qkv"), List.of(
                g.op("MatMul", n.step(prefix + "qkv_matmul"), List.of(x,
                        g.floats(n.step(prefix + "in_proj_weight"), n.weight(prefix + "in_proj_weight").transpose()))),
                g.floats(n.step(prefix + "in_proj_bias"), n.weight(prefix + "in_proj_bias"))));
        List<String> qkv = g.ops("Split", List.of(n.step(prefix + "q"), n.step(prefix + "k"), n.step(prefix + "v")),
                List.of(projected, g.longs(n.step(prefix + "split"), features, features, features)),
                Attribute.of("axis", 2L));
        // [N, steps, F] -> [N, heads, steps, d]: head h reads features h*d .. (h+1)*d
        String headShape = g.longs(n.step(prefix + "head_shape"), 0, 0, heads, headSize);
        String q = OnnxLayers.transpose(g, g.op("Reshape", n.step(prefix + "q_split"), List.of(qkv.get(0), headShape)),
                n.step(prefix + "q_heads"), 0, 2, 1, 3);
        String kTransposed = OnnxLayers.transpose(g, g.op("Reshape", n.step(prefix + "k_split"),
                List.of(qkv.get(1), headShape)), n.step(prefix + "k_heads_t"), 0, 2, 3, 1);
        String v = OnnxLayers.transpose(g, g.op("Reshape", n.step(prefix + "v_split"), List.of(qkv.get(2), headShape)),
                n.step(prefix + "v_heads"), 0, 2, 1, 3);
        String scores = g.op("Mul", n.step(prefix + "scores"), List.of(
                g.op("MatMul", n.step(prefix + "qk"), List.of(q, kTransposed)),
                g.floatScalar(n.step(prefix + "scale"), (float) (1.0 / Math.sqrt(headSize)))));
        String weights = g.op("Softmax", n.step(prefix + "attention"), List.of(scores), Attribute.of("axis", -1L));
        String context = OnnxLayers.transpose(g, g.op("MatMul", n.step(prefix + "context_heads"), List.of(weights, v)),
                n.step(prefix + "context_steps"), 0, 2, 1, 3);
        String joined = g.op("Reshape", n.step(prefix + "context"), List.of(context,
                g.longs(n.step(prefix + "context_shape"), 0, 0, features)));
        return OnnxLayers.linear(n, prefix + "out_proj.", joined, out);
    }

    /** Netwright's post-norm block: x = LN1(x + attention(x)); out = LN2(x + ff2(relu(ff1(x)))). */
    static String encoderBlock(OnnxLayerNode n) {
        OnnxGraph g = n.graph();
        String attended = attention(n, n.x(), "attn.", n.step("attn.out"));
        String x = layerNorm(n, g.op("Add", n.step("residual1"), List.of(n.x(), attended)), "norm1.", n.step("norm1.out"));
        String hidden = g.op("Relu", n.step("ff1.relu"), List.of(OnnxLayers.linear(n, "ff1.", x, n.step("ff1.out"))));
        String ff = OnnxLayers.linear(n, "ff2.", hidden, n.step("ff2.out"));
        return layerNorm(n, g.op("Add", n.step("residual2"), List.of(x, ff)), "norm2.", n.id());
    }
}
