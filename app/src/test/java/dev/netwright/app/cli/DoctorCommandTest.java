package dev.netwright.app.cli;

import dev.netwright.runtime.train.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The training doctor on the command line: findings printed as a run trains, and {@code netwright doctor RUN_DIR}. */
class DoctorCommandTest {
    @TempDir
    Path dir;

    private final CapturedCli cli = new CapturedCli();

    private Path design() throws Exception {
        return SmallCsvProblem.design(dir.resolve("small.json"), 16);
    }

    private Path points() throws Exception {
        return points("points.csv", i -> i % 3);
    }

    /** 300 rows of three classes, the class of row i given by {@code labelOf}, each class with its own feature high. */
    private Path points(String name, java.util.function.IntUnaryOperator labelOf) throws Exception {
        java.util.Random random = new java.util.Random(5);
        StringBuilder csv = new StringBuilder("a,b,c,d,label\n");
        for (int i = 0; i < 300; i++) {
            int label = labelOf.applyAsInt(i);
            for (int f = 0; f < 4; f++) {
                csv.append(String.format(java.util.Locale.ROOT, "%.3f,", label * 2.0 + (f == label ? 3 : 0)
                        + random.nextGaussian() * 0.3));
            }
            csv.append(label).append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, csv.toString());
        return file;
    }

    @Test
    void aRunWithALearningRateOfTenPrintsTheDoctorsAdviceAndDoctorShowsItAgain() throws Exception {
        Path runDir = dir.resolve("run");
        int code = cli.run("train", design().toString(), "--data", "csv:" + points(), "--epochs", "3", "--batch", "16",
                "--lr", "10", "--backend", "cpu", "--out", runDir.toString());

        assertThat(code).as(cli.out + "\n" + cli.err).isIn(ExitCodes.OK, ExitCodes.RUN_FAILED);
        String trained = cli.out.toString();
        assertThat(trained).contains("doctor: learning-rate-too-high").contains("try: Set the learning rate to");
        assertThat(new RunFolder(runDir).doctor()).isRegularFile();

        cli.out.getBuffer().setLength(0);
        assertThat(cli.run("doctor", runDir.toString())).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("in " + runDir).contains("doctor: learning-rate-too-high");

        cli.out.getBuffer().setLength(0);
        assertThat(cli.run("doctor", "--replay", "--json", runDir.toString())).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).startsWith("{\"type\":\"finding\",")
                .contains("{\"type\":\"finding\",\"kind\":\"learning-rate-too-high\"");
    }

    @Test
    void aClassOfTenRowsAmongThreeHundredIsPrintedAsImbalancedWithItsCount() throws Exception {
        Path runDir = dir.resolve("rare");
        Path rare = points("rare.csv", i -> i % 30 == 0 ? 2 : i % 2); // class 2: 10 rows; 0 and 1: 145 each
        assertThat(cli.run("train", design().toString(), "--data", "csv:" + rare, "--epochs", "1", "--batch", "16",
                "--normalise", "STANDARDISE", "--backend", "cpu", "--out", runDir.toString()))
                .as(cli.err.toString()).isEqualTo(ExitCodes.OK);

        assertThat(cli.out.toString()).containsPattern("doctor: data-class-imbalance \\(epoch 1, iteration 0\\): A data "
                + "problem: the classes are imbalanced. The training data has 1\\d\\d examples of [01] but only \\d+ of 2")
                .containsPattern("try: Balance the classes by ending the data reference with #per-class=\\d+: it keeps");

        cli.out.getBuffer().setLength(0);
        assertThat(cli.run("doctor", runDir.toString())).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("doctor: data-class-imbalance");
    }

    @Test
    void aHealthyRunHasNothingToReport() throws Exception {
        Path runDir = dir.resolve("healthy");
        // standardised: with these all-positive features, half the ReLU units start dead (and the doctor says so)
        assertThat(cli.run("train", design().toString(), "--data", "csv:" + points(), "--epochs", "3", "--batch", "16",
                "--lr", "0.05", "--normalise", "STANDARDISE", "--backend", "cpu", "--out", runDir.toString()))
                .as(cli.err.toString())
                .isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).doesNotContain("doctor:");

        cli.out.getBuffer().setLength(0);
        assertThat(cli.run("doctor", runDir.toString())).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("The doctor found nothing wrong in " + runDir + ".");
    }

    @Test
    void aFolderWithoutARunIsRefusedWithTwo() {
        assertThat(cli.run("doctor", dir.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("Not a run folder: " + dir + " has no run.json");
        assertThat(cli.run("doctor", dir.resolve("missing").toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("No run folder at");
    }
}
