package dev.netwright.runtime.explain;

import dev.netwright.runtime.layers.dl4j.MultiHeadSelfAttentionLayerImpl;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The attention weights of a classifier's self-attention layers (the Self-attention kind, and the attention inside each
 * Transformer encoder block) for one input: per layer and head, a token-by-token matrix whose row i says how much
 * query token i takes from each key token, {@code softmax(Q·Kᵀ / √d)}, as the layer itself computes it.
 */
public final class AttentionMaps {
    private final ClassifierModel model;
    private final List<String> layers;

    private AttentionMaps(ClassifierModel model, List<String> layers) {
        this.model = model;
        this.layers = layers;
    }

    /** The attention layers of {@code model}; a model without self-attention is refused with a message saying so. */
    public static AttentionMaps of(ClassifierModel model) throws ExplainException {
        List<String> found = new ArrayList<>();
        for (int index : model.graph().topologicalSortOrder()) {
            org.deeplearning4j.nn.graph.vertex.GraphVertex vertex = model.graph().getVertices()[index];
            if (vertex.hasLayer() && attentionOf(vertex.getLayer()) != null) {
                found.add(vertex.getVertexName());
            }
        }
        if (found.isEmpty()) {
            throw new ExplainException("Attention maps need a design with self-attention (a Self-attention layer or a "
                    + "Transformer encoder block), and this model has none; use gradcam, ig, occlusion, lime or shap");
        }
        return new AttentionMaps(model, List.copyOf(found));
    }

    private static MultiHeadSelfAttentionLayerImpl attentionOf(Layer layer) {
        Layer inside = layer instanceof FrozenLayerWithBackprop frozen ? frozen.getInsideLayer() : layer;
        return inside instanceof MultiHeadSelfAttentionLayerImpl attention ? attention : null;
    }

    /** The attention layers' names (vertex names), in the order the network computes them. */
    public List<String> layers() {
        return layers;
    }

    /**
     * The attention layer that {@code name} means: a layer's own name, or a Transformer encoder block's node id
     * ({@code encoder1} for its {@code encoder1/attn}); null for the last attention layer.
     */
    public String layer(String name) throws ExplainException {
        if (name == null) {
            return layers.get(layers.size() - 1);
        }
        if (layers.contains(name)) {
            return name;
        }
        if (layers.contains(name + "/attn")) {
            return name + "/attn";
        }
        throw new ExplainException("'" + name + "' is not a self-attention layer of this network; its attention "
                + "layers: " + String.join(", ", layers));
    }

    /** The number of heads of attention layer {@code layer}. */
    public int heads(String layer) throws ExplainException {
        return attention(layer(layer)).layerConf().getNHeads();
    }

    /** The weights of every head of {@code layer} (see {@link #layer(String)}) for one input [1, …]. */
    public Weights weights(INDArray input, String layer) throws ExplainException {
        String at = layer(layer);
        if (input.size(0) != 1) {
            throw new IllegalArgumentException("one input at a time, got a batch of " + input.size(0));
        }
        MultiHeadSelfAttentionLayerImpl attention = attention(at);
        INDArray in = inputOf(at, model.activations(input));
        INDArray w = attention.attentionWeights(in).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE); // [1,H,T,T]
        int heads = (int) w.size(1);
        int tokens = (int) w.size(2);
        double[] flat = ClassifierModel.flat(w);
        double[][][] out = new double[heads][tokens][tokens];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < tokens; i++) {
                System.arraycopy(flat, (h * tokens + i) * tokens, out[h][i], 0, tokens);
            }
        }
        return new Weights(at, out);
    }

    /**
     * The weights for example {@code index} of raw {@code examples}, prepared as {@code run} prepares its inputs;
     * {@code run}'s model must be the one these maps were made of.
     */
    public Weights weights(ExplainableRun run, dev.netwright.runtime.data.Examples examples, int index, String layer)
            throws ExplainException {
        if (run.model() != model) {
            throw new IllegalArgumentException("these attention maps are of another model than the run's");
        }
        return weights(run.prepare(examples, index), layer);
    }

    private MultiHeadSelfAttentionLayerImpl attention(String layer) {
        return attentionOf(model.graph().getLayer(layer));
    }

    /** What {@code layer} receives: its input vertex's activations, through the layer's preprocessor where it has one. */
    private INDArray inputOf(String layer, Map<String, INDArray> activations) {
        String from = model.graph().getConfiguration().getVertexInputs().get(layer).get(0);
        INDArray in = activations.get(from);
        GraphVertex conf = model.graph().getConfiguration().getVertices().get(layer);
        if (conf instanceof LayerVertex vertex && vertex.getPreProcessor() != null) {
            InputPreProcessor pre = vertex.getPreProcessor();
            in = pre.preProcess(in, (int) in.size(0), LayerWorkspaceMgr.noWorkspaces());
        }
        return in;
    }

    /**
     * One attention layer's weights for one input.
     *
     * @param layer the layer's name
     * @param heads per head, a tokens × tokens matrix: [head][query][key], each row summing to 1
     */
    public record Weights(String layer, double[][][] heads) {

        public int tokens() {
            return heads[0].length;
        }

        /** Head {@code h}'s matrix (a copy). */
        public double[][] head(int h) {
            if (h < 0 || h >= heads.length) {
                throw new IllegalArgumentException("head " + h + " does not exist: " + layer + " has " + heads.length
                        + " heads (0 to " + (heads.length - 1) + ")");
            }
            double[][] copy = new double[tokens()][];
            for (int i = 0; i < copy.length; i++) {
                copy[i] = heads[h][i].clone();
            }
            return copy;
        }

        /** The mean of the heads' matrices (its rows still sum to 1). */
        public double[][] meanOverHeads() {
            int t = tokens();
            double[][] mean = new double[t][t];
            for (double[][] head : heads) {
                for (int i = 0; i < t; i++) {
                    for (int j = 0; j < t; j++) {
                        mean[i][j] += head[i][j] / heads.length;
                    }
                }
            }
            return mean;
        }
    }
}
