package dev.netwright.interop.onnx;

import onnx.Onnx;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PyTorch's {@code nn.TransformerEncoderLayer} (post-norm, relu) as {@code torch.onnx.export} writes it, found by the
 * shape of its subgraph: LN2(h + Linear2(Relu(Linear1(h)))) with h = LN1(x + attention(x)), each LayerNorm either
 * LayerNormalization (opset 17) or its decomposition (ReduceMean, Sub, Pow, Sqrt, Div, Mul, Add), and the attention the
 * operators PyTorch writes between x and the residual Add: one projection MatMul to Q, K and V, scaled Q·Kᵀ, Softmax,
 * the product with V and the output Gemm, with only shape arithmetic besides. A match becomes one
 * TransformerEncoderBlock with its weights in Deeplearning4j's layouts; a layer that differs (pre-norm, gelu, a mask)
 * matches nothing and its operators are mapped, and refused, one by one.
 */
final class OnnxEncoderLayers {
    /** Operators the attention's subgraph may hold besides its products: PyTorch's shape arithmetic. */
    private static final Set<String> ATTENTION_OPS = Set.of("Transpose", "Shape", "Constant", "Gather", "Div", "Cast",
            "MatMul", "Add", "Slice", "Mul", "Unsqueeze", "Concat", "Reshape", "Softmax", "Gemm", "Squeeze", "Sqrt");

    /** One recognised encoder layer: what it reads and writes, its operators (by index) and the block it becomes. */
    record Match(String name, String input, String output, int last, Set<Integer> nodes, int heads, int feedForward,
                 double epsilon, Map<String, INDArray> weights) {
    }

    private record Norm(String x, INDArray gamma, INDArray beta, double epsilon, Set<Integer> nodes) {
    }

    private record Linear(String x, INDArray w, INDArray b, Set<Integer> nodes) {
    }

    private record Attention(int heads, INDArray inW, INDArray inB, INDArray outW, INDArray outB, Set<Integer> nodes) {
    }

    private final OnnxGraphIndex g;

    private OnnxEncoderLayers(OnnxGraphIndex index) {
        this.g = index;
    }

    /** The encoder layers of {@code graph}, by the index of the operator that writes each one's output. */
    static Map<Integer, Match> find(Onnx.GraphProto graph, String source) {
        OnnxEncoderLayers finder = new OnnxEncoderLayers(new OnnxGraphIndex(graph, source));
        Map<Integer, Match> found = new LinkedHashMap<>();
        Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < finder.g.size(); i++) {
            Onnx.NodeProto node = finder.g.node(i);
            if (node.getOutputCount() == 0 || !("Add".equals(node.getOpType()) || "LayerNormalization".equals(node.getOpType()))) {
                continue;
            }
            Match match = finder.layer(node.getOutput(0));
            if (match != null && match.nodes().stream().noneMatch(taken::contains)) {
                taken.addAll(match.nodes());
                found.put(match.last(), match);
            }
        }
        return found;
    }

    private Match layer(String out) {
        Norm norm2 = norm(out);
        Onnx.NodeProto add2 = norm2 == null ? null : g.produced(norm2.x(), "Add");
        if (add2 == null || add2.getInputCount() != 2) {
            return null;
        }
        for (int order = 0; order < 2; order++) {
            String h = add2.getInput(order);
            Norm norm1 = norm(h);
            Linear ff2 = linear(add2.getInput(1 - order));
            Onnx.NodeProto relu = ff2 == null ? null : g.produced(ff2.x(), "Relu");
            Linear ff1 = relu == null ? null : linear(relu.getInput(0));
            Onnx.NodeProto add1 = norm1 == null ? null : g.produced(norm1.x(), "Add");
            if (ff1 == null || !ff1.x().equals(h) || add1 == null || add1.getInputCount() != 2
                    || Math.abs(norm1.epsilon() - norm2.epsilon()) > 1e-3 * norm2.epsilon()) {
                continue;
            }
            for (int side = 0; side < 2; side++) {
                String x = add1.getInput(side);
                Attention attention = attention(add1.getInput(1 - side), x);
                if (attention != null) {
                    Set<Integer> all = new HashSet<>(attention.nodes());
                    all.addAll(norm1.nodes());
                    all.addAll(norm2.nodes());
                    all.addAll(ff1.nodes());
                    all.addAll(ff2.nodes());
                    all.add(g.producer(relu.getOutput(0)));
                    all.add(g.producer(add1.getOutput(0)));
                    all.add(g.producer(add2.getOutput(0)));
                    if (!g.closed(all, out)) {
                        continue;
                    }
                    return match(out, x, all, attention, norm1, norm2, ff1, ff2);
                }
            }
        }
        return null;
    }

    private Match match(String out, String x, Set<Integer> all, Attention a, Norm norm1, Norm norm2, Linear ff1, Linear ff2) {
        long d = a.outW().size(0);
        Map<String, INDArray> w = new LinkedHashMap<>();
        String[] names = {"q", "k", "v"};
        for (int i = 0; i < 3; i++) {
            w.put("attn/W" + names[i], a.inW().get(NDArrayIndex.all(), NDArrayIndex.interval(i * d, (i + 1) * d)).dup('c'));
            w.put("attn/b" + names[i], a.inB().reshape(3 * d).get(NDArrayIndex.interval(i * d, (i + 1) * d)).dup('c'));
        }
        w.put("attn/Wo", a.outW());
        w.put("attn/bo", a.outB());
        w.put("norm1/gamma", norm1.gamma());
        w.put("norm1/beta", norm1.beta());
        w.put("ff1/W", ff1.w());
        w.put("ff1/b", ff1.b());
        w.put("ff2/W", ff2.w());
        w.put("ff2/b", ff2.b());
        w.put("gamma", norm2.gamma());
        w.put("beta", norm2.beta());
        int last = g.producer(out);
        String name = g.node(last).getName();
        int scope = name.indexOf("/norm2/");
        name = scope > 0 ? name.substring(0, scope) : name.isEmpty() ? "TransformerEncoderLayer" : name;
        return new Match(name, x, out, last, all, a.heads(), (int) ff1.w().size(1), norm2.epsilon(), w);
    }

    /** LayerNormalization over the last axis, or PyTorch's decomposition of it at opsets before 17. */
    private Norm norm(String out) {
        Onnx.NodeProto ln = g.produced(out, "LayerNormalization");
        if (ln != null) {
            long axis = new OnnxAttributes(ln).integer("axis", -1);
            INDArray gamma = g.constant(ln.getInput(1));
            INDArray beta = ln.getInputCount() > 2 ? g.constant(ln.getInput(2)) : null;
            if ((axis != -1 && axis != 2) || gamma == null || beta == null) {
                return null;
            }
            return new Norm(ln.getInput(0), gamma, beta, new OnnxAttributes(ln).decimal("epsilon", 1e-5),
                    g.indices(out));
        }
        Onnx.NodeProto addBeta = g.produced(out, "Add");
        String scaled = addBeta == null ? null : g.other(addBeta);
        Onnx.NodeProto mulGamma = g.produced(scaled, "Mul");
        String normalised = mulGamma == null ? null : g.other(mulGamma);
        Onnx.NodeProto div = g.produced(normalised, "Div");
        Onnx.NodeProto sub = div == null ? null : g.produced(div.getInput(0), "Sub");
        Onnx.NodeProto mean = sub == null ? null : g.produced(sub.getInput(1), "ReduceMean");
        Onnx.NodeProto sqrt = div == null ? null : g.produced(div.getInput(1), "Sqrt");
        Onnx.NodeProto addEps = sqrt == null ? null : g.produced(sqrt.getInput(0), "Add");
        Onnx.NodeProto variance = addEps == null ? null : g.produced(g.other(addEps), "ReduceMean");
        Onnx.NodeProto pow = variance == null ? null : g.produced(variance.getInput(0), "Pow");
        if (pow == null || !overLastAxis(mean) || !overLastAxis(variance) || !mean.getInput(0).equals(sub.getInput(0))
                || !pow.getInput(0).equals(sub.getOutput(0)) || !isScalar(g.constant(pow.getInput(1)), 2)) {
            return null;
        }
        INDArray eps = g.constant(addEps.getInput(0)) != null ? g.constant(addEps.getInput(0)) : g.constant(addEps.getInput(1));
        INDArray gamma = g.constantOf(mulGamma);
        INDArray beta = g.constantOf(addBeta);
        if (eps == null || eps.length() != 1 || gamma == null || beta == null) {
            return null;
        }
        Set<Integer> used = g.indices(out, scaled, normalised, sub.getOutput(0), mean.getOutput(0), div.getInput(1),
                sqrt.getInput(0), variance.getOutput(0), pow.getOutput(0));
        used.addAll(g.constantNodes(pow, addEps, mulGamma, addBeta));
        return new Norm(sub.getInput(0), gamma, beta, eps.getDouble(0), used);
    }

    private boolean overLastAxis(Onnx.NodeProto reduce) {
        OnnxAttributes a = new OnnxAttributes(reduce);
        List<Long> axes = a.integers("axes", List.of());
        return reduce.getInputCount() == 1 && a.integer("keepdims", 1) == 1 && (axes.equals(List.of(-1L)) || axes.equals(List.of(2L)));
    }

    /** Add(bias, MatMul(x, W)) in either order, W [in, out] and the bias [out] constants. */
    private Linear linear(String out) {
        Onnx.NodeProto add = g.produced(out, "Add");
        INDArray b = add == null ? null : g.constantOf(add);
        Onnx.NodeProto mm = b == null ? null : g.produced(g.other(add), "MatMul");
        INDArray w = mm == null ? null : g.constant(mm.getInput(1));
        if (w == null || w.rank() != 2 || b.length() != w.size(1)) {
            return null;
        }
        Set<Integer> used = g.indices(out, mm.getOutput(0));
        used.addAll(g.constantNodes(add, mm));
        return new Linear(mm.getInput(0), w, b, used);
    }

    /** PyTorch's multi-head self-attention from x to {@code out}: the operators between them, checked and read. */
    private Attention attention(String out, String x) {
        Set<Integer> found = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(out));
        while (!todo.isEmpty()) {
            String t = todo.pop();
            if (t.isEmpty() || t.equals(x) || g.isInitializer(t)) {
                continue;
            }
            Integer p = g.producer(t);
            if (p == null) {
                return null; // another of the graph's inputs
            }
            Onnx.NodeProto n = g.node(p);
            if (found.contains(p) || ("Identity".equals(n.getOpType()) && g.constant(t) != null)) {
                continue; // seen, or an Identity of a weight (outside the layer)
            }
            if (!ATTENTION_OPS.contains(n.getOpType()) || found.size() > 400) {
                return null;
            }
            found.add(p);
            todo.addAll(g.node(p).getInputList());
        }
        Onnx.NodeProto gemm = g.only(found, "Gemm");
        Onnx.NodeProto softmax = g.only(found, "Softmax");
        if (gemm == null || softmax == null || g.count(found, "MatMul") != 3 || !gemm.getOutput(0).equals(deepest(out, found))) {
            return null;
        }
        OnnxAttributes gemmOptions = new OnnxAttributes(gemm);
        INDArray outB = gemm.getInputCount() > 2 ? g.constant(gemm.getInput(2)) : null;
        INDArray outW = g.constant(gemm.getInput(1));
        if (outW == null || outB == null || gemmOptions.decimal("alpha", 1) != 1 || gemmOptions.decimal("beta", 1) != 1 || gemmOptions.integer("transA", 0) != 0
                || outW.rank() != 2 || outW.size(0) != outW.size(1) || outB.length() != outW.size(0)) {
            return null;
        }
        outW = gemmOptions.integer("transB", 0) == 1 ? outW.transpose().dup('c') : outW;
        long d = outW.size(0);
        Onnx.NodeProto project = null;
        INDArray inW = null;
        for (int i : found) {
            Onnx.NodeProto n = g.node(i);
            Onnx.NodeProto transpose = "MatMul".equals(n.getOpType()) ? g.produced(n.getInput(0), "Transpose") : null;
            INDArray w = "MatMul".equals(n.getOpType()) ? g.constant(n.getInput(1)) : null;
            if (transpose != null && transpose.getInput(0).equals(x) && w != null && w.rank() == 2 && w.size(0) == d
                    && w.size(1) == 3 * d && new OnnxAttributes(transpose).integers("perm", List.of()).equals(List.of(1L, 0L, 2L))) {
                project = n;
                inW = w;
            }
        }
        Onnx.NodeProto bias = project == null ? null : g.readerOf(project.getOutput(0), found, "Add");
        INDArray inB = bias == null ? null : g.constantOf(bias);
        int heads = heads(softmax, found, d);
        long axis = new OnnxAttributes(softmax).integer("axis", -1);
        if (inB == null || inB.length() != 3 * d || heads < 1 || (axis != -1 && axis != 2) || !onlyOneScaleAndBias(found)) {
            return null;
        }
        return new Attention(heads, inW, inB, outW, outB, found);
    }

    /**
     * Whether the values pass through float constants only at the projection's bias (one Add) and the scale on Q (one
     * Div or Mul): the shape arithmetic computes on integers. Another scaling (of K too, as later exporters write it)
     * or another added constant (a mask) would compute something the block does not.
     */
    private boolean onlyOneScaleAndBias(Set<Integer> found) {
        long scales = found.stream().map(g::node).filter(n -> Set.of("Div", "Mul").contains(n.getOpType())
                && n.getInputList().stream().anyMatch(in -> g.constant(in) != null)).count();
        long added = found.stream().map(g::node).filter(n -> "Add".equals(n.getOpType())
                && n.getInputList().stream().anyMatch(in -> g.constant(in) != null)).count();
        return scales == 1 && added == 1;
    }

    /** The heads from the scale on Q·Kᵀ: Q divided by sqrt(d / heads), or multiplied by its inverse. */
    private int heads(Onnx.NodeProto softmax, Set<Integer> found, long d) {
        Onnx.NodeProto scores = g.produced(softmax.getInput(0), "MatMul");
        if (scores == null || !found.contains(g.producer(scores.getOutput(0)))) {
            return -1; // a mask or anything else between the scores and the softmax
        }
        for (String in : scores.getInputList()) {
            Integer p = g.producer(in);
            Onnx.NodeProto scale = p == null ? null : g.node(p);
            INDArray c = scale == null || !Set.of("Div", "Mul").contains(scale.getOpType()) ? null : g.constant(scale.getInput(1));
            if (c == null || c.length() != 1) {
                continue;
            }
            double v = c.getDouble(0);
            double headSize = "Div".equals(scale.getOpType()) ? v * v : 1 / (v * v);
            long size = Math.round(headSize);
            if (size > 0 && Math.abs(headSize - size) < 1e-3 && d % size == 0) {
                return (int) (d / size);
            }
        }
        return -1;
    }

    /** The tensor the Gemm's result reaches {@code out} through: only Reshape and Transpose may follow it. */
    private String deepest(String out, Set<Integer> found) {
        String t = out;
        Onnx.NodeProto n = g.node(g.producer(t));
        while ("Reshape".equals(n.getOpType()) || "Transpose".equals(n.getOpType())) {
            t = n.getInput(0);
            Integer p = g.producer(t);
            if (p == null || !found.contains(p)) {
                return "";
            }
            n = g.node(p);
        }
        return t;
    }

    private static boolean isScalar(INDArray c, double value) {
        return c != null && c.length() == 1 && c.getDouble(0) == value;
    }
}
