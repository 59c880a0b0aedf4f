package dev.netwright.designer.command;

import dev.netwright.runtime.layers.Fix;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Flow;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Position;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.LayerKind;
import dev.netwright.runtime.layers.ParamSpec;
import dev.netwright.runtime.layers.kinds.OutputKind;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The designer's edits as commands, one factory per kind of gesture. */
public final class Edits {
    private Edits() {
    }

    /** Adds a node of a kind at a point, with the given (fresh) id. */
    public static Command addNode(LayerKind kind, String id, Position at) {
        return Command.of("Add " + kind.displayName(), d -> d.withNode(kind.newNode(id, at)));
    }

    /** Adds a node and wires it after another node's output (double-click in the palette). */
    public static Command addNodeAfter(LayerKind kind, String id, Position at, String after) {
        return Command.of("Add " + kind.displayName() + " after " + after,
                d -> d.withNode(kind.newNode(id, at)).withEdge(Edge.of(after, id)));
    }

    /**
     * Puts a new layer of {@code kind} (with the fresh id {@code id}) right after a node: it takes the node's output and
     * feeds every node the node fed, as one step. Placed between the node and the first of those, as a fix's layer is.
     */
    public static Command insertAfter(String nodeId, LayerKind kind, String id) {
        return Command.of("Insert " + kind.displayName() + " after " + nodeId, d -> {
            Node node = d.requireNode(nodeId);
            List<Edge> out = d.edgesFrom(nodeId);
            Position at = out.isEmpty() ? new Position(node.position().x() + 40, node.position().y() + 40)
                    : midpoint(node.position(), d.requireNode(out.get(0).to()).position());
            Design result = d.withNode(kind.newNode(id, at));
            for (Edge edge : out) {
                result = result.withoutEdge(edge).withEdge(new Edge(id, Edge.OUT, edge.to(), edge.toPort()));
            }
            return result.withEdge(new Edge(nodeId, Edge.OUT, id, Edge.IN));
        });
    }

    private static Position midpoint(Position a, Position b) {
        return new Position((a.x() + b.x()) / 2, (a.y() + b.y()) / 2);
    }

    /** Deletes nodes and every wire that touches them. */
    public static Command deleteNodes(Collection<String> ids, String verb) {
        return Command.of(verb + " " + layers(ids.size()), d -> {
            Design result = d;
            for (String id : ids) {
                result = result.withoutNode(id);
            }
            return result;
        });
    }

    /** Moves nodes to new positions; a multi-node drag is one command. */
    public static Command moveNodes(Map<String, Position> positions) {
        return Command.of("Move " + layers(positions.size()), d -> {
            Design result = d;
            for (Map.Entry<String, Position> e : positions.entrySet()) {
                result = result.withNode(result.requireNode(e.getKey()).withPosition(e.getValue()));
            }
            return result;
        });
    }

    public static Command connect(Edge edge) {
        return Command.of("Connect " + edge.from() + " → " + edge.to(), d -> d.withEdge(edge));
    }

    public static Command disconnect(Edge edge) {
        return Command.of("Disconnect " + edge.from() + " → " + edge.to(), d -> d.withoutEdge(edge));
    }

    public static Command setParam(String nodeId, ParamSpec spec, Object value) {
        return Command.of("Set " + spec.label().toLowerCase(java.util.Locale.ROOT) + " of " + nodeId + " to " + value,
                d -> d.withNode(d.requireNode(nodeId).withParam(spec.name(), value)));
    }

    /**
     * Gives the Output as many units as the data has classes ("Replace head for this data"): the Output starts from
     * random weights, while the nodes before it keep any trained weights the design has, since their shapes stay.
     */
    public static Command replaceHead(String outputId, int classes) {
        return Command.of("Replace the head " + outputId + " for " + classes + " classes",
                d -> d.withNode(d.requireNode(outputId).withParam(OutputKind.UNITS, classes)));
    }

    /** Freezes a node (training leaves its parameters as they are) or lets it train again. */
    public static Command setTrainable(String nodeId, boolean trainable) {
        return Command.of((trainable ? "Unfreeze " : "Freeze ") + nodeId,
                d -> d.withNode(d.requireNode(nodeId).withTrainable(trainable)));
    }

    /** Sets the factor on the run's learning rate for one node's parameters. */
    public static Command setLearnRateFactor(String nodeId, double factor) {
        return Command.of("Set learning-rate factor of " + nodeId + " to " + factor,
                d -> d.withNode(d.requireNode(nodeId).withLearnRateFactor(factor)));
    }

    /**
     * Freezes several nodes as one undo step ("Freeze up to here"); nodes already frozen stay so. The caller picks
     * the nodes: those with parameters, never the Output, which Deeplearning4j must train.
     */
    public static Command freeze(Collection<String> ids, String upTo) {
        List<String> frozen = List.copyOf(ids);
        return Command.of("Freeze up to " + upTo, d -> {
            Design result = d;
            for (String id : frozen) {
                result = result.withNode(result.requireNode(id).withTrainable(false));
            }
            return result;
        });
    }

    /** Lets every frozen node train again, as one undo step. */
    public static Command unfreezeAll() {
        return Command.of("Unfreeze all", d -> {
            Design result = d;
            for (Node node : d.nodes()) {
                if (!node.trainable()) {
                    result = result.withNode(node.withTrainable(true));
                }
            }
            return result;
        });
    }

    /** Names the design itself (what its file says and the runs table shows). */
    /**
     * The design starts from the trained weights in {@code file} (a sidecar .weights.npz) when next trained; {@code from}
     * says where they came from, for the Edit menu ("Use the weights of run 20261201-…").
     */
    public static Command useWeights(String file, String from) {
        java.util.Objects.requireNonNull(file, "file");
        return Command.of("Use the weights of " + from, d -> d.withWeights(file));
    }

    /** The data the design is meant to train on: {@code ref} (a data reference), or none when null. */
    public static Command setData(String ref) {
        return Command.of(ref == null ? "Clear the design's data" : "Set the data to " + ref,
                d -> d.withData(ref == null ? null : new dev.netwright.runtime.design.DataRef(ref)));
    }

    public static Command nameDesign(String name) {
        return Command.of("Name the design " + name, d -> d.withName(name));
    }

    public static Command rename(String nodeId, String name) {
        return Command.of("Rename " + nodeId + " to " + name, d -> d.withNode(d.requireNode(nodeId).withName(name)));
    }

    public static Command applyFix(Fix fix, LayerCatalog catalog) {
        String text = fix.description();
        return Command.of(Character.toUpperCase(text.charAt(0)) + text.substring(1), d -> fix.apply(d, catalog));
    }

    /** Adds pasted nodes and their wires (ids already fresh). */
    public static Command addFragment(Fragment placed, String verb) {
        return Command.of(verb + " " + layers(placed.nodes().size()), d -> {
            Design result = d;
            for (Node node : placed.nodes()) {
                result = result.withNode(node);
            }
            for (Edge edge : placed.edges()) {
                result = result.withEdge(edge);
            }
            return result;
        });
    }

    /** Moves every node to the positions of an automatic layout, as one step. */
    public static Command layout(Map<String, Position> positions) {
        Command move = moveNodes(positions);
        return Command.of("Auto-layout", move::apply);
    }

    /** Draws the design flowing the other way, laid out again: one command, undone as one. */
    public static Command layoutFlowing(Flow flow, Map<String, Position> positions) {
        Command move = moveNodes(positions);
        return Command.of(flow == Flow.DOWN ? "Lay Out Top to Bottom" : "Lay Out Left to Right",
                d -> move.apply(d.withFlow(flow)));
    }

    /**
     * Replaces the design's training settings, after the user changed one of them ({@code setting}, e.g. "epochs", to
     * {@code value}); changes of the same setting in a row are one undo step. A null plan leaves the design with none
     * (settings all at their defaults).
     */
    public static Command setTraining(String setting, String value, TrainingPlan plan) {
        return changeTraining(setting, value, plan).merging("training: " + setting);
    }

    /**
     * As {@link #setTraining}, but always an undo step of its own: a change applied in one click (a suggestion of the
     * training doctor), which must not merge with what the user typed in the same field just before.
     */
    public static Command changeTraining(String setting, String value, TrainingPlan plan) {
        return Command.of("Set " + setting + " to " + value, d -> d.withTraining(plan));
    }

    static String layers(int n) {
        return n == 1 ? "layer" : n + " layers";
    }
}
