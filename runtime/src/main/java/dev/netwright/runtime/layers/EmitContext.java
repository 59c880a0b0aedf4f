package dev.netwright.runtime.layers;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;

import java.util.List;

/** What a kind needs to add its DL4J vertices for one checked node. */
public interface EmitContext {

    /** The node id, which is also the name of the vertex that carries the node's output. */
    String name();

    /** A name for an inner vertex of a composite kind: {@code nodeId/part}. */
    default String sub(String part) {
        return name() + "/" + part;
    }

    Params params();

    /** Vertex names feeding this node, in wire order. */
    List<String> inputs();

    List<Shape> inputShapes();

    default Shape input() {
        return inputShapes().get(0);
    }

    /** The output shape the checker inferred. */
    Shape output();

    ComputationGraphConfiguration.GraphBuilder graph();

    /** What LSTM nodes compile to in this run. */
    LstmEngine lstmEngine();

    /** Whether every input of this node is a network input, so nothing reads the gradient of its input. */
    boolean readsNetworkInputsOnly();

    /** Declares this node as a network input of the given type. */
    void declareInput(InputType type);

    default void addLayer(String vertexName, Layer layer, String... from) {
        graph().addLayer(vertexName, layer, from);
    }

    default void addVertex(String vertexName, GraphVertex vertex, String... from) {
        graph().addVertex(vertexName, vertex, from);
    }

    /** Adds a layer fed by this node's inputs under the node's own name. */
    default void addLayer(Layer layer) {
        addLayer(name(), layer, inputs().toArray(String[]::new));
    }
}
