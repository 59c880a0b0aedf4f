package dev.netwright.runtime.compile;

import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.NodeReport;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.Dl4jTypes;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds the checker to what DL4J really builds: per node, the activation of a forward pass, the type
 * DL4J reports, and the parameters of all the node's vertices.
 */
public final class Dl4jShapes {
    private Dl4jShapes() {
    }

    /**
     * Every way the checker's shapes and parameter counts differ from DL4J for this compiled design; empty
     * when they agree. Runs one forward pass of two random examples.
     */
    public static List<String> disagreements(CompiledDesign compiled) {
        CheckResult check = compiled.check();
        Map<String, InputType> reported = activationTypes(compiled);
        ComputationGraph graph = compiled.newNetwork();
        Map<String, Long> params = paramsPerNode(graph);
        INDArray[] inputs = compiled.inputTypes().stream()
                .map(t -> Nd4j.rand(graph.getConfiguration().getDataType(), withMinibatch(t.getShape(true), 2)))
                .toArray(INDArray[]::new);
        Map<String, INDArray> activations = graph.feedForward(inputs, false);

        List<String> problems = new ArrayList<>();
        for (NodeReport report : check.nodes().values()) {
            String id = report.nodeId();
            Shape real = shapeOf(activations.get(id));
            if (!real.equals(report.output())) {
                problems.add(id + ": the checker says " + report.output() + ", DL4J computes " + real);
            }
            InputType ours = Dl4jTypes.of(report.output());
            if (!reportedAgrees(reported.get(id), ours, real)) {
                problems.add(id + ": DL4J reports " + reported.get(id) + ", the checker " + ours);
            }
            long dl4jParams = params.getOrDefault(id, 0L);
            if (dl4jParams != report.params()) {
                problems.add(id + ": the checker counts " + report.params() + " parameters, DL4J holds " + dl4jParams);
            }
        }
        if (graph.params().length() != check.totalParams()) {
            problems.add("total: the checker counts " + check.totalParams() + " parameters, DL4J holds "
                    + graph.params().length());
        }
        return problems;
    }

    /**
     * DL4J's reported output type of every vertex, by vertex name. Works on a copy: DL4J's one-argument
     * {@code getLayerActivationTypes} overrides each layer's nIn in place.
     */
    public static Map<String, InputType> activationTypes(CompiledDesign compiled) {
        return compiled.configuration().clone()
                .getLayerActivationTypes(true, false, compiled.inputTypes().toArray(InputType[]::new));
    }

    /**
     * Parameters per node of an initialised network, counted from the real parameter arrays (DL4J's
     * {@code numParams()} is not trusted: it misses some vertices' parameters).
     */
    public static Map<String, Long> paramsPerNode(ComputationGraph graph) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : graph.paramTable().entrySet()) {
            String key = e.getKey();
            String vertex = key.substring(0, key.lastIndexOf('_'));
            int slash = vertex.indexOf('/');
            String node = slash < 0 ? vertex : vertex.substring(0, slash);
            counts.merge(node, e.getValue().length(), Long::sum);
        }
        return counts;
    }

    /** The shape of one example in a real activation array: [mb,N], NCW [mb,F,T] or NCHW [mb,C,H,W]. */
    public static Shape shapeOf(INDArray activation) {
        long[] s = activation.shape();
        return switch (s.length) {
            case 2 -> new Shape.Vector((int) s[1]);
            case 3 -> new Shape.Sequence((int) s[2], (int) s[1]);
            case 4 -> new Shape.Image((int) s[2], (int) s[3], (int) s[1]);
            default -> throw new IllegalArgumentException("no Netwright shape has rank " + s.length);
        };
    }

    /**
     * DL4J M2.1's reported types agree with ours except for known reporting gaps, where the real
     * activation (compared separately) is the truth: a "time-distributed" mark on 2-D types;
     * GlobalPoolingLayer reporting its recurrent input type although it emits [mb, F]; Bidirectional
     * dropping the sequence length.
     */
    private static boolean reportedAgrees(InputType reported, InputType ours, Shape real) {
        if (reported == null) {
            return false;
        }
        if (reported.equals(ours)) {
            return true;
        }
        if (reported instanceof InputType.InputTypeFeedForward r && ours instanceof InputType.InputTypeFeedForward o) {
            return r.getSize() == o.getSize();
        }
        if (reported instanceof InputType.InputTypeRecurrent r && ours instanceof InputType.InputTypeFeedForward o) {
            return real instanceof Shape.Vector && r.getSize() == o.getSize();
        }
        if (reported instanceof InputType.InputTypeRecurrent r && ours instanceof InputType.InputTypeRecurrent o) {
            return r.getTimeSeriesLength() <= 0 && r.getSize() == o.getSize() && r.getFormat() == o.getFormat();
        }
        return false;
    }

    private static long[] withMinibatch(long[] shape, long minibatch) {
        long[] s = shape.clone();
        s[0] = minibatch;
        return s;
    }
}
