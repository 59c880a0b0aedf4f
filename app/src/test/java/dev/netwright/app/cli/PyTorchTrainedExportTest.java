package dev.netwright.app.cli;

import dev.netwright.app.testing.KerasFixtures;
import dev.netwright.runtime.check.Checker;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.weights.DesignWeights;
import dev.netwright.runtime.data.DataSources;
import dev.netwright.runtime.data.ExampleIterator;
import dev.netwright.runtime.data.TrainValidation;
import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.layers.kinds.InputKind;
import dev.netwright.runtime.train.ModelZip;
import dev.netwright.runtime.train.RunData;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.weights.NpzArchive;
import dev.netwright.samples.Sample;
import dev.netwright.samples.Samples;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every sample trained briefly, exported from its run folder as PyTorch code with weights, and run by Debian's
 * python3-torch on 100 validation images: the same parameter count and the same outputs as Netwright's network.
 */
class PyTorchTrainedExportTest {
    private static final int IMAGES = 100;

    @TempDir
    Path dir;

    private final CapturedCli cli = new CapturedCli();

    @BeforeAll
    static void needsPyTorch() throws Exception {
        assumeTrue(SystemPython.imports("torch, numpy"),
                "python3-torch is not installed: the exported PyTorch code is not run");
    }

    @Test
    void everySampleTrainedAndExportedComputesNetwrightsOutputsInPyTorch() throws Exception {
        Path driver = SystemPython.writeExportDriver(dir);
        List<String> compared = new ArrayList<>();
        // the tutorial-size Transformer is left out (minutes to train here); OnnxExportOfSamplesTest trains and exports it
        for (Sample sample : Samples.small()) {
            String id = sample.id();
            Path runDir = dir.resolve("run-" + id);
            assertThat(cli.run("train", "sample:" + id, "--max-train", "64", "--max-validation", "" + IMAGES,
                    "--epochs", "1", "--batch", "32", "--backend", "cpu", "--out", runDir.toString()))
                    .as(id + ": " + cli.err).isEqualTo(ExitCodes.OK);
            Path code = dir.resolve(id.replace('-', '_') + ".py");
            assertThat(cli.run("export", runDir.toString(), "--to", "pytorch", "-o", code.toString()))
                    .as(id + ": " + cli.err).isEqualTo(ExitCodes.OK);
            Path weights = dir.resolve(id.replace('-', '_') + ".state_dict.npz");
            assertThat(weights).isRegularFile();
            assertThat(Files.readString(code)).contains("load_weights").contains(weights.getFileName().toString());

            RunRequest request = new RunRequestJson().read(runDir);
            Shape input = InputKind.shapeOf(request.design()).orElseThrow();
            TrainValidation data = request.normalisation().apply(DataSources.open(request.data(), input,
                    request.settings().seed(), request.validationFraction(), request.split()));
            INDArray x = new ExampleIterator(RunData.limit(data.validation(), IMAGES), input, IMAGES, false, 0)
                    .next().getFeatures();
            assertThat(x.size(0)).isEqualTo(IMAGES);
            ComputationGraph graph = ModelZip.read(new RunFolder(runDir).model(), false);
            INDArray expected = graph.outputSingle(x);
            // DL4J holds a sequence [N, features, steps]; the exported module takes [N, steps, features]
            INDArray torchInput = input instanceof Shape.Sequence ? x.permute(0, 2, 1) : x;
            Path inputs = dir.resolve(id + "-x.npz");
            NpzArchive.write(inputs, Map.of("x", torchInput));
            Path outputs = dir.resolve(id + "-out.npy");

            SystemPython.Result result = SystemPython.run(
                List.of(SystemPython.PYTHON, driver.toString(), code.toString(), inputs.toString(), outputs.toString()));

            assertThat(result.exit()).as(id + ": " + result.output()).isZero();
            assertThat(result.output().strip()).as(id).endsWith(Long.toString(new Checker().check(request.design()).totalParams()));
            INDArray actual = Nd4j.createFromNpyFile(outputs.toFile());
            assertThat(actual.shape()).as(id).isEqualTo(expected.shape());
            double difference = actual.castTo(expected.dataType()).sub(expected).amaxNumber().doubleValue();
            assertThat(difference).as(id + ": largest difference of the softmax outputs").isLessThanOrEqualTo(1e-4);
            compared.add(id + " " + difference);
        }
        System.out.println("PyTorch against Netwright, largest difference per sample: " + compared);
        assertThat(compared).extracting(c -> c.split(" ")[0])
                .contains("cnn", "lstm", "rcnn", "resnet", "resnet-tuned", "transformer");
    }

    @Test
    void anImportedKerasModelExportsWithItsWeightsAndComputesTheSameInPyTorch() throws Exception {
        Path h5 = KerasFixtures.writeInto(dir.resolve("keras")).resolve("cnn.h5");
        Path design = dir.resolve("cnn.json");
        assertThat(cli.run("import", h5.toString(), "-o", design.toString())).isEqualTo(ExitCodes.OK);
        Path code = dir.resolve("cnn.py"); // beside the design: its cnn.weights.npz must stay as it is
        byte[] designWeights = Files.readAllBytes(dir.resolve("cnn.weights.npz"));

        assertThat(cli.run("export", design.toString(), "--to", "pytorch", "-o", code.toString()))
                .as(cli.err.toString()).isEqualTo(ExitCodes.OK);

        assertThat(cli.out.toString()).contains("Wrote " + dir.resolve("cnn.state_dict.npz") + " (the design's weights");
        assertThat(Files.readAllBytes(dir.resolve("cnn.weights.npz"))).isEqualTo(designWeights);
        Design read = new DesignJson().read(design);
        ComputationGraph graph = new DesignCompiler().compile(read, TrainingSettings.defaults()).newNetwork();
        graph.init();
        DesignWeights.read(dir.resolve("cnn.weights.npz")).applyTo(graph, read);
        Shape input = InputKind.shapeOf(read).orElseThrow();
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 20, ((Shape.Image) input).channels(),
                ((Shape.Image) input).height(), ((Shape.Image) input).width());
        assertThat(pyTorchOutputs(code, x)).isNotNull().satisfies(actual -> assertThat(
                actual.sub(graph.outputSingle(x)).amaxNumber().doubleValue()).isLessThanOrEqualTo(1e-4));
    }

    /** The exported module's predictions on x, by Debian's python3-torch. */
    private INDArray pyTorchOutputs(Path code, INDArray x) throws Exception {
        Path driver = SystemPython.writeExportDriver(dir);
        Path inputs = dir.resolve("x.npz");
        NpzArchive.write(inputs, Map.of("x", x));
        Path outputs = dir.resolve("out.npy");
        SystemPython.Result result = SystemPython.run(
                List.of(SystemPython.PYTHON, driver.toString(), code.toString(), inputs.toString(), outputs.toString()));
        assertThat(result.exit()).as(result.output()).isZero();
        return Nd4j.createFromNpyFile(outputs.toFile());
    }

    @Test
    void aTrainedExportNeedsAFileToWriteTheWeightsBeside() throws Exception {
        Path runDir = dir.resolve("run");
        assertThat(cli.run("train", "sample:cnn", "--max-train", "32", "--max-validation", "32", "--epochs", "1",
                "--batch", "32", "--backend", "cpu", "--out", runDir.toString())).isEqualTo(ExitCodes.OK);
        cli.out.getBuffer().setLength(0);

        assertThat(cli.run("export", runDir.toString(), "--to", "pytorch")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("has trained weights: name the file to write with -o FILE.py")
                .contains("Nothing was written");
        assertThat(cli.out.toString()).isEmpty();

        Path keras = dir.resolve("model_keras.py");
        assertThat(cli.run("export", runDir.toString(), "--to", "keras", "-o", keras.toString())).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("weights are not in Keras code: --to pytorch exports them");
        assertThat(dir.resolve("model_keras.state_dict.npz")).doesNotExist();
    }

    @Test
    void aFolderThatIsNoRunOrARunWithoutAModelIsRefusedAndNothingIsWritten() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path code = dir.resolve("model.py");
        assertThat(cli.run("export", empty.toString(), "--to", "pytorch", "-o", code.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("is a folder but not a run folder");

        Path runDir = dir.resolve("run");
        assertThat(cli.run("train", "sample:cnn", "--max-train", "32", "--max-validation", "32", "--epochs", "1",
                "--batch", "32", "--backend", "cpu", "--out", runDir.toString())).isEqualTo(ExitCodes.OK);
        Files.delete(new RunFolder(runDir).model());
        assertThat(cli.run("export", runDir.toString(), "--to", "pytorch", "-o", code.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("has no saved model (model.zip)");
        assertThat(code).doesNotExist();
        assertThat(dir.resolve("model.state_dict.npz")).doesNotExist();
    }
}
