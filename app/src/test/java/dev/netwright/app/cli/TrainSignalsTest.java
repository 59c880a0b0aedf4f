package dev.netwright.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netwright.runtime.train.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code netwright train} as a user runs it in a terminal (issue 13, items 4 and 5): Ctrl+C and SIGTERM stop the run
 * and save its model, and two runs started together each train what they were asked to, in folders of their own.
 */
class TrainSignalsTest {
    /** Enough epochs that the run is still going when the test stops it. */
    private static final String[] LONG_RUN = {"train", "sample:cnn", "--epochs", "500", "--max-train", "256",
            "--max-validation", "64", "--batch", "32"};

    @TempDir
    Path dir;

    @Test
    void ctrlCInATerminalStopsAtTheNextMinibatchSavesTheModelAndExitsZero() throws Exception {
        assumeTrue(CliProcess.terminalAvailable(), "needs util-linux's script for a pseudo-terminal");
        Path out = dir.resolve("run");
        try (CliProcess cli = CliProcess.startInTerminal(dir, args(LONG_RUN, "--out", out.toString()))) {
            cli.awaitOutput(o -> o.contains("the first minibatch is running") || o.contains("samples/s"), "training");
            cli.type("\u0003");

            int exit = cli.awaitExit();

            assertThat(cli.output()).contains("Stopping at the next minibatch and saving the model")
                    .contains("stopped at epoch 1").doesNotContain("Exception").doesNotContain("failed");
            assertThat(exit).as(cli.output()).isZero();
        }
        assertThat(new RunFolder(out).model()).isRegularFile();
    }

    @Test
    void sigtermStopsAndSavesTheSameWay() throws Exception {
        Path out = dir.resolve("run");
        try (CliProcess cli = CliProcess.start(dir, args(LONG_RUN, "--out", out.toString()))) {
            cli.awaitOutput(o -> o.contains("Training on"), "training");
            cli.terminate();

            int exit = cli.awaitExit();

            assertThat(exit).as(cli.output()).isZero();
            assertThat(cli.output()).contains("stopped at epoch 1").doesNotContain("Exception");
        }
        assertThat(new RunFolder(out).model()).isRegularFile();
    }

    @Test
    void twoRunsStartedTogetherEachTrainTheirOwnSettingsInTheirOwnFolder() throws Exception {
        String[] small = {"train", "sample:cnn", "--epochs", "1", "--max-train", "128", "--max-validation", "32"};
        try (CliProcess slow = CliProcess.start(dir, args(small, "--lr", "0.001"));
             CliProcess fast = CliProcess.start(dir, args(small, "--lr", "0.01"))) {
            assertThat(slow.awaitExit()).as(slow.output()).isZero();
            assertThat(fast.awaitExit()).as(fast.output()).isZero();
        }

        List<Path> runs;
        try (Stream<Path> folders = Files.list(dir.resolve("runs"))) {
            runs = folders.sorted().toList();
        }
        assertThat(runs).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        List<Double> rates = runs.stream().map(run -> {
            assertThat(new RunFolder(run).model()).isRegularFile();
            try {
                JsonNode request = json.readTree(run.resolve("run.json").toFile());
                return request.path("settings").path("learningRate").asDouble();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertThat(rates).containsExactlyInAnyOrder(0.001, 0.01);
    }

    private static String[] args(String[] base, String... more) {
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }
}
