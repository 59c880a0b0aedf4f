package dev.netwright.runtime.compat;

import dev.netwright.runtime.TestDesigns;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.train.ModelZip;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the saved-model fixtures of {@link SavedModelsStillLoadTest}: for each design, a model zip trained one step
 * (every one of Netwright's own DL4J layers appears in one of them, so the zips name those classes), an input and the
 * output the model gave for it. Run once per release whose zips must keep loading:
 * {@code java -cp … dev.netwright.runtime.compat.SavedModelFixtures runtime/src/test/resources/dev/netwright/runtime/compat RELEASE}.
 */
public final class SavedModelFixtures {
    private SavedModelFixtures() {
    }

    /** The designs, small enough that their zips stay a few kilobytes. */
    static Map<String, Design> designs() {
        return Map.of(
                "cnn", TestDesigns.start().image(8, 8, 1).then("conv1", "Conv2D", "filters", 4)
                        .then("conv2", "Conv2D", "filters", 4).then("pool", "MaxPool2D").then("flat", "Flatten")
                        .then("dense", "Dense", "units", 8).then("output", "Output", "units", 3).build(),
                "sequence", TestDesigns.start().image(8, 8, 1).then("rows", "ToSequence")
                        .then("lstm", "LSTM", "units", 8, "returnSequences", true)
                        .then("position", "PositionalEncoding", "mode", "learned")
                        .then("attention", "MultiHeadSelfAttention", "heads", 2).then("norm", "LayerNorm")
                        .then("encoder", "TransformerEncoderBlock", "heads", 2, "feedForward", 16)
                        .then("pool", "GlobalPooling").then("output", "Output", "units", 3).build(),
                "tokens", TestDesigns.start().sequence(6, 1).then("embed", "Embedding", "vocabulary", 10, "dimensions", 4)
                        .then("pool", "GlobalPooling").then("output", "Output", "units", 3).build(),
                "layers", TestDesigns.start().sequence(6, 4)
                        .then("gru", "GRU", "units", 4, "returnSequences", true, "bidirectional", true)
                        .then("reshape", "Reshape", "form", "image", "height", 4, "width", 4, "channels", 3)
                        .then("deconv", "Conv2DTranspose", "filters", 2).then("up", "UpSampling2D")
                        .then("flat", "Flatten").then("output", "Output", "units", 3).build());
    }

    static INDArray input(String name) {
        Nd4j.getRandom().setSeed(7);
        return switch (name) {
            case "tokens" -> Nd4j.rand(DataType.FLOAT, 4, 1, 6).muli(10).castTo(DataType.INT32).castTo(DataType.FLOAT);
            case "layers" -> Nd4j.rand(DataType.FLOAT, 4, 4, 6);
            default -> Nd4j.rand(DataType.FLOAT, 4, 1, 8, 8);
        };
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String release = args[1];
        for (Map.Entry<String, Design> entry : designs().entrySet()) {
            String name = entry.getKey();
            ComputationGraph graph = new DesignCompiler().compile(entry.getValue(), TrainingSettings.defaults()).newNetwork();
            INDArray input = input(name);
            INDArray labels = Nd4j.eye(3).getRows(0, 1, 2, 0).castTo(DataType.FLOAT);
            graph.fit(new DataSet(input, labels));
            String stem = name + "-" + release;
            ModelZip.write(graph, dir.resolve(stem + ".zip"));
            write(input, dir.resolve(stem + ".input.bin"));
            write(graph.outputSingle(input), dir.resolve(stem + ".output.bin"));
        }
    }

    private static void write(INDArray array, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); DataOutputStream data = new DataOutputStream(out)) {
            Nd4j.write(array, data);
        }
    }
}
