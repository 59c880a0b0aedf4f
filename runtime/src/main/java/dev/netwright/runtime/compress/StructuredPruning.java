package dev.netwright.runtime.compress;

import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.ActivationKind;
import dev.netwright.runtime.layers.kinds.BatchNormKind;
import dev.netwright.runtime.layers.kinds.Conv2DKind;
import dev.netwright.runtime.layers.kinds.DenseKind;
import dev.netwright.runtime.layers.kinds.DropoutKind;
import dev.netwright.runtime.layers.kinds.FlattenKind;
import dev.netwright.runtime.layers.kinds.GlobalPoolingKind;
import dev.netwright.runtime.layers.kinds.OutputKind;
import dev.netwright.runtime.weights.DesignWeights;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Structured pruning: removes the convolution filters and dense units whose weights have the smallest L1 norm, and
 * gives a new, smaller design with the weights carried over: the pruned node has fewer filters or units, the
 * BatchNorm after it keeps the kept channels' parameters, and the next Conv2D, Dense or Output reads only the kept
 * channels (after a Flatten, each kept channel's block of positions). A node whose channels reach anything else (an
 * Add or Concat, whose other inputs would have to change too; a recurrent layer) is left whole, and the result says
 * why. The pruned design computes exactly what the original computes with the removed channels' outgoing weights
 * zeroed.
 */
public final class StructuredPruning {
    /** Kinds a channel passes through unchanged, one channel in, the same channel out. */
    private static final Set<String> PASS_THROUGH = Set.of(BatchNormKind.ID, ActivationKind.ID, DropoutKind.ID,
            "MaxPool2D", "AvgPool2D", GlobalPoolingKind.ID, FlattenKind.ID);
    /** Kinds that read channels through their weights' input dimension. */
    private static final Set<String> CONSUMERS = Set.of(Conv2DKind.ID, DenseKind.ID, OutputKind.ID);

    /**
     * The smaller design and its weights.
     *
     * @param design  the design with fewer filters or units (same node ids)
     * @param weights the kept weights, fitting {@code design}
     * @param pruned  what each pruned node kept
     * @param skipped nodes that were not pruned, each with the reason
     */
    public record Result(Design design, DesignWeights weights, List<PrunedNode> pruned, Map<String, String> skipped) {
    }

    /** A pruned node: its channels before and the indices of the channels kept, ascending. */
    public record PrunedNode(String node, int before, int[] kept) {
        public int after() {
            return kept.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PrunedNode p && p.node.equals(node) && p.before == before && Arrays.equals(p.kept, kept);
        }

        @Override
        public int hashCode() {
            return Objects.hash(node, before, Arrays.hashCode(kept));
        }

        @Override
        public String toString() {
            return node + " " + before + " -> " + kept.length;
        }
    }

    /** Where a pruned node's channels are read, and how the reader's input dimension lays them out. */
    private record Reach(List<String> batchNorms, List<Reader> readers, String obstacle) {
    }

    /** A node that reads the channels: each channel is {@code block} consecutive inputs (positions after a Flatten). */
    private record Reader(String node, int block) {
    }

    private StructuredPruning() {
    }

    /**
     * Removes {@code ratio} (at least 0, below 1) of the filters or units of every Conv2D and Dense of {@code design}
     * that can be pruned, by the L1 norm of each filter's or unit's weights; at least one is kept.
     */
    public static Result prune(Design design, DesignWeights weights, double ratio) {
        if (!(ratio >= 0 && ratio < 1)) {
            throw new IllegalArgumentException("the share to remove must be at least 0 and below 1, not " + ratio);
        }
        CheckResult check = new Checker().check(design);
        Map<String, Map<String, INDArray>> params = new LinkedHashMap<>();
        weights.nodeIds().forEach(id -> params.put(id, new LinkedHashMap<>(weights.node(id))));
        Design result = design;
        List<PrunedNode> pruned = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (String id : check.topologicalOrder()) {
            Node node = design.requireNode(id);
            boolean conv = node.kind().equals(Conv2DKind.ID);
            if (!conv && !node.kind().equals(DenseKind.ID)) {
                continue;
            }
            INDArray w = params.getOrDefault(id, Map.of()).get("W");
            if (w == null) {
                skipped.put(id, "it has no weights");
                continue;
            }
            Reach reach = reach(design, check, id);
            if (reach.obstacle() != null) {
                skipped.put(id, reach.obstacle());
                continue;
            }
            int channels = (int) (conv ? w.size(0) : w.size(1));
            int keep = Math.max(1, (int) Math.round(channels * (1 - ratio)));
            int[] kept = strongest(w, conv, keep);
            Map<String, INDArray> own = params.get(id);
            own.put("W", select(w, conv ? 0 : 1, kept, 1));
            if (own.containsKey("b")) {
                own.put("b", select(own.get("b"), own.get("b").rank() - 1, kept, 1));
            }
            for (String bn : reach.batchNorms()) {
                params.get(bn).replaceAll((key, value) -> select(value, value.rank() - 1, kept, 1));
            }
            for (Reader reader : reach.readers()) {
                Map<String, INDArray> theirs = params.get(reader.node());
                boolean convReader = design.requireNode(reader.node()).kind().equals(Conv2DKind.ID);
                theirs.put("W", select(theirs.get("W"), convReader ? 1 : 0, kept, reader.block()));
            }
            result = result.withNode(result.requireNode(id).withParam(conv ? "filters" : "units", kept.length));
            pruned.add(new PrunedNode(id, channels, kept));
        }
        return new Result(result, DesignWeights.of(params), pruned, skipped);
    }

    /** Follows a node's channels through pass-through kinds to the nodes that read them. */
    private static Reach reach(Design design, CheckResult check, String from) {
        List<String> batchNorms = new ArrayList<>();
        List<Reader> readers = new ArrayList<>();
        Deque<String[]> open = new ArrayDeque<>(); // node id, block size of its output per channel
        open.add(new String[] {from, "1"});
        while (!open.isEmpty()) {
            String[] at = open.poll();
            for (Edge edge : design.edgesFrom(at[0])) {
                Node next = design.requireNode(edge.to());
                int block = Integer.parseInt(at[1]);
                if (CONSUMERS.contains(next.kind())) {
                    readers.add(new Reader(next.id(), block));
                } else if (PASS_THROUGH.contains(next.kind())) {
                    if (next.kind().equals(BatchNormKind.ID)) {
                        batchNorms.add(next.id());
                    }
                    if (next.kind().equals(FlattenKind.ID)) {
                        Shape in = check.output(at[0]).orElseThrow();
                        block = in instanceof Shape.Image image ? image.height() * image.width() : block;
                    }
                    open.add(new String[] {next.id(), Integer.toString(block)});
                } else {
                    return new Reach(List.of(), List.of(), String.format(Locale.ROOT,
                            "its channels reach %s '%s', which pruning does not resize", next.kind(), next.id()));
                }
            }
        }
        return readers.isEmpty() ? new Reach(List.of(), List.of(), "nothing reads its channels")
                : new Reach(batchNorms, readers, null);
    }

    /** The {@code keep} filters (conv, dimension 0) or units (dense, dimension 1) of largest L1 norm, ascending. */
    private static int[] strongest(INDArray w, boolean conv, int keep) {
        INDArray abs = Transforms.abs(w, true);
        INDArray norms = conv ? abs.reshape(w.size(0), -1).sum(1) : abs.sum(0);
        double[] l1 = norms.castTo(DataType.DOUBLE).dup().data().asDouble();
        return IntStream.range(0, l1.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -l1[i]).thenComparingInt(i -> i))
                .limit(keep).mapToInt(Integer::intValue).sorted().toArray();
    }

    /**
     * The array with only the kept channels along {@code axis}, where each channel is {@code block} consecutive
     * indices of that axis.
     */
    public static INDArray select(INDArray array, int axis, int[] kept, int block) {
        long[] shape = array.shape();
        long outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= shape[d];
        }
        long inner = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        float[] from = array.castTo(DataType.FLOAT).dup('c').data().asFloat();
        long[] newShape = shape.clone();
        newShape[axis] = (long) kept.length * block;
        float[] to = new float[(int) (outer * newShape[axis] * inner)];
        int at = 0;
        for (long o = 0; o < outer; o++) {
            for (int channel : kept) {
                for (int b = 0; b < block; b++) {
                    long index = (long) channel * block + b;
                    int start = (int) ((o * shape[axis] + index) * inner);
                    System.arraycopy(from, start, to, at, (int) inner);
                    at += (int) inner;
                }
            }
        }
        return Nd4j.create(to, newShape, 'c');
    }
}
