package dev.netwright.runtime.explain;

import dev.netwright.runtime.layers.dl4j.InputConvolutionLayer;
import dev.netwright.runtime.layers.dl4j.OneDnnConvolutionLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A trained softmax classifier as the explainers see it: class probabilities of a batch of inputs, their gradients with
 * respect to the input, and a layer's activations with the gradient there. Works on its own copy of the network, in
 * inference mode (no dropout, batch normalisation with its running statistics).
 *
 * <p>The gradient is exact: the output layer's cross-entropy against the one-hot class c is {@code L = -log p_c}, so
 * the gradient DL4J backpropagates to the input is {@code -∇ log p_c}, and {@code ∇ p_c = -p_c ∇L}.
 */
public final class ClassifierModel {
    /** Inputs per forward pass: bounds memory for perturbation methods (LIME, SHAP, occlusion). */
    static final int CHUNK = 128;

    private final GradientGraph graph;
    private final String inputName;
    private final String outputName;
    private final long[] exampleShape;
    private final int classes;

    private ClassifierModel(GradientGraph graph, long[] exampleShape, int classes) {
        this.graph = graph;
        this.inputName = graph.getConfiguration().getNetworkInputs().get(0);
        this.outputName = graph.getConfiguration().getNetworkOutputs().get(0);
        this.exampleShape = exampleShape;
        this.classes = classes;
    }

    /**
     * The classifier of a trained network with one input and one softmax output layer (cross-entropy or negative
     * log-likelihood loss); {@code exampleShape} is one input's shape in DL4J's layout, without the batch dimension
     * ([C,H,W] for images, [N] for rows, [F,T] for sequences). The network itself is left as it is.
     */
    public static ClassifierModel of(ComputationGraph trained, long[] exampleShape) throws ExplainException {
        // Netwright's first convolution leaves the input gradient out (training never needs it): the copy uses the
        // convolution it specialises, which computes it; the parameters are the same.
        ComputationGraphConfiguration configuration = ComputationGraphConfiguration.fromJson(
                trained.getConfiguration().toJson().replace("\"" + InputConvolutionLayer.class.getName() + "\"",
                        "\"" + OneDnnConvolutionLayer.class.getName() + "\""));
        if (configuration.getNetworkInputs().size() != 1 || configuration.getNetworkOutputs().size() != 1) {
            throw new ExplainException("Explanations need a network with one input and one output; this one has "
                    + configuration.getNetworkInputs().size() + " inputs and " + configuration.getNetworkOutputs().size()
                    + " outputs");
        }
        String output = configuration.getNetworkOutputs().get(0);
        GraphVertex outputVertex = configuration.getVertices().get(output);
        if (!(outputVertex instanceof LayerVertex layerVertex)
                || !(layerVertex.getLayerConf().getLayer() instanceof BaseOutputLayer outputLayer)
                || !(outputLayer.getActivationFn() instanceof ActivationSoftmax)
                || !isCrossEntropy(outputLayer.getLossFn())) {
            throw new ExplainException("Explanations need a classifier: an Output layer with softmax and cross-entropy "
                    + "(the Output's 'classification' task); " + output + " is not one");
        }
        configuration.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        configuration.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        for (GraphVertex vertex : configuration.getVertices().values()) {
            if (vertex instanceof LayerVertex layer) {
                layer.getLayerConf().getLayer().setIDropout(null); // also no dropout in the output layer's backprop
            }
        }
        GradientGraph copy = new GradientGraph(configuration);
        copy.init(trained.params().dup(), false);
        return new ClassifierModel(copy, exampleShape.clone(), (int) outputLayer.getNOut());
    }

    private static boolean isCrossEntropy(ILossFunction loss) {
        return loss instanceof LossMCXENT || loss instanceof LossNegativeLogLikelihood;
    }

    /** One input's shape in DL4J's layout, without the batch dimension. */
    public long[] exampleShape() {
        return exampleShape.clone();
    }

    public int numClasses() {
        return classes;
    }

    /** A batch's shape: {@code n} inputs of {@link #exampleShape()}. */
    long[] batchShape(long n) {
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = n;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        return shape;
    }

    /** Class probabilities [n, classes] of a batch, in inference mode, computed {@value #CHUNK} inputs at a time. */
    public INDArray probabilities(INDArray batch) {
        INDArray input = batch.castTo(graph.params().dataType());
        long n = input.size(0);
        if (n <= CHUNK) {
            return graph.outputSingle(false, input).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        }
        List<INDArray> parts = new ArrayList<>();
        for (long start = 0; start < n; start += CHUNK) {
            INDArray part = input.get(NDArrayIndex.interval(start, Math.min(n, start + CHUNK)));
            parts.add(graph.outputSingle(false, part).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE));
        }
        return Nd4j.vstack(parts);
    }

    /** The probability of {@code target} for each input of the batch. */
    public double[] probabilityOf(INDArray batch, int target) {
        return probabilities(batch).getColumn(target).toDoubleVector();
    }

    /** Gradients of the class probability with respect to the input, with the probabilities. */
    public record InputGradients(INDArray gradients, double[] probabilities) {
    }

    /** {@code ∂p_target/∂x} for each input of the batch (same shape as the batch, in double precision). */
    public InputGradients gradients(INDArray batch, int target) {
        long n = batch.size(0);
        List<INDArray> parts = new ArrayList<>();
        double[] probabilities = new double[(int) n];
        for (long start = 0; start < n; start += CHUNK) {
            long end = Math.min(n, start + CHUNK);
            INDArray part = batch.get(NDArrayIndex.interval(start, end)).castTo(graph.params().dataType());
            Backward backward = backward(part, target, null);
            INDArray logGradient = backward.inputGradient().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
            for (long i = start; i < end; i++) {
                double p = backward.probabilities()[(int) (i - start)];
                probabilities[(int) i] = p;
                logGradient.get(NDArrayIndex.point(i - start)).muli(p);
            }
            parts.add(logGradient);
        }
        return new InputGradients(parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new)),
                probabilities);
    }

    /**
     * A layer's activations for one input and a gradient with respect to them: of {@code log p_target} from
     * {@link #layerGradients}, of the class's score before the softmax from {@link #scoreGradients}.
     */
    public record LayerGradients(INDArray activations, INDArray gradients, double probability) {
    }

    /** {@link LayerGradients} of {@code layer} (a vertex name: the design's node id) for a single input [1, …]. */
    public LayerGradients layerGradients(INDArray input, int target, String layer) throws ExplainException {
        if (graph.getVertex(layer) == null) {
            throw new ExplainException("The network has no layer named '" + layer + "'; convolution layers: "
                    + String.join(", ", convolutionLayers()));
        }
        Backward backward = backward(input.castTo(graph.params().dataType()), target, layer);
        return new LayerGradients(backward.layerActivations().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE),
                backward.layerGradient().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE),
                backward.probabilities()[0]);
    }

    /**
     * As {@link #layerGradients}, but with the gradient of the class's score before the softmax (its logit z_target),
     * as Grad-CAM takes it.
     */
    public LayerGradients scoreGradients(INDArray input, int target, String layer) throws ExplainException {
        if (graph.getVertex(layer) == null) {
            throw new ExplainException("The network has no layer named '" + layer + "'; convolution layers: "
                    + String.join(", ", convolutionLayers()));
        }
        Backward backward = backward(input.castTo(graph.params().dataType()), target, layer, true);
        return new LayerGradients(backward.layerActivations().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE),
                backward.layerGradient().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE),
                backward.probabilities()[0]);
    }

    /** The convolution layers' names, in the order the network computes them. */
    public List<String> convolutionLayers() {
        List<String> names = new ArrayList<>();
        for (int index : graph.topologicalSortOrder()) {
            org.deeplearning4j.nn.graph.vertex.GraphVertex vertex = graph.getVertices()[index];
            if (vertex.hasLayer()) {
                Layer conf = vertex.getLayer().conf().getLayer();
                if (conf instanceof ConvolutionLayer) {
                    names.add(vertex.getVertexName());
                }
            }
        }
        return names;
    }

    private record Backward(INDArray inputGradient, double[] probabilities, INDArray layerActivations,
                            INDArray layerGradient) {
    }

    /** {@code -∂L/∂x = ∇ log p_target}; and at {@code layer}, when named, its activations and {@code ∇ log p_target}. */
    private Backward backward(INDArray input, int target, String layer) {
        return backward(input, target, layer, false);
    }

    /**
     * One forward and one backward pass. With {@code score} false the output layer's loss is the cross-entropy against
     * the one-hot class, whose gradient at the logits z is {@code p − e_target}: what reaches each vertex is
     * {@code -∇ log p_target}. With {@code score} true the labels are {@code p + e_target} instead, so that the
     * gradient at the logits is {@code −e_target} and what reaches each vertex is {@code -∇ z_target}, the gradient
     * of the class's score before the softmax. Returned negated: {@code ∇ log p_target} or {@code ∇ z_target}.
     */
    private synchronized Backward backward(INDArray input, int target, String layer, boolean score) {
        long n = input.size(0);
        Map<String, INDArray> activations = graph.forward(input);
        INDArray output = graph.getLayer(outputName).activate(false,
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        double[] probabilities = output.getColumn(target).toDoubleVector();
        INDArray labels = score ? output.dup() : Nd4j.zeros(input.dataType(), n, classes);
        labels.getColumn(target).addi(1);
        graph.backward(labels);
        INDArray inputGradient = graph.getVertex(inputName).getEpsilon().neg();
        INDArray layerActivations = layer == null ? null : activations.get(layer).dup();
        INDArray layerGradient = layer == null ? null : graph.getVertex(layer).getEpsilon().neg();
        graph.clearLayersStates();
        return new Backward(inputGradient, probabilities, layerActivations, layerGradient);
    }

    /** The network itself, for what reads its layers (attention maps). */
    ComputationGraph graph() {
        return graph;
    }

    /** Every vertex's activations for a batch, in inference mode, by vertex name. */
    synchronized Map<String, INDArray> activations(INDArray batch) {
        Map<String, INDArray> activations = graph.feedForward(batch.castTo(graph.params().dataType()), false);
        graph.clearLayersStates();
        return activations;
    }

    /** The values of an array in row-major order, in double precision, whatever its layout or type. */
    static double[] flat(INDArray array) {
        return array.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
    }

    @Override
    public String toString() {
        return "ClassifierModel" + Arrays.toString(exampleShape) + " → " + classes + " classes";
    }
}
