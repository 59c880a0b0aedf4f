package dev.netwright.interop.onnx;

import dev.netwright.runtime.layers.Params;
import dev.netwright.runtime.layers.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

/**
 * One design node as the ONNX export sees it. Values are laid out as ONNX models usually take them: images NCHW
 * [N, C, H, W], sequences batch first [N, steps, features], vectors [N, size].
 *
 * @param graph   the graph being written
 * @param id      the node's id, which names its values
 * @param params  the node's parameters with the kind's defaults
 * @param inputs  the shapes flowing in, in edge order
 * @param values  the ONNX values holding those inputs, in the same order
 * @param output  the shape the node gives, as Netwright infers it
 * @param weights the node's trained parameters in PyTorch's names and layouts, without the module prefix
 *                ({@code weight}, {@code bias}, {@code attn.in_proj_weight}...)
 */
record OnnxLayerNode(OnnxGraph graph, String id, Params params, List<Shape> inputs, List<String> values, Shape output,
                Map<String, INDArray> weights) {
    Shape in() {
        return inputs.get(0);
    }

    String x() {
        return values.get(0);
    }

    /** A trained parameter, which must be there. */
    INDArray weight(String name) {
        INDArray w = weights.get(name);
        if (w == null) {
            throw new IllegalStateException("no trained parameter '" + name + "' for node " + id);
        }
        return w;
    }

    /** A value name for one step of this node, e.g. {@code conv1/pads}. */
    String step(String what) {
        return id + "/" + what;
    }
}
