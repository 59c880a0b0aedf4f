package dev.netwright.runtime.layers.dl4j;

import dev.netwright.runtime.layers.dl4j.ImageToSequencePreProcessor.Mode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageToSequencePreProcessorTest {

    private static final int MB = 2;
    private static final int C = 1;
    private static final int H = 4;
    private static final int W = 5;
    private static final int FILTERS = 2;

    @BeforeAll
    static void setUp() {
        useDoublePrecision();
    }

    /** Graph input -> conv -> preprocessor vertex; returns the builder so each test adds its own head. */
    private static ComputationGraphConfiguration.GraphBuilder convThenSequence(Mode mode) {
        return convThenSequence(mode, H, W);
    }

    private static ComputationGraphConfiguration.GraphBuilder convThenSequence(Mode mode, int h, int w) {
        return graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(h, w, C))
                .addLayer("conv", new ConvolutionLayer.Builder(2, 2).nOut(FILTERS)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.TANH).build(), "in")
                .addVertex("seq", new PreprocessorVertex(new ImageToSequencePreProcessor(mode)), "conv");
    }

    private static int steps(Mode mode) {
        return mode == Mode.ROWS ? H : W;
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void gradientCheckConvToLstmToRnnOutput(Mode mode) {
        ComputationGraph graph = init(convThenSequence(mode)
                .addLayer("lstm", new LSTM.Builder().nOut(3).activation(Activation.TANH).build(), "seq")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "lstm")
                .setOutputs("out")
                .build());
        INDArray in = Nd4j.randn(DataType.DOUBLE, MB, C, H, W);
        boolean ok = gradientsMatch("ImageToSequence " + mode + ", conv-LSTM-RnnOutput",
                graph, in, oneHotSequence(MB, 3, steps(mode), 31));
        assertThat(ok).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void gradientCheckConvToLstmToLastStep(Mode mode) {
        ComputationGraph graph = init(convThenSequence(mode)
                .addLayer("lstm", new LSTM.Builder().nOut(3).activation(Activation.TANH).build(), "seq")
                .addVertex("last", new LastTimeStepVertex("in"), "lstm")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "last")
                .setOutputs("out")
                .build());
        INDArray in = Nd4j.randn(DataType.DOUBLE, MB, C, H, W);
        boolean ok = gradientsMatch("ImageToSequence " + mode + ", conv-LSTM-last step",
                graph, in, oneHot(MB, 2, 32));
        assertThat(ok).isTrue();
    }

    @Test
    void gradientCheckConvToAttention() {
        // A narrow image keeps the attention small: F = FILTERS * 2 = 4 features, T = 3 rows
        ComputationGraph graph = init(convThenSequence(Mode.ROWS, 3, 2)
                .addLayer("att", new MultiHeadSelfAttentionLayer.Builder().nHeads(2).build(), "seq")
                .addLayer("ln", new LayerNormLayer.Builder().build(), "att")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "ln")
                .setOutputs("out")
                .build());
        INDArray in = Nd4j.randn(DataType.DOUBLE, MB, C, 3, 2);
        boolean ok = gradientsMatch("ImageToSequence ROWS, conv-attention-LayerNorm",
                graph, in, oneHotSequence(MB, 3, 3, 33));
        assertThat(ok).isTrue();
    }

    @Test
    void rowsMapEachImageRowToOneStep() {
        int c = 2;
        int h = 3;
        int w = 4;
        INDArray image = Nd4j.arange(1, 1 + 2 * c * h * w).castTo(DataType.DOUBLE).reshape('c', 2, c, h, w);
        ImageToSequencePreProcessor rows = new ImageToSequencePreProcessor(Mode.ROWS);
        INDArray seq = rows.preProcess(image, 2, LayerWorkspaceMgr.noWorkspaces());
        assertThat(seq.shape()).containsExactly(2, c * w, h);
        for (int b = 0; b < 2; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        assertThat(seq.getDouble(b, ch * w + x, y)).isEqualTo(image.getDouble(b, ch, y, x));
                    }
                }
            }
        }
        // Step 0 of example 0 is image row 0 of channel 0 then channel 1
        assertThat(seq.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0)).toDoubleVector())
                .containsExactly(1, 2, 3, 4, 13, 14, 15, 16);
        assertThat(rows.backprop(seq, 2, LayerWorkspaceMgr.noWorkspaces())).isEqualTo(image);
        assertThat(rows.getOutputType(InputType.convolutional(h, w, c)))
                .isEqualTo(InputType.recurrent((long) c * w, h));
    }

    @Test
    void columnsMapEachImageColumnToOneStep() {
        int c = 2;
        int h = 3;
        int w = 4;
        INDArray image = Nd4j.rand(DataType.DOUBLE, 2, c, h, w);
        ImageToSequencePreProcessor cols = new ImageToSequencePreProcessor(Mode.COLUMNS);
        INDArray seq = cols.preProcess(image, 2, LayerWorkspaceMgr.noWorkspaces());
        assertThat(seq.shape()).containsExactly(2, c * h, w);
        for (int b = 0; b < 2; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        assertThat(seq.getDouble(b, ch * h + y, x)).isEqualTo(image.getDouble(b, ch, y, x));
                    }
                }
            }
        }
        assertThat(cols.backprop(seq, 2, LayerWorkspaceMgr.noWorkspaces())).isEqualTo(image);
        assertThat(cols.getOutputType(InputType.convolutional(h, w, c)))
                .isEqualTo(InputType.recurrent((long) c * h, w));
    }

    @Test
    void masksAreDroppedAndCloneIsEqual() {
        ImageToSequencePreProcessor p = new ImageToSequencePreProcessor(Mode.COLUMNS);
        assertThat(p.feedForwardMaskArray(null, null, MB).getFirst()).isNull();
        assertThat(p.clone()).isEqualTo(p).isNotSameAs(p);
        assertThat(p).isNotEqualTo(new ImageToSequencePreProcessor(Mode.ROWS));
    }

    @Test
    void rejectsNonImageInput() {
        assertThatThrownBy(() -> new ImageToSequencePreProcessor().getOutputType(InputType.recurrent(3, 4)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NCHW");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void configRoundTripsThroughJsonAndModelSerializer(Mode mode) throws Exception {
        ComputationGraphConfiguration conf = convThenSequence(mode)
                .addLayer("lstm", new LSTM.Builder().nOut(3).activation(Activation.TANH).build(), "seq")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "lstm")
                .setOutputs("out")
                .build();
        assertJsonRoundTrip(conf);
        assertModelSerializerRoundTrip(init(conf), Nd4j.randn(DataType.DOUBLE, MB, C, H, W));
    }
}
