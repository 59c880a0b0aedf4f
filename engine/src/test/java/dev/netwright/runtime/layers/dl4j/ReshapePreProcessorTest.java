package dev.netwright.runtime.layers.dl4j;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import static dev.netwright.runtime.layers.dl4j.LayerTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReshapePreProcessorTest {

    @BeforeAll
    static void setUp() {
        useDoublePrecision();
    }

    /**
     * An NCHW image whose value at (b, c, y, x) is its index in Keras' channels-last order (row by row, each pixel's
     * channels together), plus {@code perExample} × b.
     */
    private static INDArray imageNumberedInUserOrder(int mb, int h, int w, int c, double perExample) {
        INDArray image = Nd4j.zeros(DataType.DOUBLE, mb, c, h, w);
        for (int b = 0; b < mb; b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int ch = 0; ch < c; ch++) {
                        image.putScalar(new int[] {b, ch, y, x}, ((y * w + x) * c + ch) + perExample * b);
                    }
                }
            }
        }
        return image;
    }

    @Test
    void anImageBecomesASequenceInRowMajorChannelsLastOrder() {
        // 2×3×2 image (12 values) to a sequence of 4 steps × 3 features
        ReshapePreProcessor reshape = new ReshapePreProcessor(new int[] {2, 3, 2}, new int[] {4, 3});
        INDArray image = imageNumberedInUserOrder(2, 2, 3, 2, 100);

        INDArray seq = reshape.preProcess(image, 2, LayerWorkspaceMgr.noWorkspaces());

        assertThat(seq.shape()).containsExactly(2, 3, 4); // NCW: [mb, features, steps]
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 4; t++) {
                for (int f = 0; f < 3; f++) {
                    assertThat(seq.getDouble(b, f, t)).isEqualTo(t * 3 + f + 100.0 * b);
                }
            }
        }
        assertThat(reshape.backprop(seq, 2, LayerWorkspaceMgr.noWorkspaces())).isEqualTo(image);
        assertThat(reshape.getOutputType(InputType.convolutional(2, 3, 2))).isEqualTo(InputType.recurrent(3, 4));
    }

    @Test
    void aVectorBecomesAnImageAndBack() {
        ReshapePreProcessor reshape = new ReshapePreProcessor(new int[] {12}, new int[] {2, 3, 2});
        INDArray vector = Nd4j.arange(0, 24).castTo(DataType.DOUBLE).reshape('c', 2, 12);

        INDArray image = reshape.preProcess(vector, 2, LayerWorkspaceMgr.noWorkspaces());

        assertThat(image.shape()).containsExactly(2, 2, 2, 3);
        assertThat(image).isEqualTo(imageNumberedInUserOrder(2, 2, 3, 2, 12));
        assertThat(reshape.backprop(image, 2, LayerWorkspaceMgr.noWorkspaces())).isEqualTo(vector);
        assertThat(reshape.getOutputType(InputType.feedForward(12))).isEqualTo(InputType.convolutional(2, 3, 2));
    }

    @Test
    void differentValueCountsAreRefusedNamingBothShapes() {
        assertThatThrownBy(() -> new ReshapePreProcessor(new int[] {28, 28, 1}, new int[] {28, 27}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[28, 28, 1] (784 values)").hasMessageContaining("[28, 27] (756 values)");
        assertThatThrownBy(() -> new ReshapePreProcessor(new int[] {4}, new int[] {1, 1, 2, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 3 positive sizes");
    }

    @Test
    void cloneIsEqualAndMasksAreDropped() {
        ReshapePreProcessor p = new ReshapePreProcessor(new int[] {6}, new int[] {3, 2});
        assertThat(p.clone()).isEqualTo(p).isNotSameAs(p).hasSameHashCodeAs(p);
        assertThat(p).isNotEqualTo(new ReshapePreProcessor(new int[] {6}, new int[] {2, 3}));
        assertThat(p.feedForwardMaskArray(null, null, 2).getFirst()).isNull();
    }

    private static ComputationGraphConfiguration denseReshapeLstm() {
        return graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.feedForward(4))
                .addLayer("dense", new DenseLayer.Builder().nOut(6).activation(Activation.TANH).build(), "in")
                .addVertex("seq", new PreprocessorVertex(new ReshapePreProcessor(new int[] {6}, new int[] {3, 2})), "dense")
                .addLayer("lstm", new LSTM.Builder().nOut(3).activation(Activation.TANH).build(), "seq")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "lstm")
                .setOutputs("out")
                .build();
    }

    @Test
    void gradientsMatchThroughAReshapeBetweenDenseAndLstm() {
        ComputationGraph graph = init(denseReshapeLstm());
        boolean ok = gradientsMatch("Dense-Reshape-LSTM", graph, Nd4j.randn(DataType.DOUBLE, 2, 4),
                oneHotSequence(2, 2, 3, 41));
        assertThat(ok).isTrue();
    }

    @Test
    void configRoundTripsThroughJsonAndModelSerializer() throws Exception {
        ComputationGraphConfiguration conf = denseReshapeLstm();
        assertJsonRoundTrip(conf);
        assertModelSerializerRoundTrip(init(conf), Nd4j.randn(DataType.DOUBLE, 2, 4));
    }
}
