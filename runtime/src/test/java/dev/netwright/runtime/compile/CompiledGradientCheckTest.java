package dev.netwright.runtime.compile;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.design.Design;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DL4J's gradient check on networks exactly as the compiler emits them: attention, the Transformer
 * block, LSTM (stacked, bidirectional), GRU (stacked, bidirectional), SimpleRNN, BatchNorm, LayerNorm,
 * positional encoding, embeddings, image-to-sequence, Reshape, UpSampling2D, Conv2DTranspose and Conv1D into
 * an LSTM. Double precision, plain SGD with learning rate 1 (what the check requires), no dropout.
 */
class CompiledGradientCheckTest {
    private static DataType previousDefault;

    @BeforeAll
    static void doublePrecision() {
        previousDefault = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        Nd4j.setDefaultDataTypes(previousDefault, previousDefault);
    }

    static Stream<Arguments> designs() {
        return Stream.of(
                Arguments.of("stacked LSTM", TestDesigns.start().sequence(4, 3)
                        .then("l1", "LSTM", "units", 4, "returnSequences", true).then("l2", "LSTM", "units", 3).output()),
                Arguments.of("bidirectional LSTM", TestDesigns.start().sequence(4, 3)
                        .then("l1", "LSTM", "units", 3, "bidirectional", true).output()),
                Arguments.of("stacked GRU, the second bidirectional", TestDesigns.start().sequence(4, 3)
                        .then("g1", "GRU", "units", 3, "returnSequences", true)
                        .then("g2", "GRU", "units", 2, "bidirectional", true).output()),
                Arguments.of("SimpleRNN after ToSequence", TestDesigns.start().image(4, 3, 1)
                        .then("conv", "Conv2D", "filters", 2, "kernelHeight", 2, "kernelWidth", 2, "activation", "tanh")
                        .then("seq", "ToSequence").then("rnn", "SimpleRNN", "units", 3).output()),
                Arguments.of("convolution on the input (InputConvolutionLayer), ReLU, pooling, a second convolution",
                        TestDesigns.start().image(6, 6, 2)
                        .then("conv1", "Conv2D", "filters", 3, "activation", "relu", "padding", "same")
                        .then("pool", "MaxPool2D", "pool", 2)
                        .then("conv2", "Conv2D", "filters", 2, "kernelHeight", 2, "kernelWidth", 2, "activation", "relu")
                        .then("flat", "Flatten").output()),
                Arguments.of("Conv1D into LSTM", TestDesigns.start().sequence(5, 2)
                        .then("conv", "Conv1D", "filters", 3, "kernel", 2, "activation", "tanh")
                        .then("lstm", "LSTM", "units", 3).output()),
                Arguments.of("Reshape, UpSampling2D and Conv2DTranspose", TestDesigns.start().vector(6)
                        .then("dense", "Dense", "units", 8, "activation", "tanh")
                        .then("re", "Reshape", "form", "image", "height", 2, "width", 2, "channels", 2)
                        .then("up", "UpSampling2D", "size", 2)
                        .then("deconv", "Conv2DTranspose", "filters", 2, "kernelHeight", 2, "kernelWidth", 2,
                                "strideHeight", 1, "strideWidth", 2, "padding", "valid", "activation", "tanh")
                        .then("re2", "Reshape", "form", "sequence", "steps", 5, "features", 16)
                        .then("lstm", "LSTM", "units", 3).output()),
                Arguments.of("BatchNorm on an image and a vector", TestDesigns.start().image(4, 4, 2)
                        .then("conv", "Conv2D", "filters", 3, "activation", "tanh").then("bn", "BatchNorm")
                        .then("flat", "Flatten").then("dense", "Dense", "units", 4, "activation", "tanh")
                        .then("bn2", "BatchNorm").output()),
                Arguments.of("attention with learned positions and LayerNorm", TestDesigns.start().sequence(3, 4)
                        .then("proj", "Dense", "units", 4, "activation", "tanh")
                        .then("pe", "PositionalEncoding", "mode", "learned")
                        .then("attn", "MultiHeadSelfAttention", "heads", 2).then("ln", "LayerNorm")
                        .then("pool", "GlobalPooling").output()),
                Arguments.of("Transformer encoder block", TestDesigns.start().sequence(3, 4)
                        .then("pe", "PositionalEncoding")
                        .then("enc", "TransformerEncoderBlock", "heads", 2, "feedForward", 5, "dropout", 0.0)
                        .then("pool", "GlobalPooling").output()),
                Arguments.of("Embedding into LSTM", TestDesigns.start().sequence(4, 1)
                        .then("emb", "Embedding", "vocabulary", 6, "dimensions", 3)
                        .then("lstm", "LSTM", "units", 3).output()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void gradientsMatchFiniteDifferences(String name, Design design) throws Exception {
        CompiledDesign compiled = new DesignCompiler().compile(design, TrainingSettings.defaults()
                .withOptimizer(TrainingSettings.Optimizer.SGD).withLearningRate(1.0).withDataType(DataType.DOUBLE));
        ComputationGraph graph = compiled.newNetwork();
        int minibatch = 3;
        long[] shape = compiled.inputTypes().get(0).getShape(true);
        shape[0] = minibatch;
        INDArray input = design.nodes().stream().anyMatch(n -> n.kind().equals("Embedding"))
                ? Nd4j.createFromArray(new double[] {0, 5, 2, 1, 3, 3, 4, 0, 1, 2, 5, 4}).reshape(shape)
                : Nd4j.rand(DataType.DOUBLE, shape).subi(0.5);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, minibatch, 3);
        Random random = new Random(3);
        for (int i = 0; i < minibatch; i++) {
            labels.putScalar(i, random.nextInt(3), 1.0);
        }
        // BatchNorm's running mean and variance are statistics, not trained by gradient.
        Set<String> statistics = graph.paramTable().keySet().stream()
                .filter(k -> k.endsWith("_mean") || k.endsWith("_var") || k.endsWith("_log10stdev"))
                .collect(Collectors.toSet());

        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                .net(graph).inputs(new INDArray[] {input}).labels(new INDArray[] {labels})
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                .excludeParams(statistics)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
        assertThat(ok).as(name).isTrue();
    }
}
