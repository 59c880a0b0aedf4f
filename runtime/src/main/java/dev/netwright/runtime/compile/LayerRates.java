package dev.netwright.runtime.compile;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.dl4j.ScaledSchedule;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.Optional;

/**
 * Sets the run's learning rate (a schedule, reduce-on-plateau's lowered rate, a resumed run's new rate) on a network
 * whose nodes may have learning-rate factors: DL4J's {@code setLearningRate} would give every layer the same rate, so
 * a node with a factor gets the rate (or the schedule) times its factor, layer by layer.
 */
public final class LayerRates {
    private LayerRates() {
    }

    public static void set(ComputationGraph graph, Design design, double rate) {
        if (!hasFactors(design)) {
            graph.setLearningRate(rate);
            return;
        }
        for (Layer layer : graph.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            graph.setLearningRate(name, rate * factorOf(name, design));
        }
    }

    public static void set(ComputationGraph graph, Design design, ISchedule schedule) {
        if (!hasFactors(design)) {
            graph.setLearningRate(schedule);
            return;
        }
        for (Layer layer : graph.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            double factor = factorOf(name, design);
            graph.setLearningRate(name, factor == Node.DEFAULT_LEARN_RATE_FACTOR ? schedule
                    : new ScaledSchedule(schedule, factor));
        }
    }

    private static boolean hasFactors(Design design) {
        return design.nodes().stream().anyMatch(n -> n.learnRateFactor() != Node.DEFAULT_LEARN_RATE_FACTOR);
    }

    /** The factor of the node a vertex belongs to: the node named so, or the longest node id before a '/'. */
    public static double factorOf(String vertexName, Design design) {
        return owner(vertexName, design).map(Node::learnRateFactor).orElse(Node.DEFAULT_LEARN_RATE_FACTOR);
    }

    private static Optional<Node> owner(String vertexName, Design design) {
        if (design.contains(vertexName)) {
            return Optional.of(design.requireNode(vertexName));
        }
        return design.nodes().stream().filter(n -> vertexName.startsWith(n.id() + "/"))
                .max(java.util.Comparator.comparingInt(n -> n.id().length()));
    }
}
