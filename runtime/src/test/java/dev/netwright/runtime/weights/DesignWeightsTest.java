package dev.netwright.runtime.weights;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DesignWeightsTest {
    @TempDir
    Path dir;

    private static Design cnn(int filters) {
        return TestDesigns.start().image(8, 8, 1).then("conv", "Conv2D", "filters", filters)
                .then("flat", "Flatten").then("dense", "Dense", "units", 6).then("output", "Output", "units", 3).build();
    }

    private static Design transformer() {
        return TestDesigns.start().sequence(5, 8).then("block", "TransformerEncoderBlock", "heads", 2, "feedForward", 16)
                .then("pool", "GlobalPooling").then("output", "Output", "units", 3).build();
    }

    private static ComputationGraph network(Design design, long seed) throws Exception {
        return new DesignCompiler().compile(design, TrainingSettings.defaults().withSeed(seed)).newNetwork();
    }

    @Test
    void extractedWeightsSavedAndLoadedGiveTheSameOutputsOnAFreshNetwork() throws Exception {
        Design design = cnn(4);
        ComputationGraph trained = network(design, 1);
        INDArray input = Nd4j.rand(DataType.FLOAT, 3, 1, 8, 8);
        INDArray expected = trained.outputSingle(input);

        DesignWeights weights = DesignWeights.extract(trained, design);
        assertThat(weights.nodeIds()).containsExactly("conv", "dense", "output");
        assertThat(weights.node("conv")).containsOnlyKeys("W", "b");
        assertThat(weights.parameterCount()).isEqualTo(trained.numParams());
        Path file = DesignWeights.sidecarFor(dir.resolve("net.json"));
        assertThat(file.getFileName()).hasToString("net.weights.npz");
        weights.write(file);

        ComputationGraph fresh = network(design, 2);
        assertThat(fresh.outputSingle(input)).isNotEqualTo(expected);
        DesignWeights.read(file).applyTo(fresh, design);
        assertThat(fresh.outputSingle(input)).isEqualTo(expected);
    }

    @Test
    void aCompositeKindKeepsTheWeightsOfEveryVertexItCompilesTo() throws Exception {
        Design design = transformer();
        ComputationGraph trained = network(design, 1);
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 8, 5);
        DesignWeights weights = DesignWeights.extract(trained, design);
        assertThat(weights.node("block")).containsKeys("attn/Wq", "ff1/W", "norm1/gamma", "gamma"); // "gamma": the vertex named as the node
        weights.write(dir.resolve("t.weights.npz"));

        ComputationGraph fresh = network(design, 2);
        DesignWeights.read(dir.resolve("t.weights.npz")).applyTo(fresh, design);
        assertThat(fresh.outputSingle(input)).isEqualTo(trained.outputSingle(input));
    }

    @Test
    void weightsOfAnotherShapeAreRefusedNamingTheNodeAndParameterAndChangeNothing() throws Exception {
        DesignWeights four = DesignWeights.extract(network(cnn(4), 1), cnn(4));
        ComputationGraph five = network(cnn(5), 2);
        INDArray before = five.params().dup();

        assertThatThrownBy(() -> four.applyTo(five, cnn(5))).isInstanceOf(WeightsMismatchException.class)
                .hasMessageContaining("node 'conv', parameter 'W': the weights are [4, 1, 3, 3] but the layer needs [5, 1, 3, 3]");
        assertThat(five.params()).isEqualTo(before);
    }

    @Test
    void aDesignFileNamesItsWeightsBesideItAndADesignWithoutWeightsStillLoads() throws Exception {
        DesignJson json = new DesignJson();
        Path designFile = dir.resolve("net.json");
        Path weightsFile = DesignWeights.sidecarFor(designFile);
        json.write(cnn(4).withWeights(weightsFile.toString()), designFile);

        assertThat(Files.readString(designFile, StandardCharsets.UTF_8)).contains("\"weights\" : \"net.weights.npz\"");
        assertThat(json.read(designFile).weights()).contains(weightsFile.toAbsolutePath().normalize().toString());

        json.write(cnn(4), dir.resolve("plain.json"));
        assertThat(Files.readString(dir.resolve("plain.json"), StandardCharsets.UTF_8)).doesNotContain("weights");
        assertThat(json.read(dir.resolve("plain.json")).weights()).isEmpty();
    }

    @Test
    void aWeightsFieldThatNamesNoFileIsRefusedNamingTheDesignFile() throws Exception {
        Path designFile = dir.resolve("odd.json");
        Files.writeString(designFile, new DesignJson().write(cnn(4).withWeights("a\u0000b")), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new DesignJson().read(designFile))
                .isInstanceOf(dev.netwright.runtime.design.DesignFormatException.class)
                .hasMessageContaining(designFile.toString()).hasMessageContaining("'weights'");
    }

    @Test
    void aFileThatIsNoWeightsFileIsRefusedWithItsName() throws Exception {
        Path file = dir.resolve("bad.weights.npz");
        Files.write(file, new byte[]{1, 2, 3});
        assertThatThrownBy(() -> DesignWeights.read(file)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining(file.toString());
    }
}
