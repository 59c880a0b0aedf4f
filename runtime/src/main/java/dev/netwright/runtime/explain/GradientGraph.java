package dev.netwright.runtime.explain;

import org.deeplearning4j.nn.api.FwdPassType;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * A network that backpropagates from an inference-mode forward pass. DL4J 1.0.0-M2.1's ComputationGraph has no public
 * call for gradients with respect to its input, and its {@code computeGradientAndScore} runs the forward pass in
 * training mode (dropout on, batch statistics). Here the forward pass is in inference mode and, with workspaces off,
 * the gradient each vertex receives stays readable afterwards ({@code getVertex(name).getEpsilon()}), the input's
 * included.
 */
final class GradientGraph extends ComputationGraph {
    private static final long serialVersionUID = 1L;

    GradientGraph(ComputationGraphConfiguration configuration) {
        super(configuration);
    }

    /**
     * One forward pass of {@code input} in inference mode and the backward pass of the output layer's loss against
     * {@code labels}; returns every vertex's activations (the output layer's excepted).
     */
    synchronized Map<String, INDArray> backpropagate(INDArray input, INDArray labels) {
        Map<String, INDArray> activations = forward(input);
        backward(labels);
        return activations;
    }

    /**
     * The forward pass of {@link #backpropagate}, in inference mode: every vertex's activations (the output layer's
     * excepted; its input is set, so that {@code getLayer(output).activate(false, …)} gives the output).
     */
    synchronized Map<String, INDArray> forward(INDArray input) {
        setInputs(input);
        return ffToLayerActivationsInWS(false, -1, getOutputLayerIndices(), FwdPassType.STANDARD, false,
                new INDArray[] {input}, null, null, false);
    }

    /** The backward pass of {@link #backpropagate}, after {@link #forward}: the output layer's loss against labels. */
    synchronized void backward(INDArray labels) {
        setLabels(labels);
        calcBackpropGradients(false, false);
    }
}
