package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** All four pieces in one float32 graph, trained with DL4J's workspaces on, as Netwright will run them. */
class LayersTrainingIntegrationTest {

    private static final int MB = 3;
    private static final int H = 4;
    private static final int W = 6;

    private static ComputationGraphConfiguration conf(WorkspaceMode workspaces) {
        return new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .seed(7)
                .updater(new Adam(1e-2))
                .weightInit(WeightInit.XAVIER)
                .trainingWorkspaceMode(workspaces)
                .inferenceWorkspaceMode(workspaces)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(H, W, 1))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(2)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU).build(), "in")
                .addVertex("seq", new PreprocessorVertex(
                        new ImageToSequencePreProcessor(ImageToSequencePreProcessor.Mode.ROWS)), "conv")
                .addLayer("pe", new PositionalEncodingLayer.Builder()
                        .mode(PositionalEncodingLayer.Mode.LEARNED).build(), "seq")
                .addLayer("att", new MultiHeadSelfAttentionLayer.Builder().nHeads(3).build(), "pe")
                .addLayer("ln", new LayerNormLayer.Builder().build(), "att")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "ln")
                .setOutputs("out")
                .build();
    }

    @Test
    void trainsWithWorkspacesAndMatchesWorkspaceFreeRun() throws Exception {
        INDArray in = Nd4j.rand(DataType.FLOAT, MB, 1, H, W);
        INDArray labels = LayerTestSupport.oneHotSequence(MB, 3, H, 5).castTo(DataType.FLOAT);
        MultiDataSet data = new MultiDataSet(in, labels);

        ComputationGraph withWs = LayerTestSupport.init(conf(WorkspaceMode.ENABLED));
        ComputationGraph withoutWs = LayerTestSupport.init(conf(WorkspaceMode.NONE));
        withoutWs.setParams(withWs.params().dup());
        double before = withWs.score(data);
        for (int i = 0; i < 30; i++) {
            withWs.fit(data);
            withoutWs.fit(data);
        }
        assertThat(withWs.score(data)).isLessThan(before * 0.8);
        assertThat(withWs.params().equalsWithEps(withoutWs.params(), 1e-4)).isTrue();
        assertThat(withWs.outputSingle(in).equalsWithEps(withoutWs.outputSingle(in), 1e-4)).isTrue();

        LayerTestSupport.assertJsonRoundTrip(withWs.getConfiguration());
        LayerTestSupport.assertModelSerializerRoundTrip(withWs, in);
    }
}
