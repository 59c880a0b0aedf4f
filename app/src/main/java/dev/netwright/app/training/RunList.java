package dev.netwright.app.training;

import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The runs kept in a design's runs folder, newest first. Reads files: call it off the FX thread. */
public final class RunList {
    private static final Logger LOG = LoggerFactory.getLogger(RunList.class);

    private RunList() {
    }

    public static List<RunRecord> list(Path runsDir) {
        List<RunRecord> records = new ArrayList<>();
        if (runsDir == null || !Files.isDirectory(runsDir)) {
            return records;
        }
        try (Stream<Path> dirs = Files.list(runsDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                read(dir).ifPresent(records::add);
            }
        } catch (IOException e) {
            LOG.warn("cannot list the runs in {}: {}", runsDir, e.getMessage());
        }
        return records;
    }

    static java.util.Optional<RunRecord> read(Path dir) {
        RunFolder folder = new RunFolder(dir);
        if (!Files.exists(folder.events())) {
            return java.util.Optional.empty();
        }
        RunRequest request = null;
        try {
            request = new RunRequestJson().read(dir);
        } catch (IOException | RuntimeException e) {
            LOG.warn("run {} has no readable run.json: {}", dir, e.getMessage());
        }
        try {
            return java.util.Optional.of(new RunRecord(dir, request, dev.netwright.charts.metrics.RunHistory.load(folder.events())));
        } catch (IOException e) {
            LOG.warn("cannot read the events of run {}: {}", dir, e.getMessage());
            return java.util.Optional.empty();
        }
    }
}
