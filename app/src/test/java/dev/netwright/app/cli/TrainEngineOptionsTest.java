package dev.netwright.app.cli;

import dev.netwright.runtime.layers.LstmEngine;
import dev.netwright.runtime.train.EngineChoices;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code train}'s defaults are the run's own ({@link RunRequest#of}), and its engine options land in {@code run.json}.
 * The worker here is {@code /bin/true}: the run file is written, nothing trains.
 */
class TrainEngineOptionsTest {
    @TempDir
    Path dir;

    private final CapturedCli cli = new CapturedCli(new NoTraining());

    @Test
    void withoutOptionsTheRunIsTheDefaultRun() throws Exception {
        cli.run("train", "sample:lstm", "--out", dir.resolve("run").toString());

        RunRequest written = new RunRequestJson().read(dir.resolve("run"));
        assertThat(written).isEqualTo(RunRequest.of(Samples.load("lstm"), written.data()));
        assertThat(written.engine()).isEqualTo(EngineChoices.forDesign(Samples.load("lstm")));
    }

    @Test
    void theEngineOptionsAreTheRunsChoices() throws Exception {
        cli.run("train", "sample:cnn", "--lstm-engine", "DL4J", "--no-onednn", "--threads", "3",
                "--out", dir.resolve("run").toString());

        assertThat(new RunRequestJson().read(dir.resolve("run")).engine())
                .isEqualTo(new EngineChoices(LstmEngine.DL4J, false, 3));
    }

    @Test
    void onednnTurnsTheHelpersOnAndZeroThreadsLeavesTheCountToNd4j() throws Exception {
        cli.run("train", "sample:cnn", "--onednn", "--threads", "0", "--out", dir.resolve("run").toString());

        assertThat(new RunRequestJson().read(dir.resolve("run")).engine())
                .isEqualTo(new EngineChoices(LstmEngine.ONEDNN, true, 0));
    }

    @Test
    void aNegativeThreadCountIsRefusedBeforeAnyRunFolderIsMade() {
        assertThat(cli.run("train", "sample:cnn", "--threads", "-1", "--out", dir.resolve("run").toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(cli.err.toString()).contains("threads must be positive, or 0");
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    void anUnknownLstmEngineNamesTheKnownOnes() {
        assertThat(cli.run("train", "sample:lstm", "--lstm-engine", "FAST")).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(cli.err.toString()).contains("ONEDNN").contains("NATIVE").contains("DL4J");
    }

    @Test
    void theHelpListsTheEngineOptionsWithTheirDefaults() {
        assertThat(cli.run("train", "--help")).isEqualTo(ExitCodes.OK);

        assertThat(cli.out.toString()).contains("--lstm-engine=<lstmEngine>").contains("(default: ONEDNN)")
                .contains("--[no-]onednn").contains("--threads=N").contains("chosen per design")
                .contains("Epochs (default: 1)").contains("Learning rate (default: 0.001)")
                .contains("L2 regularisation (default: 0)").contains("(default: 0.1)");
    }
}
