package dev.netwright.app.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code netwright quantize}: a trained run as float and int8 ONNX files, both run in ONNX Runtime (issue 19). */
class QuantizeCommandTest {
    @TempDir
    static Path dir;
    private static Path run;

    private final CapturedCli cli = new CapturedCli();

    @BeforeAll
    static void train() {
        run = dir.resolve("run");
        CapturedCli trainer = new CapturedCli();
        assertThat(trainer.run("train", "sample:cnn", "--max-train", "600", "--max-validation", "300", "--epochs", "1",
                "--batch", "32", "--backend", "cpu", "--out", run.toString())).as(trainer.err.toString())
                .isEqualTo(ExitCodes.OK);
    }

    @Test
    void theInt8ModelRunsOnInt8KernelsWithinAFewPointsOfTheFloatModelsAccuracyInAThirdOfTheBytes() throws Exception {
        Path out = dir.resolve("cnn.onnx");

        assertThat(cli.run("quantize", run.toString(), "-o", out.toString(), "--calibration", "200"))
                .as(cli.err.toString()).isEqualTo(ExitCodes.OK);

        String table = cli.out.toString();
        assertThat(out).isRegularFile();
        assertThat(dir.resolve("cnn.int8.onnx")).isRegularFile();
        assertThat(table).contains("ms per batch of 1", "ms per batch of 64", "minmax on 200 training examples",
                "Left in float: nothing with weights");
        assertThat(table).containsPattern("Int8 kernels ONNX Runtime runs: \\{.*(QLinearConv|NhwcQLinearConv)=3");
        Matcher accuracy = Pattern.compile("accuracy +([\\d.]+) +([\\d.]+)").matcher(table);
        assertThat(accuracy.find()).as(table).isTrue();
        double floatAccuracy = Double.parseDouble(accuracy.group(1));
        assertThat(floatAccuracy).as("the briefly trained model learnt something").isGreaterThan(0.4);
        assertThat(Double.parseDouble(accuracy.group(2))).as(table).isCloseTo(floatAccuracy, within(0.03));
        assertThat((double) Files.size(dir.resolve("cnn.int8.onnx")) / Files.size(out)).isBetween(0.2, 0.35);
    }

    @Test
    void percentileCalibrationGivesAnotherInt8ModelThanMinMax() throws Exception {
        assertThat(cli.run("quantize", run.toString(), "-o", dir.resolve("a.onnx").toString(), "--calibration", "100"))
                .as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(cli.run("quantize", run.toString(), "-o", dir.resolve("b.onnx").toString(), "--calibration", "100",
                "--method", "percentile", "--percentile", "99.9")).as(cli.err.toString()).isEqualTo(ExitCodes.OK);

        assertThat(cli.out.toString()).contains("percentile on 100 training examples (99.9 %)");
        assertThat(Files.readAllBytes(dir.resolve("a.onnx"))).isEqualTo(Files.readAllBytes(dir.resolve("b.onnx")));
        assertThat(Files.readAllBytes(dir.resolve("a.int8.onnx")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("b.int8.onnx")));
        assertThat(Files.readString(dir.resolve("b.int8.onnx"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("\"calibration\":\"percentile\",\"percentile\":99.9");
    }

    @Test
    void wrongInputIsRefusedNamingTheProblemAndWritesNothing() throws Exception {
        Path out = dir.resolve("never.onnx");
        assertThat(cli.run("quantize", dir.toString(), "-o", out.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("Not a run folder");
        assertThat(cli.run("quantize", run.toString(), "-o", out.toString(), "--calibration", "0"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--calibration must be at least 1");
        assertThat(cli.run("quantize", run.toString(), "-o", out.toString(), "--method", "entropy"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--method must be minmax or percentile");
        assertThat(cli.run("quantize", run.toString(), "-o", out.toString(), "--method", "percentile",
                "--percentile", "40")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--percentile must be above 50");
        assertThat(cli.run("quantize", run.toString(), "-o", dir.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("is a folder");
        Path empty = Files.createDirectories(dir.resolve("unfinished"));
        Files.copy(run.resolve("run.json"), empty.resolve("run.json"));
        assertThat(cli.run("quantize", empty.toString(), "-o", out.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("has no saved model");
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("never.int8.onnx")).doesNotExist();
    }

    @Test
    void layersWithoutAnInt8FormStayFloatAndAreNamed() {
        Path lstm = dir.resolve("lstm");
        assertThat(cli.run("train", "sample:lstm", "--max-train", "64", "--max-validation", "64", "--epochs", "1",
                "--batch", "32", "--backend", "cpu", "--out", lstm.toString())).as(cli.err.toString())
                .isEqualTo(ExitCodes.OK);

        assertThat(cli.run("quantize", lstm.toString(), "-o", dir.resolve("lstm.onnx").toString(), "--calibration",
                "32")).as(cli.err.toString()).isEqualTo(ExitCodes.OK);

        assertThat(cli.out.toString()).containsPattern("Left in float: lstm1\\S* \\(LSTM\\), lstm2\\S* \\(LSTM\\)");
        assertThat(dir.resolve("lstm.int8.onnx")).isRegularFile();
    }
}
