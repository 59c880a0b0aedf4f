package dev.netwright.app.cli;

import dev.netwright.interop.onnx.OnnxRuntimeCheck;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.weights.DesignWeights;
import dev.netwright.runtime.train.ModelZip;
import dev.netwright.runtime.train.RunData;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.samples.Sample;
import dev.netwright.samples.Samples;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every sample trained a few steps and exported from its run folder with {@code netwright export RUN --to onnx}:
 * ONNX Runtime gives the same class probabilities as Netwright's network on 100 validation images, and the command
 * says so; the file imported again ({@code netwright import}) is the same design computing the same outputs; what
 * cannot be exported is refused with exit code 2 and nothing written.
 */
class OnnxExportOfSamplesTest {
    private static final int IMAGES = 100;

    @TempDir
    Path dir;

    private final CapturedCli cli = new CapturedCli();

    @Test
    void everySampleTrainedAndExportedGivesNetwrightsProbabilitiesInOnnxRuntimeAndImportsAsTheSameDesign() throws Exception {
        Map<String, Double> differences = new LinkedHashMap<>();
        Map<String, Double> roundTrips = new LinkedHashMap<>();
        for (Sample sample : Samples.list()) {
            String id = sample.id();
            Path runDir = dir.resolve("run-" + id);
            // the tutorial-size Transformer (19 million parameters) trains a few seconds per batch here: a smaller budget
            String examples = sample.large() ? "16" : "64";
            String batch = sample.large() ? "8" : "32";
            assertThat(cli.run("train", "sample:" + id, "--max-train", examples, "--max-validation", "" + IMAGES,
                    "--epochs", "1", "--batch", batch, "--backend", "cpu", "--out", runDir.toString()))
                    .as(id + ": " + cli.err).isEqualTo(ExitCodes.OK);
            Path model = dir.resolve(id + ".onnx");
            cli.out.getBuffer().setLength(0);

            assertThat(cli.run("export", runDir.toString(), "--to", "onnx", "-o", model.toString()))
                    .as(id + ": " + cli.err).isEqualTo(ExitCodes.OK);

            assertThat(cli.out.toString()).as(id).contains("Wrote " + model + " (ONNX opset 17")
                    .contains("on " + IMAGES + " validation examples: largest difference from Netwright's outputs");
            RunRequest request = new RunRequestJson().read(runDir);
            INDArray x = RunData.validationFeatures(request, IMAGES);
            assertThat(x.size(0)).isEqualTo(IMAGES);
            ComputationGraph graph = ModelZip.read(new RunFolder(runDir).model(), false);
            INDArray expected = graph.outputSingle(x);
            INDArray actual = OnnxRuntimeCheck.outputs(model, x);
            assertThat(actual.shape()).as(id).isEqualTo(expected.shape());
            double difference = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
            assertThat(difference).as(id + ": largest difference of the probabilities").isLessThanOrEqualTo(1e-4);
            differences.put(id, difference);

            Path imported = dir.resolve(id + "-imported.json");
            assertThat(cli.run("import", model.toString(), "-o", imported.toString())).as(id + ": " + cli.err)
                    .isEqualTo(ExitCodes.OK);
            Design design = new DesignJson().read(imported);
            assertThat(new DesignJson().write(design.withWeights(null))).as(id + ": the design read back")
                    .isEqualTo(new DesignJson().write(request.design().withWeights(null)));
            ComputationGraph read = new DesignCompiler().compile(design, TrainingSettings.defaults()).newNetwork();
            read.init();
            DesignWeights.read(Path.of(design.weights().orElseThrow())).applyTo(read, design);
            double roundTrip = read.outputSingle(x).sub(expected).amaxNumber().doubleValue();
            assertThat(roundTrip).as(id + ": the imported design's outputs").isLessThanOrEqualTo(1e-5);
            roundTrips.put(id, roundTrip);
        }
        System.out.println("ONNX Runtime against Netwright on " + IMAGES + " validation images, per sample: " + differences);
        System.out.println("Exported, imported again, against the run's network: " + roundTrips);
        assertThat(differences).containsKeys("cnn", "lstm", "rcnn", "resnet", "resnet-tuned", "transformer");
    }

    @Test
    void aDesignWithoutTrainedWeightsOrWithoutAFileNameIsRefusedAndNothingIsWritten() throws Exception {
        Path model = dir.resolve("cnn.onnx");

        assertThat(cli.run("export", "sample:cnn", "--to", "onnx", "-o", model.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("sample:cnn has no trained weights: ONNX holds a trained model")
                .contains("Nothing was written");
        assertThat(model).doesNotExist();

        cli.err.getBuffer().setLength(0);
        assertThat(cli.run("export", "sample:cnn", "--to", "onnx")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--to onnx writes a model file: name it with -o FILE.onnx");
        assertThat(cli.out.toString()).isEmpty();
    }

    @Test
    void anImportedKerasModelWithWeightsIsExportedAndCheckedOnRandomInputs() throws Exception {
        Path h5 = dev.netwright.app.testing.KerasFixtures.writeInto(dir.resolve("keras")).resolve("cnn.h5");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(h5), "python3-h5py is not installed");
        Path design = dir.resolve("cnn.json");
        assertThat(cli.run("import", h5.toString(), "-o", design.toString())).isEqualTo(ExitCodes.OK);
        Path model = dir.resolve("cnn.onnx");
        cli.out.getBuffer().setLength(0);

        assertThat(cli.run("export", design.toString(), "--to", "onnx", "-o", model.toString()))
                .as(cli.err.toString()).isEqualTo(ExitCodes.OK);

        assertThat(cli.out.toString()).contains("Wrote " + model).contains("on 20 random inputs");
        assertThat(model).isRegularFile();
        List<String> lines = new ArrayList<>(cli.out.toString().lines().toList());
        assertThat(lines).hasSize(2);
    }
}
