package dev.netwright.runtime.compile;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.check.CheckResult;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.LayerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker's shapes and parameter counts equal what DL4J builds, for every layer kind in several settings. */
class ShapesAgreeWithDl4jTest {

    static Stream<Arguments> designs() {
        return Stream.of(
                case_("Input image + Flatten", TestDesigns.start().image(6, 5, 2).then("flat", "Flatten").output()),
                case_("Input vector + Dense", TestDesigns.start().vector(7).then("dense", "Dense", "units", 4).output()),
                case_("Dense without bias", TestDesigns.start().vector(7).then("dense", "Dense", "units", 4, "useBias", false).output()),
                case_("Dense on a sequence", TestDesigns.start().sequence(5, 6).then("dense", "Dense", "units", 4)
                        .then("pool", "GlobalPooling").output()),
                case_("Conv2D valid", TestDesigns.start().image(9, 8, 2).then("conv", "Conv2D", "filters", 3)
                        .then("flat", "Flatten").output()),
                case_("Conv2D same stride 2, 5x3 kernel", TestDesigns.start().image(9, 8, 2).then("conv", "Conv2D",
                        "filters", 3, "kernelHeight", 5, "kernelWidth", 3, "strideHeight", 2, "strideWidth", 2,
                        "padding", "same").then("flat", "Flatten").output()),
                case_("Conv2D valid stride 2", TestDesigns.start().image(9, 8, 1).then("conv", "Conv2D",
                        "filters", 2, "strideHeight", 2, "strideWidth", 3).then("flat", "Flatten").output()),
                case_("Conv1D valid", TestDesigns.start().sequence(9, 3).then("conv", "Conv1D", "filters", 4)
                        .then("pool", "GlobalPooling").output()),
                case_("Conv1D same stride 2", TestDesigns.start().sequence(9, 3).then("conv", "Conv1D", "filters", 4,
                        "kernel", 4, "stride", 2, "padding", "same").then("pool", "GlobalPooling").output()),
                case_("Conv2DTranspose same stride 2", TestDesigns.start().image(5, 4, 2).then("deconv", "Conv2DTranspose",
                        "filters", 3).then("flat", "Flatten").output()),
                case_("Conv2DTranspose valid 3x2 kernel, strides 2 and 3, no bias", TestDesigns.start().image(5, 4, 2)
                        .then("deconv", "Conv2DTranspose", "filters", 3, "kernelHeight", 3, "kernelWidth", 2,
                                "strideHeight", 2, "strideWidth", 3, "padding", "valid", "useBias", false)
                        .then("flat", "Flatten").output()),
                case_("UpSampling2D", TestDesigns.start().image(3, 4, 2).then("up", "UpSampling2D", "size", 3)
                        .then("flat", "Flatten").output()),
                case_("Reshape image to sequence", TestDesigns.start().image(4, 6, 2).then("re", "Reshape",
                        "form", "sequence", "steps", 8, "features", 6).then("lstm", "LSTM", "units", 3).output()),
                case_("Reshape vector to image", TestDesigns.start().vector(24).then("re", "Reshape",
                        "form", "image", "height", 2, "width", 3, "channels", 4).then("conv", "Conv2D", "filters", 2,
                        "kernelHeight", 2, "kernelWidth", 2).then("flat", "Flatten").output()),
                case_("Reshape sequence to vector", TestDesigns.start().sequence(5, 3).then("re", "Reshape",
                        "form", "vector", "size", 15).output()),
                case_("Conv1D into LSTM", TestDesigns.start().sequence(9, 3).then("conv", "Conv1D", "filters", 4)
                        .then("pool", "MaxPool1D").then("lstm", "LSTM", "units", 5).output()),
                case_("MaxPool2D valid odd", TestDesigns.start().image(7, 9, 2).then("pool", "MaxPool2D")
                        .then("flat", "Flatten").output()),
                case_("AvgPool2D same", TestDesigns.start().image(7, 9, 2).then("pool", "AvgPool2D", "pool", 3,
                        "stride", 2, "padding", "same").then("flat", "Flatten").output()),
                case_("MaxPool1D", TestDesigns.start().sequence(9, 3).then("pool", "MaxPool1D")
                        .then("gp", "GlobalPooling").output()),
                case_("AvgPool1D same", TestDesigns.start().sequence(9, 3).then("pool", "AvgPool1D", "padding", "same")
                        .then("gp", "GlobalPooling").output()),
                case_("GlobalPooling image max", TestDesigns.start().image(4, 4, 3).then("gp", "GlobalPooling", "mode", "max").output()),
                case_("GlobalPooling sequence", TestDesigns.start().sequence(4, 3).then("gp", "GlobalPooling").output()),
                case_("ToSequence rows", TestDesigns.start().image(6, 5, 2).then("seq", "ToSequence")
                        .then("lstm", "LSTM", "units", 3).output()),
                case_("ToSequence columns", TestDesigns.start().image(6, 5, 2).then("seq", "ToSequence", "direction", "columns")
                        .then("lstm", "LSTM", "units", 3).output()),
                case_("Dropout + Activation", TestDesigns.start().vector(5).then("drop", "Dropout", "rate", 0.2)
                        .then("act", "Activation", "activation", "tanh").output()),
                case_("BatchNorm image", TestDesigns.start().image(4, 4, 3).then("bn", "BatchNorm").then("flat", "Flatten").output()),
                case_("BatchNorm vector", TestDesigns.start().vector(5).then("bn", "BatchNorm").output()),
                case_("LayerNorm vector", TestDesigns.start().vector(5).then("ln", "LayerNorm").output()),
                case_("LayerNorm sequence", TestDesigns.start().sequence(4, 6).then("ln", "LayerNorm").then("gp", "GlobalPooling").output()),
                case_("LSTM stacked", TestDesigns.start().sequence(5, 4).then("l1", "LSTM", "units", 6, "returnSequences", true)
                        .then("l2", "LSTM", "units", 3).output()),
                case_("LSTM bidirectional", TestDesigns.start().sequence(5, 4).then("l1", "LSTM", "units", 6,
                        "bidirectional", true, "returnSequences", true).then("l2", "LSTM", "units", 3, "bidirectional", true).output()),
                case_("GRU stacked", TestDesigns.start().sequence(5, 4).then("g1", "GRU", "units", 6, "returnSequences", true)
                        .then("g2", "GRU", "units", 3).output()),
                case_("GRU bidirectional, sigmoid", TestDesigns.start().sequence(5, 4).then("g1", "GRU", "units", 6,
                        "bidirectional", true, "returnSequences", true, "activation", "sigmoid")
                        .then("g2", "GRU", "units", 3, "bidirectional", true).output()),
                case_("SimpleRNN", TestDesigns.start().sequence(5, 4).then("r1", "SimpleRNN", "units", 6, "returnSequences", true)
                        .then("r2", "SimpleRNN", "units", 3).output()),
                case_("Embedding", TestDesigns.start().sequence(7, 1).then("emb", "Embedding", "vocabulary", 20, "dimensions", 5)
                        .then("gp", "GlobalPooling").output()),
                case_("PositionalEncoding sinusoidal", TestDesigns.start().sequence(5, 4).then("pe", "PositionalEncoding")
                        .then("gp", "GlobalPooling").output()),
                case_("PositionalEncoding learned", TestDesigns.start().sequence(5, 4).then("pe", "PositionalEncoding", "mode", "learned")
                        .then("gp", "GlobalPooling").output()),
                case_("MultiHeadSelfAttention", TestDesigns.start().sequence(5, 8).then("attn", "MultiHeadSelfAttention", "heads", 2)
                        .then("gp", "GlobalPooling").output()),
                case_("TransformerEncoderBlock", TestDesigns.start().sequence(5, 8).then("enc", "TransformerEncoderBlock",
                        "heads", 2, "feedForward", 12).then("gp", "GlobalPooling").output()),
                case_("TransformerEncoderBlock no dropout", TestDesigns.start().sequence(5, 8).then("enc", "TransformerEncoderBlock",
                        "heads", 4, "feedForward", 6, "dropout", 0.0).then("gp", "GlobalPooling").output()),
                case_("Add", TestDesigns.start().vector(5).then("a", "Dense", "units", 4).node("b", "Dense", "units", 4)
                        .wire("input", "b").node("add", "Add").wire("a", "add").wire("b", "add").then("output", "Output").build()),
                case_("Concat images", TestDesigns.start().image(4, 4, 2).then("a", "Conv2D", "filters", 3, "padding", "same")
                        .node("b", "Conv2D", "filters", 5, "padding", "same").wire("input", "b").node("cat", "Concat")
                        .wire("a", "cat").wire("b", "cat").then("flat", "Flatten").then("output", "Output").build()),
                case_("Concat sequences", TestDesigns.start().sequence(4, 2).then("a", "LSTM", "units", 3, "returnSequences", true)
                        .node("b", "Dense", "units", 5).wire("input", "b").node("cat", "Concat")
                        .wire("a", "cat").wire("b", "cat").then("gp", "GlobalPooling").then("output", "Output").build()),
                case_("Concat vectors", TestDesigns.start().vector(5).then("a", "Dense", "units", 4).node("b", "Dense", "units", 2)
                        .wire("input", "b").node("cat", "Concat").wire("a", "cat").wire("b", "cat").then("output", "Output").build()),
                case_("Output sigmoid", TestDesigns.start().vector(5).then("output", "Output", "units", 4, "loss", "sigmoid-binary-crossentropy").build()),
                case_("Output regression", TestDesigns.start().vector(5).then("output", "Output", "units", 2, "loss", "identity-mse").build()));
    }

    private static Arguments case_(String name, Design design) {
        return Arguments.of(name, design);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void checkerShapesAndParamsEqualDl4j(String name, Design design) throws Exception {
        CheckResult check = new Checker().check(design);
        assertThat(check.errors()).as(name).isEmpty();
        CompiledDesign compiled = new DesignCompiler().compile(design, TrainingSettings.defaults());
        assertThat(Dl4jShapes.disagreements(compiled)).as(name).isEmpty();
    }

    @Test
    void everyLayerKindIsCoveredByACase() {
        Set<String> covered = new TreeSet<>();
        designs().forEach(a -> ((Design) a.get()[1]).nodes().forEach(n -> covered.add(n.kind())));
        Set<String> all = new TreeSet<>();
        StandardKinds.catalog().kinds().stream().map(LayerKind::id).forEach(all::add);
        assertThat(covered).isEqualTo(all);
    }
}
