package dev.netwright.app.cli;

import dev.netwright.interop.onnx.OnnxCalibration;
import dev.netwright.interop.onnx.OnnxQuantizeJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code netwright quantize RUN_DIR -o FILE.onnx}: a trained run as a float ONNX file and a post-training int8 one beside
 * it, both run in ONNX Runtime on the run's evaluation data and compared side by side.
 */
@Command(name = "quantize", description = "Quantise a trained run to int8 for ONNX Runtime: writes the float model as "
        + "FILE.onnx and the int8 model as FILE.int8.onnx (ONNX's QDQ form: Conv2D, Conv1D and Dense weights int8 per "
        + "output channel, activations uint8 with ranges calibrated on the run's first training examples), then runs "
        + "both in ONNX Runtime on the run's test data (else its validation data) and prints their accuracy, file "
        + "sizes and latency for a batch of 1 and of 64, and the int8 kernels ONNX Runtime runs. Layers without an int8 "
        + "form (LSTM, GRU, embeddings, attention's products of two activations) stay float and are named.")
final class QuantizeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "A run folder written by 'netwright train'.")
    Path run;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE.onnx",
            description = "The float model's file; the int8 model is written beside it as FILE.int8.onnx.")
    Path out;

    @Option(names = "--calibration", paramLabel = "N", description = "Training examples to calibrate the activation "
            + "ranges on, at least 1 (default: ${DEFAULT-VALUE}).")
    int calibration = OnnxQuantizeJob.DEFAULT_CALIBRATION;

    @Option(names = "--method", paramLabel = "minmax|percentile", description = "How an activation's range is taken "
            + "from the calibration: minmax, the smallest and largest value seen; percentile, the values at --percentile "
            + "and its complement, leaving rare outliers out (default: ${DEFAULT-VALUE}).")
    String method = "minmax";

    @Option(names = "--percentile", paramLabel = "P", description = "With --method percentile: the percentile kept, "
            + "above 50 and at most 100 (default: ${DEFAULT-VALUE}).")
    double percentile = OnnxCalibration.DEFAULT_PERCENTILE;

    @Option(names = "--full-range", description = "int8 weights in -127..127 instead of -63..63. The default 7 bits "
            + "keep ONNX Runtime's uint8 x int8 kernels from overflowing on x86 CPUs without VNNI (AVX2 only); "
            + "full range is meant for CPUs with VNNI or ARM (not measured here).")
    boolean fullRange;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (calibration < 1) {
            err.println("--calibration must be at least 1 example, not " + calibration + ".");
            return ExitCodes.BAD_INPUT;
        }
        OnnxCalibration.Method chosen;
        try {
            chosen = OnnxCalibration.Method.valueOf(method.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("--method must be minmax or percentile, not '" + method + "'.");
            return ExitCodes.BAD_INPUT;
        }
        if (!(percentile > 50 && percentile <= 100)) {
            err.println("--percentile must be above 50 and at most 100, not " + percentile + ".");
            return ExitCodes.BAD_INPUT;
        }
        if (Files.isDirectory(out)) {
            err.println("-o " + out + " is a folder: name the file to write, e.g. " + out.resolve("model.onnx") + ".");
            return ExitCodes.BAD_INPUT;
        }
        try {
            OnnxQuantizeJob.Report report = OnnxQuantizeJob.run(run, out,
                    new OnnxQuantizeJob.Options(calibration, chosen, percentile, fullRange));
            PrintWriter o = spec.commandLine().getOut();
            o.printf("Wrote %s (float) and %s (int8)%n%n", report.floatFile(), report.int8File());
            o.print(report.table());
            o.flush();
            return ExitCodes.OK;
        } catch (OnnxQuantizeJob.Refused e) {
            err.println(run + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (IOException e) {
            err.println(e.getMessage());
            return ExitCodes.RUN_FAILED;
        }
    }
}
