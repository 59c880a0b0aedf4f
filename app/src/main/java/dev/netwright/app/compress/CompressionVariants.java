package dev.netwright.app.compress;

import dev.netwright.runtime.compress.CompressionReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A run and the runs compressed from it, read from the runs folder: each folder with a {@value CompressionReport#FILE}
 * whose source is the run. Reads files: call it off the FX thread.
 */
public final class CompressionVariants {
    private static final Logger LOG = LoggerFactory.getLogger(CompressionVariants.class);

    private CompressionVariants() {
    }

    /**
     * The original first (as the newest report measured it; nothing when no compressed run exists yet), then each
     * compressed run, oldest first. Damaged reports are left out (and logged).
     */
    public static List<Variant> of(Path run, Path runsDir) {
        Path source = run.toAbsolutePath().normalize();
        List<Path> dirs = new ArrayList<>();
        if (runsDir != null && Files.isDirectory(runsDir)) {
            try (Stream<Path> list = Files.list(runsDir)) {
                dirs.addAll(list.filter(d -> Files.isRegularFile(d.resolve(CompressionReport.FILE))).toList());
            } catch (IOException e) {
                LOG.warn("cannot list the runs in {}: {}", runsDir, e.getMessage());
            }
        }
        record Found(Path dir, CompressionReport report, long made) {
        }
        List<Found> found = new ArrayList<>();
        for (Path dir : dirs) {
            try {
                CompressionReport report = CompressionReport.read(dir);
                if (Path.of(report.source()).toAbsolutePath().normalize().equals(source)) {
                    found.add(new Found(dir, report,
                            Files.getLastModifiedTime(dir.resolve(CompressionReport.FILE)).toMillis()));
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("left out of the compressed runs: {}", e.getMessage());
            }
        }
        found.sort(Comparator.comparingLong(Found::made).thenComparing(f -> f.dir().getFileName().toString()));
        List<Variant> variants = new ArrayList<>();
        if (!found.isEmpty()) {
            variants.add(Variant.parentOf(source, found.get(found.size() - 1).report()));
        }
        found.forEach(f -> variants.add(Variant.of(f.dir(), f.report())));
        return variants;
    }
}
