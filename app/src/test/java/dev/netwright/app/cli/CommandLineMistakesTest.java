package dev.netwright.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What the command line says to the mistakes a first-time user made (issue 15, defect 12). */
class CommandLineMistakesTest {
    @TempDir
    Path dir;

    private final CapturedCli cli = new CapturedCli();

    @Test
    void aMistypedOptionGetsTheClosestRightOne() {
        assertThat(cli.run("train", "sample:cnn", "--epoch", "2")).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(cli.err.toString()).contains("Unknown option: '--epoch'.").contains("Did you mean --epochs?")
                .contains("See 'netwright train --help'.").doesNotContain("Usage:");
    }

    @Test
    void aMistypedCommandIsCalledAnUnknownCommandWithTheClosestOne() {
        assertThat(cli.run("trian", "sample:cnn")).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(cli.err.toString()).contains("Unknown command 'trian'.").contains("Did you mean")
                .contains("train").doesNotContain("Unmatched argument");
    }

    @Test
    void anUnknownCommandWithHelpIsStillAnError() {
        assertThat(cli.run("trian", "--help")).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(cli.err.toString()).contains("Unknown command 'trian'.");
        assertThat(cli.out.toString()).doesNotContain("Usage:");
    }

    @Test
    void aMissingCsvIsBadInputAndLeavesNoRunFolder() {
        Path csv = dir.resolve("no-such.csv");
        Path run = dir.resolve("run");

        // before: exit 1 (the worker failed) and an empty run folder was left behind
        assertThat(cli.run("train", "sample:cnn", "--data", "csv:" + csv, "--out", run.toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(cli.err.toString()).contains(csv + ": file not found");
        assertThat(run).doesNotExist();
    }

    @Test
    void aMissingImageFolderIsBadInputAndLeavesNoRunFolder() {
        Path images = dir.resolve("photos");
        Path run = dir.resolve("run");

        assertThat(cli.run("train", "sample:cnn", "--data", "images:" + images, "--out", run.toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(cli.err.toString()).contains(images + ": folder not found");
        assertThat(run).doesNotExist();
    }

    @Test
    void aMissingRunFolderIsCalledMissingNotDamaged() {
        Path missing = dir.resolve("runs/never-ran");

        assertThat(cli.run("evaluate", missing.toString())).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(cli.err.toString()).contains("No run folder at " + missing).doesNotContain("damaged");
    }

    @Test
    void aKerasModelGivenAsADesignIsNamedAsOne() throws Exception {
        Path keras = Files.writeString(dir.resolve("model.json"),
                "{\"class_name\": \"Sequential\", \"config\": {\"layers\": []}, \"keras_version\": \"2.13.1\"}");

        assertThat(cli.run("check", keras.toString())).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(cli.err.toString()).contains("this is a Keras model (Sequential), not a Netwright design");
    }

    @Test
    void checkListsTheNodesInGraphOrderWhateverTheFileOrder() throws Exception {
        Path file = Files.writeString(dir.resolve("shuffled.json"), """
                { "formatVersion" : 1, "nodes" : [
                  { "id" : "output", "kind" : "Output", "params" : { "units" : 3 } },
                  { "id" : "dense1", "kind" : "Dense", "params" : { "units" : 4 } },
                  { "id" : "input", "kind" : "Input", "params" : { "form" : "vector", "features" : 5 } } ],
                  "edges" : [ { "from" : "input", "to" : "dense1" }, { "from" : "dense1", "to" : "output" } ] }
                """);

        cli.run("check", file.toString());

        String out = cli.out.toString();
        assertThat(out.indexOf("\ninput ")).as(out).isPositive().isLessThan(out.indexOf("\ndense1 "));
        assertThat(out.indexOf("\ndense1 ")).isLessThan(out.indexOf("\noutput "));
    }
}
