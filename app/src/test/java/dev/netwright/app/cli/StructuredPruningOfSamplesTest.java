package dev.netwright.app.cli;

import dev.netwright.runtime.compress.StructuredPruning;

import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.InputKind;
import dev.netwright.runtime.weights.DesignWeights;
import dev.netwright.samples.Samples;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smaller design from structured pruning computes what the original computes with the removed channels' outgoing
 * weights zeroed, which is the exact claim; run on the seed CNN (Conv2D, pooling, Flatten, Dense) and the residual CNN
 * (BatchNorm between convolutions; convolutions that feed an Add are left whole).
 */
class StructuredPruningOfSamplesTest {

    private static ComputationGraph network(Design design, DesignWeights weights) throws Exception {
        ComputationGraph graph = new DesignCompiler().compile(design, TrainingSettings.defaults()).newNetwork();
        graph.init();
        if (weights != null) {
            weights.applyTo(graph, design);
        }
        return graph;
    }

    /** The original weights with every removed channel's reading weights set to zero. */
    private static DesignWeights withRemovedChannelsSilenced(DesignWeights original, StructuredPruning.Result result,
                                                             Design design) {
        Map<String, Map<String, INDArray>> params = new LinkedHashMap<>();
        original.nodeIds().forEach(id -> params.put(id, new LinkedHashMap<>(original.node(id))));
        for (StructuredPruning.PrunedNode node : result.pruned()) {
            // the pruned design's readers have fewer inputs; find them as the nodes whose W shrank on its input side
            for (String reader : original.nodeIds()) {
                INDArray before = original.node(reader).get("W");
                INDArray after = result.weights().node(reader).get("W");
                if (before == null || after == null || reader.equals(node.node())) {
                    continue;
                }
                boolean conv = design.requireNode(reader).kind().equals("Conv2D");
                int axis = conv ? 1 : 0;
                if (before.size(axis) == after.size(axis)) {
                    continue;
                }
                int block = (int) (before.size(axis) / node.before());
                if (block * node.before() != before.size(axis) || !readsFrom(design, reader, node.node())) {
                    continue;
                }
                INDArray w = params.get(reader).get("W").dup();
                Set<Integer> kept = Arrays.stream(node.kept()).boxed()
                        .collect(Collectors.toSet());
                for (int c = 0; c < node.before(); c++) {
                    if (kept.contains(c)) {
                        continue;
                    }
                    for (int b = 0; b < block; b++) {
                        long index = (long) c * block + b;
                        if (conv) {
                            w.get(NDArrayIndex.all(),
                                    NDArrayIndex.point(index)).assign(0);
                        } else {
                            w.getRow(index).assign(0);
                        }
                    }
                }
                params.get(reader).put("W", w);
            }
        }
        return DesignWeights.of(params);
    }

    /** Whether {@code reader} is the first node with weights after {@code from} on some path. */
    private static boolean readsFrom(Design design, String reader, String from) {
        Deque<String> open = new ArrayDeque<>(List.of(from));
        while (!open.isEmpty()) {
            for (Edge edge : design.edgesFrom(open.poll())) {
                String kind = design.requireNode(edge.to()).kind();
                if (edge.to().equals(reader)) {
                    return true;
                }
                if (!kind.equals("Conv2D") && !kind.equals("Dense") && !kind.equals("Output")) {
                    open.add(edge.to());
                }
            }
        }
        return false;
    }

    private static void assertSameOutputs(String sample, double ratio) throws Exception {
        Design design = Samples.load(sample);
        Nd4j.getRandom().setSeed(11);
        ComputationGraph original = network(design, null);
        DesignWeights weights = DesignWeights.extract(original, design);

        StructuredPruning.Result result = StructuredPruning.prune(design, weights, ratio);

        assertThat(new Checker().check(result.design()).errorCount()).isZero();
        assertThat(new Checker().check(result.design()).totalParams())
                .isLessThan(new Checker().check(design).totalParams());
        Shape.Image input = (Shape.Image) InputKind.shapeOf(design).orElseThrow();
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, input.channels(), input.height(), input.width());
        INDArray expected = network(design, withRemovedChannelsSilenced(weights, result, design)).outputSingle(x);
        INDArray actual = network(result.design(), result.weights()).outputSingle(x);
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).as(sample).isLessThan(1e-5);
    }

    @Test
    void theSeedCnnLosesHalfItsFiltersAndUnitsAndComputesTheSame() throws Exception {
        Design design = Samples.load("cnn");
        DesignWeights weights = DesignWeights.extract(network(design, null), design);

        StructuredPruning.Result result = StructuredPruning.prune(design, weights, 0.5);

        assertThat(result.pruned()).extracting(StructuredPruning.PrunedNode::node)
                .containsExactly("conv1", "conv2", "conv3", "dense1");
        assertThat(result.pruned()).allSatisfy(n -> assertThat(n.after()).isEqualTo(n.before() / 2));
        assertThat(result.skipped()).isEmpty();
        assertSameOutputs("cnn", 0.5);
    }

    @Test
    void theResidualCnnPrunesBetweenItsAddsAndLeavesWhatFeedsAnAddWhole() throws Exception {
        Design design = Samples.load("resnet");
        DesignWeights weights = DesignWeights.extract(network(design, null), design);

        StructuredPruning.Result result = StructuredPruning.prune(design, weights, 0.25);

        assertThat(result.pruned()).extracting(StructuredPruning.PrunedNode::node).contains("conv2", "conv4");
        assertThat(result.skipped()).containsKey("conv3");
        assertThat(result.skipped().get("conv3")).contains("Add 'add1'");
        assertSameOutputs("resnet", 0.25);
    }

}
