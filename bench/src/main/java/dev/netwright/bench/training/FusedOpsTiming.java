package dev.netwright.bench.training;

import dev.netwright.runtime.layers.dl4j.LayerNormLayer;
import dev.netwright.runtime.layers.dl4j.MultiHeadSelfAttentionLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Milliseconds per forward + backward pass of the Transformer sample's LayerNorm and attention layers (64 features,
 * 28 steps, 4 heads, float) on oneDNN and on the ND4J code ({@code -Dnetwright.layernorm=nd4j},
 * {@code -Dnetwright.softmax=nd4j}), and of the attention layer with and without issue 21's attention work (the kept
 * forward pass, the fused projections, the per-head products on oneDNN: {@code -Dnetwright.attention=nd4j}; the
 * products alone: {@code -Dnetwright.attention=nd4j-matmul}), alternating in one JVM, so that the two
 * share its warm-up and the machine's drift. docs/benchmarks.md, "Engine II: fused LayerNorm and softmax" and
 * "Engine II: the attention layer": {@code java -cp ... FusedOpsTiming [rounds] [calls]} (bench/fused-ops.sh); threads
 * from OMP_NUM_THREADS.
 */
public final class FusedOpsTiming {
    private static final int FEATURES = 64;
    private static final int STEPS = 28;
    private static final int HEADS = 4;

    private FusedOpsTiming() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        System.out.println("| layer | batch | before (the property set): ms per pass (median of " + rounds
                + " rounds; min-max) | after | ratio before / after per round (min / median / max) |");
        System.out.println("|---|---:|---|---|---|");
        for (int batch : new int[] {32, 64}) {
            time("LayerNorm", "netwright.layernorm", "nd4j", layer(new LayerNormLayer.Builder().build()), batch, rounds, calls);
            time("MultiHeadSelfAttention (softmax)", "netwright.softmax", "nd4j",
                    layer(new MultiHeadSelfAttentionLayer.Builder().nHeads(HEADS).build()), batch, rounds, calls);
            time("MultiHeadSelfAttention (issue 21's attention work)", "netwright.attention", "nd4j",
                    layer(new MultiHeadSelfAttentionLayer.Builder().nHeads(HEADS).build()), batch, rounds, calls);
            time("MultiHeadSelfAttention (per-head products on oneDNN)", "netwright.attention", "nd4j-matmul",
                    layer(new MultiHeadSelfAttentionLayer.Builder().nHeads(HEADS).build()), batch, rounds, calls);
        }
    }

    private static void time(String label, String property, String value, Layer layer, int batch, int rounds,
                             int calls) {
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, FEATURES, STEPS);
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, batch, FEATURES, STEPS);
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        Runnable pass = () -> {
            layer.activate(x, true, noWorkspaces);
            layer.backpropGradient(epsilon, noWorkspaces);
        };
        List<Double> nd4j = new ArrayList<>();
        List<Double> oneDnn = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            System.setProperty(property, value);
            double before = OpTimer.msPerCall(calls, pass);
            System.clearProperty(property);
            double after = OpTimer.msPerCall(calls, pass);
            nd4j.add(before);
            oneDnn.add(after);
            ratios.add(before / after);
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", label, batch, summary(nd4j), summary(oneDnn),
                minMedianMax(ratios));
    }

    /** The layer inside a one-layer graph (which gives it its parameters and gradient views). */
    private static Layer layer(org.deeplearning4j.nn.conf.layers.Layer conf) {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .seed(1).graphBuilder().addInputs("in").setInputTypes(InputType.recurrent(FEATURES, STEPS))
                .addLayer("layer", conf, "in")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunction.MSE).nOut(2).activation(Activation.IDENTITY)
                        .build(), "layer")
                .setOutputs("out").build());
        graph.init();
        graph.initGradientsView();
        return graph.getLayer("layer");
    }

    private static String summary(List<Double> ms) {
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "%.3f (%.3f-%.3f)", sorted[sorted.length / 2], sorted[0],
                sorted[sorted.length - 1]);
    }

    private static String minMedianMax(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "%.2f / **%.2f** / %.2f", sorted[0], sorted[sorted.length / 2],
                sorted[sorted.length - 1]);
    }
}
