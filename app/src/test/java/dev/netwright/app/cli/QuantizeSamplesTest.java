package dev.netwright.app.cli;

import dev.netwright.samples.Sample;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every sample trained a few steps and quantised with {@code netwright quantize}: the int8 file runs in ONNX Runtime,
 * its table names the int8 kernels and what stays float; Debian's ONNX checker accepts every int8 file.
 */
class QuantizeSamplesTest {
    @TempDir
    Path dir;

    private final CapturedCli cli = new CapturedCli();

    @Test
    void everySampleQuantisesRunsInOnnxRuntimeWithInt8KernelsAndPassesOnnxsChecker() throws Exception {
        Map<String, String> kernels = new LinkedHashMap<>();
        Pattern line = Pattern.compile("Int8 kernels ONNX Runtime runs: (\\{[^}]*\\}|none)");
        // the tutorial-size Transformer is left out (minutes to train here); OnnxExportOfSamplesTest trains and exports it
        for (Sample sample : Samples.small()) {
            String id = sample.id();
            Path runDir = dir.resolve("run-" + id);
            assertThat(cli.run("train", "sample:" + id, "--max-train", "64", "--max-validation", "64",
                    "--epochs", "1", "--batch", "32", "--backend", "cpu", "--out", runDir.toString()))
                    .as(id + ": " + cli.err).isEqualTo(ExitCodes.OK);
            cli.out.getBuffer().setLength(0);

            assertThat(cli.run("quantize", runDir.toString(), "-o", dir.resolve(id + ".onnx").toString(),
                    "--calibration", "32")).as(id + ": " + cli.err).isEqualTo(ExitCodes.OK);

            Matcher found = line.matcher(cli.out.toString());
            assertThat(found.find()).as(id + ": " + cli.out).isTrue();
            assertThat(found.group(1)).as(id + ": " + cli.out).isNotEqualTo("none");
            kernels.put(id, found.group(1));
        }
        assertThat(kernels).hasSize(Samples.small().size());
        if (SystemPython.imports("onnx")) {
            for (String id : kernels.keySet()) {
                Process check = new ProcessBuilder("/usr/bin/python3", "-c",
                        "import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)",
                        dir.resolve(id + ".int8.onnx").toString()).redirectErrorStream(true).start();
                String output = new String(check.getInputStream().readAllBytes());
                assertThat(check.waitFor()).as(id + ": " + output).isZero();
            }
        }
        // every convolution of the samples becomes a QLinearConv (cnn 3, resnet 6, rcnn 2)
        assertThat(kernels.get("cnn")).contains("QLinearConv=3");
        assertThat(kernels.get("resnet")).contains("QLinearConv=6");
        assertThat(kernels.get("rcnn")).contains("QLinearConv=2");
    }
}
