package dev.netwright.app.cli;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.train.ModelZip;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.weights.DesignWeights;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code netwright evaluate DESIGN}: a design with trained weights evaluated without training. */
class EvaluateDesignTest {
    @TempDir
    Path dir;

    private final CapturedCli cli = new CapturedCli();

    @Test
    void aDesignWithTheRunsWeightsScoresAsTheRunDoesOnTheSameTestImages() throws Exception {
        Path runDir = dir.resolve("run");
        assertThat(cli.run("train", "sample:cnn", "--max-train", "64", "--max-validation", "100", "--epochs", "1",
                "--batch", "32", "--backend", "cpu", "--out", runDir.toString())).isEqualTo(ExitCodes.OK);
        Design design = Samples.load("cnn");
        Path file = dir.resolve("cnn.json");
        DesignWeights.extract(ModelZip.read(new RunFolder(runDir).model(), false), design)
                .write(DesignWeights.sidecarFor(file));
        new DesignJson().write(design.withWeights(DesignWeights.sidecarFor(file).toString()), file);
        cli.out.getBuffer().setLength(0);
        assertThat(cli.run("evaluate", runDir.toString())).isEqualTo(ExitCodes.OK);
        String ofTheRun = cli.out.toString();
        cli.out.getBuffer().setLength(0);

        assertThat(cli.run("evaluate", file.toString(), "--max", "100")).as(cli.err.toString()).isEqualTo(ExitCodes.OK);

        String ofTheDesign = cli.out.toString();
        assertThat(ofTheDesign).contains("on 100 test samples").contains("the design's imported weights, not trained here");
        assertThat(firstLineStart(ofTheDesign)).isEqualTo(firstLineStart(ofTheRun)); // accuracy, count, misclassified
        assertThat(ofTheDesign.substring(ofTheDesign.indexOf("confusion matrix")))
                .isEqualTo(ofTheRun.substring(ofTheRun.indexOf("confusion matrix")));
    }

    @Test
    void aDesignWithoutWeightsIsBadInputSayingHowToGetSome() {
        assertThat(cli.run("evaluate", "sample:cnn")).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(cli.err.toString()).contains("sample:cnn has no trained weights to evaluate: train it");
        assertThat(cli.out.toString()).isEmpty();
    }

    @Test
    void weightsThatDoNotFitTheDesignAreBadInputNamingTheNode() throws Exception {
        Design cnn = Samples.load("cnn");
        Path file = dir.resolve("cnn.json");
        Design other = Samples.load("resnet");
        DesignWeights.extract(new dev.netwright.runtime.compile.DesignCompiler()
                .compile(other, dev.netwright.runtime.compile.TrainingSettings.defaults()).newNetwork(), other)
                .write(DesignWeights.sidecarFor(file));
        new DesignJson().write(cnn.withWeights(DesignWeights.sidecarFor(file).toString()), file);

        assertThat(cli.run("evaluate", file.toString())).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(cli.err.toString()).contains("The weights do not fit the design Seed CNN").contains("node 'conv2', parameter 'W'");
        assertThat(Files.exists(file)).isTrue();
    }

    private static String firstLineStart(String report) {
        String first = report.lines().findFirst().orElseThrow();
        return first.substring(0, first.indexOf(';'));
    }
}
