package dev.netwright.app.cli;

import dev.netwright.runtime.data.DataSplit;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequestJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a user runs it: output and exit codes, without a display. */
class CommandLineTest {
    @TempDir
    Path dir;

    private final CapturedCli cli = new CapturedCli();

    @Test
    void samplesListsTheFiveSamplesWithTheirSize() {
        assertThat(cli.run("samples")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("sample:cnn").contains("93,322").contains("sample:lstm")
                .contains("sample:transformer").contains("sample:resnet").contains("sample:rcnn").contains("79,434");
    }

    @Test
    void checkPrintsEveryNodeWithShapeAndParameters() {
        assertThat(cli.run("check", "sample:cnn")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("conv1").contains("26×26×32").contains("93,322 parameters, 0 error(s)");
    }

    @Test
    void checkOfADesignWithErrorsExitsWithThree() throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, """
                { "formatVersion" : 1, "nodes" : [
                  { "id" : "input", "kind" : "Input" },
                  { "id" : "dense1", "kind" : "Dense" },
                  { "id" : "output", "kind" : "Output" } ],
                  "edges" : [ { "from" : "input", "to" : "dense1" }, { "from" : "dense1", "to" : "output" } ] }
                """);
        assertThat(cli.run("check", file.toString())).isEqualTo(ExitCodes.DESIGN_ERRORS);
        assertThat(cli.out.toString()).contains("error dense1: Dense needs a vector").contains("[fix: insert Flatten between input and dense1]");
    }

    @Test
    void aBrokenFileOrAnUnknownSampleExitsWithTwoAndSaysWhy() throws Exception {
        Path file = dir.resolve("cut.json");
        Files.writeString(file, "{ \"formatVersion\" : 1, \"nodes\" : [");
        assertThat(cli.run("check", file.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("cut.json: not valid JSON at line");
        assertThat(cli.run("check", "sample:vgg")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("no sample called 'vgg'");
        assertThat(cli.run("train")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("Missing required parameter");
    }

    @Test
    void trainThenEvaluateOnASmallDataSet() throws Exception {
        Path data = SmallCsvProblem.csv(dir.resolve("points.csv"), "a,b,c,d,species", 400, 0);
        Path design = SmallCsvProblem.design(dir.resolve("small.json"), 8);
        Path runDir = dir.resolve("run");
        int code = cli.run("train", design.toString(), "--data", "csv:" + data, "--epochs", "2", "--batch", "16",
                "--lr", "0.01", "--backend", "cpu", "--optimizer", "adam", "--out", runDir.toString());
        assertThat(code).as(cli.out + "\n" + cli.err).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("CPU (as chosen)").contains("epoch 2/2: train loss")
                .contains("finished (completed 2 epochs)");
        assertThat(new RunFolder(runDir).model()).isRegularFile();

        cli.out.getBuffer().setLength(0);
        assertThat(cli.run("evaluate", runDir.toString())).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("on 39 validation samples").contains("the model of epoch 2 (last)")
                .contains("confusion matrix");
    }

    @Test
    void theTestSetIsHeldOutForTheFinalEvaluationUnlessAskedToValidateOnIt() throws Exception {
        Path held = dir.resolve("held");
        assertThat(cli.run("train", "sample:cnn", "--max-train", "64", "--max-validation", "40", "--batch", "32",
                "--backend", "cpu", "--out", held.toString())).as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("test accuracy");
        cli.out.getBuffer().setLength(0);
        assertThat(cli.run("evaluate", held.toString())).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("on 40 test samples");

        Path validated = dir.resolve("validated");
        assertThat(cli.run("train", "sample:cnn", "--max-train", "64", "--max-validation", "40", "--batch", "32",
                "--backend", "cpu", "--no-test-split", "--out", validated.toString())).isEqualTo(ExitCodes.OK);
        assertThat(new RunRequestJson().read(validated).split()).isEqualTo(DataSplit.VALIDATE_ON_TEST);
        cli.out.getBuffer().setLength(0);
        assertThat(cli.run("evaluate", validated.toString())).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("on 40 validation samples");
    }

    @Test
    void evaluateOfAFolderWithoutARunSaysSo() {
        assertThat(cli.run("evaluate", dir.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("Not a run folder");
    }

    @Test
    void drawWritesTheDesignAsAnSvgWithEveryLayerAndAPathPerWire() throws Exception {
        Path file = dir.resolve("net.svg");
        assertThat(cli.run("draw", "sample:resnet", "--out", file.toString())).isEqualTo(ExitCodes.OK);

        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        org.w3c.dom.Document svg = factory.newDocumentBuilder().parse(file.toFile());
        dev.netwright.runtime.design.Design resnet = dev.netwright.samples.Samples.load("resnet");
        org.w3c.dom.Element wires = (org.w3c.dom.Element) svg.getElementsByTagName("g").item(0);
        assertThat(wires.getElementsByTagName("path").getLength()).isEqualTo(resnet.edges().size());
        String text = Files.readString(file);
        resnet.nodes().forEach(node -> assertThat(text).contains("data-id=\"" + node.id() + "\""));
        assertThat(cli.out.toString()).contains("Wrote").contains(resnet.nodes().size() + " layers");
    }

    @Test
    void drawRefusesAPngOrAnotherKindOfFileAndSaysWhatToDo() {
        assertThat(cli.run("draw", "sample:cnn", "--out", dir.resolve("net.png").toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("File > Export Drawing").contains("--out net.svg");
        assertThat(cli.run("draw", "sample:cnn", "--out", dir.resolve("net.txt").toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("ending in .svg");
        assertThat(Files.exists(dir.resolve("net.png"))).isFalse();
    }

    @Test
    void devicesNamesWhereTrainingWouldRun() {
        assertThat(cli.run("devices")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("CPU:").contains("Training with --backend AUTO uses: CPU");
    }

    @Test
    void everyCommandsHelpExitsZeroAndListsItsOptions() {
        // before: 'netwright train --help' said "Unknown option: '--help'" and exited 2
        for (String command : java.util.List.of("open", "check", "draw", "train", "evaluate", "doctor", "samples", "devices",
                "self-test", "sweep")) {
            cli.out.getBuffer().setLength(0);
            assertThat(cli.run(command, "--help")).as(command).isEqualTo(ExitCodes.OK);
            assertThat(cli.out.toString()).as(command).contains("Usage: netwright " + command).contains("--help");
        }
        cli.out.getBuffer().setLength(0);
        assertThat(cli.run("train", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("--epochs").contains("--out").contains("--force");
    }
}
