package dev.netwright.app.compress;

import dev.netwright.charts.metrics.TradeOff;
import dev.netwright.runtime.compress.CompressionReport;

import java.nio.file.Path;
import java.util.Locale;

/**
 * One model in the Compress panel's table and chart: the run compressed, or one compressed from it.
 *
 * @param name    the run folder's name
 * @param dir     the run folder
 * @param method  what was done, in words ("original", "prune 90% layer, 1 epoch", "int8")
 * @param figures its parameters, non-zeros, file size, accuracy and latency
 * @param runtime where accuracy and latency were measured ("Deeplearning4j", "ONNX Runtime")
 */
public record Variant(String name, Path dir, String method, CompressionReport.Figures figures, String runtime) {

    /** The compressed model a report describes, in {@code dir}. */
    static Variant of(Path dir, CompressionReport report) {
        return new Variant(dir.getFileName().toString(), dir, describe(report), report.result(), runtime(report));
    }

    /** The run a report's model was made from, as that report measured it. */
    static Variant parentOf(Path parentDir, CompressionReport report) {
        return new Variant(parentDir.getFileName().toString(), parentDir, "original", report.parent(), runtime(report));
    }

    public long parameters() {
        return figures.parameters();
    }

    public long nonZeros() {
        return figures.nonZeros();
    }

    public long fileBytes() {
        return figures.fileBytes();
    }

    public double accuracy() {
        return figures.accuracy();
    }

    public double latencyMs() {
        return figures.latencyMs();
    }

    public boolean isOriginal() {
        return "original".equals(method);
    }

    /** Its point on the trade-off chart. */
    public TradeOff.Point point() {
        return new TradeOff.Point(isOriginal() ? "original" : method, accuracy(), fileBytes(), latencyMs(), isOriginal());
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
