package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** The float graph with two attention layers that the attention layer's native-path tests compare on, and its input. */
final class AttentionTestGraphs {
    /** Features per step. */
    static final int F = 8;
    /** Steps per sequence. */
    static final int T = 5;

    private AttentionTestGraphs() {
    }

    /** in [mb, F, T] -> dense (tanh) per step -> att1 -> att2 -> softmax per step; biases moved off 0. */
    static ComputationGraph twoAttentionLayers(int heads, IUpdater updater) {
        ComputationGraph graph = LayerTestSupport.init(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .seed(42).weightInit(WeightInit.XAVIER).updater(updater).graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.recurrent(F, T))
                .addLayer("dense", new TimeDistributed(new DenseLayer.Builder().nOut(F)
                        .activation(Activation.TANH).build()), "in")
                .addLayer("att1", new MultiHeadSelfAttentionLayer.Builder().nHeads(heads).build(), "dense")
                .addLayer("att2", new MultiHeadSelfAttentionLayer.Builder().nHeads(heads).build(), "att1")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "att2")
                .setOutputs("out")
                .build());
        Nd4j.getRandom().setSeed(11);
        for (String layer : new String[] {"att1", "att2"}) {
            for (String bias : new String[] {MultiHeadSelfAttentionParamInitializer.BQ,
                    MultiHeadSelfAttentionParamInitializer.BK, MultiHeadSelfAttentionParamInitializer.BV,
                    MultiHeadSelfAttentionParamInitializer.BO}) {
                graph.getLayer(layer).setParam(bias, Nd4j.randn(DataType.FLOAT, 1, F).muli(0.5));
            }
        }
        return graph;
    }

    /** mb random sequences [mb, F, T], spread as the tests' inputs are. */
    static INDArray input(int mb) {
        return Nd4j.randn(DataType.FLOAT, mb, F, T).muli(2);
    }
}
