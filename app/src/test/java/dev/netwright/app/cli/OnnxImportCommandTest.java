package dev.netwright.app.cli;

import dev.netwright.app.testing.OnnxFixtures;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.weights.DesignWeights;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code netwright import model.onnx}: the design and its weights written, or bad input (exit 2) naming the problem. */
class OnnxImportCommandTest {
    @TempDir
    static Path fixtures;
    private static Path onnx;

    private final CapturedCli cli = new CapturedCli();
    @TempDir
    Path dir;

    @BeforeAll
    static void writeFixtures() throws Exception {
        onnx = fixtures.resolve("onnx");
    }

    private static Path fixture(String name) throws Exception {
        if (!Files.isDirectory(onnx)) {
            OnnxFixtures.writeInto(onnx);
        }
        return onnx.resolve(name);
    }

    @Test
    void anOnnxFileImportsAsADesignWithItsWeightsAndTrains() throws Exception {
        Path design = dir.resolve("cnn.json");

        assertThat(cli.run("import", fixture("cnn.onnx").toString(), "-o", design.toString()))
                .as(cli.err.toString()).isEqualTo(ExitCodes.OK);

        Design read = new DesignJson().read(design);
        assertThat(read.nodes()).hasSize(8);
        assertThat(DesignWeights.read(dir.resolve("cnn.weights.npz")).nodeIds())
                .containsExactlyInAnyOrder("conv1_Conv", "conv2_Conv", "fc1_Gemm", "fc2_Gemm");
        assertThat(cli.out.toString()).contains("Wrote " + design + " (8 layers, ")
                .contains("Note: ONNX Runtime ran the file itself on 20 random inputs: the imported design gives the same "
                        + "outputs");

        assertThat(cli.run("train", design.toString(), "--max-train", "32", "--max-validation", "32", "--epochs", "1",
                "--batch", "32", "--backend", "cpu", "--out", dir.resolve("run").toString()))
                .as(cli.err.toString()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aPyTorchTransformerEncoderImportsAsNetwrightsBlocksAndTrains() throws Exception {
        Path design = dir.resolve("transformer.json");

        assertThat(cli.run("import", fixture("transformer17.onnx").toString(), "-o", design.toString()))
                .as(cli.err.toString()).isEqualTo(ExitCodes.OK);

        Design read = new DesignJson().read(design);
        assertThat(read.nodes()).extracting(dev.netwright.runtime.design.Node::kind).containsExactly("Input", "Dense",
                "PositionalEncoding", "TransformerEncoderBlock", "TransformerEncoderBlock", "GlobalPooling", "Output");
        assertThat(DesignWeights.read(dir.resolve("transformer.weights.npz")).node("encoder_layers.0"))
                .containsKeys("attn/Wq", "attn/Wo", "norm1/gamma", "ff1/W", "ff2/b", "gamma", "beta");
        assertThat(cli.run("train", design.toString(), "--max-train", "32", "--max-validation", "32", "--epochs", "1",
                "--batch", "32", "--backend", "cpu", "--out", dir.resolve("run").toString()))
                .as(cli.err.toString()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void theImportCommandsHelpNamesOnnx() {
        assertThat(cli.run("import", "--help")).isEqualTo(ExitCodes.OK);

        assertThat(cli.out.toString()).contains("ONNX", ".onnx");
    }

    @Test
    void unsupportedOperatorsAreBadInputListedByNameAndWriteNothing() throws Exception {
        assertRefused(fixture("unsupported.onnx"));
        assertThat(cli.err.toString()).contains("(Sin)", "(GRU)", "Nothing was imported");
    }

    @Test
    void aFileCutShortIsBadInputNamingIt() throws Exception {
        byte[] whole = Files.readAllBytes(fixture("cnn.onnx"));
        assertRefused(Files.write(dir.resolve("cut.onnx"), Arrays.copyOf(whole, whole.length / 3)));
    }

    @Test
    void aFileOfOtherBytesIsBadInputNamingIt() throws Exception {
        assertRefused(Files.writeString(dir.resolve("notes.onnx"), "not a model"));
        assertThat(cli.err.toString()).contains("is not an ONNX model");
    }

    @Test
    void aNewerOpsetIsBadInputNamingIt() throws Exception {
        Path newer = dir.resolve("opset21.onnx");
        assertThat(OnnxFixtures.run("/usr/bin/python3", "-c", "import onnx, sys; m = onnx.load(sys.argv[1]); "
                + "m.opset_import[0].version = 21; onnx.save(m, sys.argv[2])", fixture("cnn.onnx").toString(),
                newer.toString())).isZero();

        assertRefused(newer);
        assertThat(cli.err.toString()).contains("opset 21");
    }

    private void assertRefused(Path file) {
        Path design = dir.resolve("out.json");

        assertThat(cli.run("import", file.toString(), "-o", design.toString())).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(cli.err.toString()).contains(file.toString());
        assertThat(design).doesNotExist();
        assertThat(dir.resolve("out.weights.npz")).doesNotExist();
    }
}
