package dev.netwright.app.compress;

import dev.netwright.app.training.RunRecord;
import dev.netwright.charts.metrics.RunMetrics;
import dev.netwright.runtime.compress.CompressionReport;
import dev.netwright.runtime.train.RunFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Run folders for the Compress panel's tests: a source run with a model file, and compression reports beside it. */
final class CompressFixtures {
    private CompressFixtures() {
    }

    /** A run folder with a (fake) saved model, as the runs list gives it. */
    static RunRecord run(Path runsDir, String name) throws IOException {
        Path dir = Files.createDirectories(runsDir.resolve(name));
        Files.writeString(new RunFolder(dir).model(), "not read by the panel");
        return new RunRecord(dir, null, new RunMetrics());
    }

    /** A compressed run of {@code source} named {@code name}, as {@code netwright compress} leaves it. */
    static Path compressed(Path runsDir, String name, Path source, String method, double sparsity, double accuracy,
                           long bytes) throws IOException {
        Path dir = Files.createDirectories(runsDir.resolve(name));
        var settings = CompressionReport.newSettings();
        if (method.equals(CompressionReport.QUANTISE_INT8)) {
            settings.put("calibration", 500);
        } else if (method.equals("distil")) {
            settings.put("student", "/designs/small-cnn.json");
            settings.put("alpha", 0.5);
            settings.put("temperature", 4.0);
        } else {
            settings.put("sparsity", sparsity);
            settings.put("scope", "layer");
            settings.put("schedule", "one-shot");
            settings.put("finetuneEpochs", 1);
        }
        new CompressionReport(method, source.toAbsolutePath().toString(), settings, "test",
                new CompressionReport.Figures(93_322, 9_500, bytes, accuracy, 0.12),
                new CompressionReport.Figures(93_322, 93_310, 349_293, 0.8865, 0.10)).write(dir);
        return dir;
    }
}
