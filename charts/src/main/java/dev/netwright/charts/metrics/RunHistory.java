package dev.netwright.charts.metrics;

import dev.netwright.runtime.train.EventReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/** Reads a past run back into {@link RunMetrics} by replaying its {@code events.jsonl}. */
public final class RunHistory {
    private static final Logger LOG = LoggerFactory.getLogger(RunHistory.class);
    /** Broken lines warned about one by one; past this only the total is logged (a wrong file is all broken). */
    static final int WARNINGS_PER_FILE = 5;

    private RunHistory() {
    }

    /**
     * Replays every event of a run's {@code events.jsonl} (see {@code RunFolder.events()}), in order. A line that
     * is not a training event (typically the last one, cut short when the worker died, or one over
     * {@link EventReader}'s bound) is skipped with a warning naming it, and blank lines are ignored, so a damaged log
     * still shows what it holds.
     *
     * @throws IOException naming the file when it is missing, cannot be read, or is larger than a run's events may be
     */
    public static RunMetrics load(Path eventsJsonl) throws IOException {
        Objects.requireNonNull(eventsJsonl, "eventsJsonl");
        RunMetrics metrics = new RunMetrics();
        int lines = 0;
        int skipped = 0;
        try (EventReader reader = EventReader.open(eventsJsonl)) {
            for (EventReader.Line line = reader.next(); line != null; line = reader.next()) {
                lines = line.number();
                try {
                    metrics.accept(line.event());
                } catch (EventReader.BadLine e) {
                    skipped++;
                    if (skipped <= WARNINGS_PER_FILE) {
                        LOG.warn("Skipping {}", e.getMessage());
                    }
                }
            }
        }
        if (skipped > WARNINGS_PER_FILE) {
            LOG.warn("Skipped {} of {} lines of {} that were not training events", skipped, lines, eventsJsonl);
        }
        return metrics;
    }
}
