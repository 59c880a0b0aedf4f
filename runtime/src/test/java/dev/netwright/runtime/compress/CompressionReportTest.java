package dev.netwright.runtime.compress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompressionReportTest {
    @TempDir
    Path dir;

    @Test
    void aReportReadsBackAsWritten() throws IOException {
        var settings = CompressionReport.newSettings().put("sparsity", 0.9);
        var written = new CompressionReport(CompressionReport.PRUNE, "/runs/a", settings, "test",
                new CompressionReport.Figures(93_322, 9_500, 68_376, 0.536, 13.46),
                new CompressionReport.Figures(93_322, 93_310, 348_774, 0.729, 13.02));

        written.write(dir);

        assertThat(CompressionReport.read(dir)).isEqualTo(written);
    }

    @Test
    void aReportFromBeforeTheParentsCountsWereKeptReadsThemAsUnknown() throws IOException {
        Files.writeString(dir.resolve(CompressionReport.FILE), """
                {"method": "prune", "source": "/runs/a", "settings": {"sparsity": 0.9},
                 "parameters": 93322, "nonZeros": 9500, "fileBytes": 68376, "accuracy": 0.536,
                 "evaluatedOn": "test", "latencyMs": 13.46,
                 "parentAccuracy": 0.729, "parentFileBytes": 348774, "parentLatencyMs": 13.02}
                """);

        CompressionReport report = CompressionReport.read(dir);

        assertThat(report.result().countsKnown()).isTrue();
        assertThat(report.parent().countsKnown()).isFalse();
        assertThat(report.parent().accuracy()).isEqualTo(0.729);
        assertThat(report.parent().fileBytes()).isEqualTo(348_774);
    }

    @Test
    void aDamagedReportIsNamed() throws IOException {
        Files.writeString(dir.resolve(CompressionReport.FILE), "{\"source\": \"/runs/a\"}");

        assertThatThrownBy(() -> CompressionReport.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(dir.resolve(CompressionReport.FILE).toString()).hasMessageContaining("no method");
    }
}
