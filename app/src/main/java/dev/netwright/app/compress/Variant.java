package dev.netwright.app.compress;

import dev.netwright.charts.metrics.TradeOff;
import dev.netwright.runtime.compress.CompressionReport;

import java.nio.file.Path;
import java.util.Locale;

/**
 * One model in the Compress panel's table and chart: the run compressed, or one compressed from it.
 *
 * @param name       the run folder's name
 * @param dir        the run folder
 * @param method     what was done, in words ("original", "prune 90% layer, 1 epoch", "int8")
 * @param parameters its parameter count
 * @param nonZeros   how many of its parameters are not zero
 * @param fileBytes  its model file's size
 * @param accuracy   its accuracy
 * @param latencyMs  its latency per example, in milliseconds
 * @param runtime    where accuracy and latency were measured ("Deeplearning4j", "ONNX Runtime")
 */
public record Variant(String name, Path dir, String method, long parameters, long nonZeros, long fileBytes,
                      double accuracy, double latencyMs, String runtime) {

    /** The compressed model a report describes, in {@code dir}. */
    static Variant of(Path dir, CompressionReport report) {
        return new Variant(dir.getFileName().toString(), dir, describe(report), report.parameters(),
                report.nonZeros(), report.fileBytes(), report.accuracy(), report.latencyMs(), runtime(report));
    }

    /** The run a report's model was made from, as that report measured it. */
    static Variant parentOf(Path parentDir, CompressionReport report) {
        return new Variant(parentDir.getFileName().toString(), parentDir, "original", 0, 0, report.parentFileBytes(),
                report.parentAccuracy(), report.parentLatencyMs(), runtime(report));
    }

    public boolean isOriginal() {
        return "original".equals(method);
    }

    /** Its point on the trade-off chart. */
    public TradeOff.Point point() {
        return new TradeOff.Point(isOriginal() ? "original" : method, accuracy, fileBytes, latencyMs, isOriginal());
    }

    private static String runtime(CompressionReport report) {
        return CompressionReport.QUANTISE_INT8.equals(report.method()) ? "ONNX Runtime" : "Deeplearning4j";
    }

    /** "prune 90% global, gradual, 2 epochs", "structured 50%, 1 epoch", "int8 (500 calibration)". */
    static String describe(CompressionReport report) {
        var s = report.settings();
        return switch (report.method()) {
            case CompressionReport.QUANTISE_INT8 -> s.has("calibration")
                    ? "int8 (" + s.path("calibration").asInt() + " calibration)" : "int8";
            case CompressionReport.PRUNE_STRUCTURED -> "structured " + percent(s.path("sparsity").asDouble())
                    + epochs(s.path("finetuneEpochs").asInt());
            case CompressionReport.PRUNE -> "prune " + percent(s.path("sparsity").asDouble())
                    + (s.has("scope") ? " " + s.path("scope").asText() : "")
                    + ("gradual".equals(s.path("schedule").asText()) ? ", gradual" : "")
                    + epochs(s.path("finetuneEpochs").asInt());
            case "distil" -> "distil into " + Path.of(s.path("student").asText("student")).getFileName()
                    + " (α " + s.path("alpha").asDouble() + ", T " + s.path("temperature").asDouble() + ")";
            default -> report.method();
        };
    }

    private static String percent(double share) {
        double p = share * 100;
        return Math.abs(p - Math.round(p)) < 0.05 ? Math.round(p) + "%" : String.format(Locale.ROOT, "%.1f%%", p);
    }

    private static String epochs(int epochs) {
        return epochs <= 0 ? "" : ", " + epochs + (epochs == 1 ? " epoch" : " epochs");
    }
}
