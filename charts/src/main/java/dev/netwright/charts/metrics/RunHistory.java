package dev.netwright.charts.metrics;

import dev.netwright.runtime.train.TrainingEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
     * is not a training event (typically the last one, cut short when the worker died) is skipped with a warning,
     * and blank lines are ignored, so a damaged log still shows what it holds.
     *
     * @throws IOException naming the file when it is missing or cannot be read
     */
    public static RunMetrics load(Path eventsJsonl) throws IOException {
        Objects.requireNonNull(eventsJsonl, "eventsJsonl");
        RunMetrics metrics = new RunMetrics();
        int lineNumber = 0;
        int skipped = 0;
        try (BufferedReader in = Files.newBufferedReader(eventsJsonl, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    metrics.accept(TrainingEvents.fromJsonLine(line));
                } catch (IllegalArgumentException e) {
                    skipped++;
                    if (skipped <= WARNINGS_PER_FILE) {
                        LOG.warn("Skipping line {} of {}: {}", lineNumber, eventsJsonl, e.getMessage());
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(eventsJsonl.toString(), null,
                    "no events file; a run folder has one once its run has started");
        } catch (IOException e) {
            throw new IOException("Cannot read the events of " + eventsJsonl + " (line " + (lineNumber + 1) + "): "
                    + e.getMessage(), e);
        }
        if (skipped > WARNINGS_PER_FILE) {
            LOG.warn("Skipped {} of {} lines of {} that were not training events", skipped, lineNumber, eventsJsonl);
        }
        return metrics;
    }
}
