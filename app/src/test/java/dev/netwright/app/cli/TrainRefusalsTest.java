package dev.netwright.app.cli;

import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code train}, {@code check} and {@code evaluate} refuse before a worker starts, and what they say (issue 13). */
class TrainRefusalsTest {
    @TempDir
    Path dir;

    private final CapturedCli cli = new CapturedCli();

    @Test
    void notANumberIsRefusedForL2AndClipping() {
        // before: --l2 NaN and --clip NaN were accepted and trained
        assertThat(cli.run("train", "sample:cnn", "--l2", "NaN", "--out", dir.resolve("a").toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("L2 must be a number of 0 or more, not NaN");
        assertThat(cli.run("train", "sample:cnn", "--clip", "NaN", "--out", dir.resolve("b").toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("gradient clipping must be a number of 0 or more, not NaN");
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void aFolderHoldingAnEarlierRunIsNotOverwritten() throws Exception {
        // before: --out into an existing run folder overwrote its model and mixed its events
        Path earlier = Files.createDirectories(dir.resolve("earlier"));
        Files.writeString(earlier.resolve(RunRequestJson.FILE_NAME), "{}");
        Files.writeString(earlier.resolve(RunFolder.MODEL), "the earlier model");

        assertThat(cli.run("train", "sample:cnn", "--out", earlier.toString())).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(cli.err.toString()).contains("holds an earlier run").contains("--force");
        assertThat(earlier.resolve(RunFolder.MODEL)).hasContent("the earlier model");
    }

    @Test
    void aFolderOfOtherFilesIsNotARunFolder() throws Exception {
        Path system = Files.createDirectories(dir.resolve("usr/lib"));
        Files.writeString(system.resolve("libc.so.6"), "x");

        assertThat(cli.run("train", "sample:cnn", "--out", system.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("is not empty");
        assertThat(system).isDirectoryContaining(p -> p.getFileName().toString().equals("libc.so.6"));
        try (var files = Files.list(system)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void aDesignTooBigForThisComputerIsRefusedWithItsEstimate() throws Exception {
        // before: it started, allocated for minutes and died with "Allocation failed: [std::bad_alloc]"
        Path design = Files.writeString(dir.resolve("huge.json"), """
                { "formatVersion" : 1, "name" : "huge", "nodes" : [
                  { "id" : "input", "kind" : "Input", "params" : { "form" : "vector", "size" : 1000000 } },
                  { "id" : "dense", "kind" : "Dense", "params" : { "units" : 1000000 } },
                  { "id" : "output", "kind" : "Output", "params" : { "units" : 10 } } ],
                  "edges" : [ { "from" : "input", "to" : "dense" }, { "from" : "dense", "to" : "output" } ] }
                """);

        assertThat(cli.run("train", design.toString(), "--out", dir.resolve("run").toString())).isEqualTo(ExitCodes.DESIGN_ERRORS);

        assertThat(cli.err.toString()).contains("This network needs about 14.6 TiB to train with Adam at batch 64")
                .contains("so it was not started").contains("smaller batch");
        assertThat(dir.resolve("run")).doesNotExist();
        cli.out.getBuffer().setLength(0);
        assertThat(cli.run("check", design.toString())).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("Estimate: about 14.6 TiB to train with Adam at batch 64")
                .contains("warning design: The network needs");
    }

    @Test
    void checkGivesTheCostOfEveryDesign() {
        assertThat(cli.run("check", "sample:cnn")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("Estimate: about").contains("to train with Adam at batch 64")
                .contains("million multiply-adds per example");
    }

    @Test
    void evaluatingACraftedModelRefusesItWithoutDeserialisingAnything() throws Exception {
        Path runDir = Files.createDirectories(dir.resolve("run"));
        new RunRequestJson().write(RunRequest.of(Samples.load("cnn"), "fashion-mnist-sample"), runDir);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(runDir.resolve(RunFolder.MODEL)))) {
            for (String entry : new String[] {"configuration.json", "coefficients.bin", "preprocessor.bin"}) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(new byte[] {(byte) 0xac, (byte) 0xed, 0, 5}); // a Java serialisation stream's header
            }
        }

        assertThat(cli.run("evaluate", runDir.toString())).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(cli.err.toString()).contains("preprocessor.bin").contains("not loaded");
    }

    @Test
    void aDesignReadingDataOutsideItsFolderSaysWhichFileBeforeTraining() throws Exception {
        Path project = Files.createDirectories(dir.resolve("from-elsewhere"));
        Path design = Files.writeString(project.resolve("design.json"), """
                { "formatVersion" : 1, "name" : "curious", "data" : { "source" : "csv:../secrets.csv" }, "nodes" : [
                  { "id" : "input", "kind" : "Input", "params" : { "form" : "vector", "size" : 4 } },
                  { "id" : "output", "kind" : "Output", "params" : { "units" : 3 } } ],
                  "edges" : [ { "from" : "input", "to" : "output" } ] }
                """);

        // the file is there (a missing one is refused before any run folder): the run goes ahead after the notice
        StringBuilder rows = new StringBuilder("a,b,c,d,label\n");
        for (int i = 0; i < 12; i++) {
            rows.append(i % 3).append(",1,2,3,").append("abc".charAt(i % 3)).append('\n');
        }
        Files.writeString(dir.resolve("secrets.csv"), rows);

        cli.run("train", design.toString(), "--out", dir.resolve("run").toString());

        String notice = "The design reads its data from " + dir.resolve("secrets.csv") + ", outside the design's folder";
        assertThat(cli.out.toString()).contains(notice);
        assertThat(cli.out.toString().indexOf(notice)).isLessThan(cli.out.toString().indexOf("Run folder:"));
    }
}
