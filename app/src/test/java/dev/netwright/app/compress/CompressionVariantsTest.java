package dev.netwright.app.compress;

import dev.netwright.runtime.compress.CompressionReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;

class CompressionVariantsTest {
    @TempDir
    Path runsDir;

    @Test
    void theRunComesFirstThenWhatWasCompressedFromItOldestFirstAndNothingElse() throws Exception {
        Path source = Files.createDirectories(runsDir.resolve("run-1"));
        Path other = Files.createDirectories(runsDir.resolve("run-2"));
        Path int8 = CompressFixtures.compressed(runsDir, "run-1-int8", source, CompressionReport.QUANTISE_INT8, 0,
                0.8870, 107_160);
        Path pruned = CompressFixtures.compressed(runsDir, "run-1-prune", source, CompressionReport.PRUNE, 0.5,
                0.8814, 207_819);
        CompressFixtures.compressed(runsDir, "run-2-prune", other, CompressionReport.PRUNE, 0.5, 0.7, 1);
        Files.setLastModifiedTime(pruned.resolve(CompressionReport.FILE), FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(int8.resolve(CompressionReport.FILE), FileTime.fromMillis(2_000_000));
        Path damaged = Files.createDirectories(runsDir.resolve("run-1-damaged"));
        Files.writeString(damaged.resolve(CompressionReport.FILE), "{ not json");

        var variants = CompressionVariants.of(source, runsDir);

        assertThat(variants).extracting(Variant::name).containsExactly("run-1", "run-1-prune", "run-1-int8");
        assertThat(variants).extracting(Variant::method)
                .containsExactly("original", "prune 50% layer, 1 epoch", "int8 (500 calibration)");
        assertThat(variants).extracting(Variant::runtime)
                .containsExactly("ONNX Runtime", "Deeplearning4j", "ONNX Runtime");
        assertThat(variants.get(0).point().original()).isTrue();
        assertThat(variants.get(2).point().fileBytes()).isEqualTo(107_160);
        assertThat(variants).extracting(Variant::parameters).containsExactly(93_322L, 93_322L, 93_322L);
        assertThat(variants).extracting(Variant::nonZeros).containsExactly(93_310L, 9_500L, 9_500L);
    }

    @Test
    void aRunWithNothingCompressedOrNoRunsFolderGivesNothing() throws Exception {
        Path source = Files.createDirectories(runsDir.resolve("run-1"));
        assertThat(CompressionVariants.of(source, runsDir)).isEmpty();
        assertThat(CompressionVariants.of(source, runsDir.resolve("missing"))).isEmpty();
    }
}
