package dev.netwright.app.cli;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.Position;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ExportCommandTest {
    private final CapturedCli cli = new CapturedCli();

    @TempDir
    Path dir;

    @Test
    void exportToPytorchWritesTheCodeToStdoutByDefault() {
        assertThat(cli.run("export", "sample:cnn", "--to", "pytorch")).isEqualTo(ExitCodes.OK);

        assertThat(cli.out.toString()).contains("class SeedCnn(nn.Module):", "input_shape = (1, 28, 28)",
                "if __name__ == \"__main__\":");
        assertThat(cli.err.toString()).isEmpty();
    }

    @Test
    void exportWithOutWritesTheFileAndSaysSo() throws Exception {
        Path file = dir.resolve("resnet.py");

        assertThat(cli.run("export", "sample:resnet", "--to", "pytorch", "-o", file.toString())).isEqualTo(ExitCodes.OK);

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("x_add1 = ", "nn.BatchNorm2d(32");
        assertThat(cli.out.toString()).startsWith("Wrote " + file);
    }

    @Test
    void exportToKerasWritesCodeThatImportsBackAsTheSameNetwork() throws Exception {
        Path file = dir.resolve("cnn.py");
        Path back = dir.resolve("back.json");

        assertThat(cli.run("export", "sample:cnn", "--to", "keras", "-o", file.toString())).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("keras.Input(shape=(28, 28, 1)", "model.compile(", "model.fit(");
        assertThat(cli.out.toString()).startsWith("Wrote " + file + " (Keras code");
        assertThat(new CapturedCli().run("import", file.toString(), "-o", back.toString())).isEqualTo(ExitCodes.OK);

        Design original = Samples.load("cnn");
        Design imported = new DesignJson().read(back);
        assertThat(imported.nodes()).extracting(Node::kind).containsExactlyElementsOf(original.nodes().stream().map(Node::kind).toList());
        assertThat(imported.edges()).hasSameSizeAs(original.edges());
    }

    @Test
    void anUnknownTargetIsBadInputAndWritesNothing() {
        Path file = dir.resolve("model.py");

        assertThat(cli.run("export", "sample:cnn", "--to", "tensorflow", "-o", file.toString())).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(cli.err.toString()).contains("--to tensorflow", "pytorch");
        assertThat(file).doesNotExist();
    }

    @Test
    void aDesignWithASettingPyTorchCannotExpressIsRefusedNamingItAndWritesNothing() throws Exception {
        Design cnn = Samples.load("cnn");
        Node samePooling = StandardKinds.catalog().require("MaxPool2D").newNode("pool", new Position(0, 0))
                .withName("Padded").withParam("padding", "same").withParam("stride", 1); // keeps the image's size
        Design withSamePooling = cnn.withNode(samePooling).withoutEdge(Edge.of("conv1", "pool1"))
                .withEdge(Edge.of("conv1", "pool")).withEdge(Edge.of("pool", "pool1"));
        Path design = dir.resolve("same-pooling.json");
        new DesignJson().write(withSamePooling, design);
        Path file = dir.resolve("model.py");

        int exit = cli.run("export", design.toString(), "--to", "pytorch", "-o", file.toString());

        assertThat(cli.err.toString()).contains("No PyTorch export for: 'Padded' (MaxPool2D with padding 'same').",
                "Nothing was written");
        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(file).doesNotExist();
        assertThat(cli.out.toString()).isEmpty();
    }

    @Test
    void anUnwritableFileIsBadInput() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        Path file = blocker.resolve("model.py");

        assertThat(cli.run("export", "sample:cnn", "--to", "pytorch", "-o", file.toString())).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(cli.err.toString()).contains("Cannot write " + file, "Nothing was written");
    }

    @Test
    void aFolderAsTheOutputIsBadInput() {
        assertThat(cli.run("export", "sample:cnn", "--to", "pytorch", "-o", dir.toString())).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(cli.err.toString()).contains("is a folder");
    }

    @Test
    void aMissingDesignFileIsBadInput() {
        assertThat(cli.run("export", dir.resolve("none.json").toString(), "--to", "pytorch")).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(cli.out.toString()).isEmpty();
    }

    @Test
    void exportToJavaWritesTheClassInAFileOfItsName() throws Exception {
        Path file = dir.resolve("SeedCnn.java");

        assertThat(cli.run("export", "sample:cnn", "--to", "java", "-o", file.toString())).as(cli.err.toString())
                .isEqualTo(ExitCodes.OK);

        assertThat(Files.readString(file)).contains("public final class SeedCnn", "ComputationGraphConfiguration",
                ".addLayer(\"conv1\"");
        assertThat(cli.out.toString()).contains("Wrote " + file + " (Java code for 'Seed CNN'");
    }

    @Test
    void aJavaFileNotNamedAfterItsClassIsRefusedNamingTheRightName() {
        Path file = dir.resolve("model.java");

        assertThat(cli.run("export", "sample:cnn", "--to", "java", "-o", file.toString())).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(cli.err.toString()).contains("write -o " + dir.resolve("SeedCnn.java"), "Nothing was written");
        assertThat(file).doesNotExist();
    }
}
