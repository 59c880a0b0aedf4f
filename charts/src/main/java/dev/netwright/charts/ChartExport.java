package dev.netwright.charts;

import dev.netwright.charts.metrics.RunMetrics;
import dev.netwright.charts.metrics.Series;
import dev.netwright.runtime.train.TrainingEvent;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Saves a chart as PNG and a run's figures as CSV (all points, not the downsampled ones drawn). */
public final class ChartExport {
    private ChartExport() {
    }

    public static void png(JFreeChart chart, Path file, int width, int height) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
    }

    /** One row per iteration: loss, smoothed loss, learning rate, samples/s. */
    public static void iterationsCsv(RunMetrics metrics, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("iteration,loss,smoothed_loss,learning_rate,samples_per_second\n");
            Series loss = metrics.loss();
            for (int i = 0; i < loss.size(); i++) {
                out.write(String.format(Locale.ROOT, "%d,%s,%s,%s,%s%n", (long) loss.x(i), loss.y(i),
                        metrics.smoothedLoss().y(i), metrics.learningRate().y(i), metrics.samplesPerSecond().y(i)));
            }
        }
    }

    /** One row per epoch: the iteration it ended at, train and validation loss and accuracy. */
    public static void epochsCsv(RunMetrics metrics, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("epoch,iteration,train_loss,train_accuracy,validation_loss,validation_accuracy\n");
            for (int i = 0; i < metrics.validationLoss().size(); i++) {
                out.write(String.format(Locale.ROOT, "%d,%d,%s,%s,%s,%s%n", i + 1, (long) metrics.validationLoss().x(i),
                        metrics.trainLoss().y(i), metrics.trainAccuracy().y(i), metrics.validationLoss().y(i),
                        metrics.validationAccuracy().y(i)));
            }
        }
    }

    /** The confusion matrix with class names on both axes (rows: actual, columns: predicted). */
    public static void confusionCsv(TrainingEvent.Evaluation evaluation, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("actual\\predicted");
            for (String name : evaluation.classNames()) {
                out.write("," + quote(name));
            }
            out.write("\n");
            for (int r = 0; r < evaluation.confusion().length; r++) {
                out.write(quote(evaluation.classNames().get(r)));
                for (int v : evaluation.confusion()[r]) {
                    out.write("," + v);
                }
                out.write("\n");
            }
        }
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
