package dev.netwright.runtime.train.worker;

import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The worker's event log: a full disk does not end the run, and no two workers share a log (issue 13, items 5 and 8). */
class EventWriterTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream protocol = new ByteArrayOutputStream();

    @Test
    void aFullDiskLosesTheLogButNotTheRunOrTheProtocol() throws Exception {
        Path full = Path.of("/dev/full"); // every write fails with "No space left on device"
        assumeTrue(Files.exists(full), "needs /dev/full (Linux) to stand in for a full disk");
        Path log = Files.createSymbolicLink(dir.resolve("events.jsonl"), full);

        try (EventWriter writer = new EventWriter(new PrintStream(protocol, true, StandardCharsets.UTF_8), log)) {
            writer.write(new TrainingEvent.Iteration(1, 1, 2.3, 0.001, 100));
            writer.write(new TrainingEvent.Iteration(1, 2, 2.2, 0.001, 100));
        }

        List<TrainingEvent> events = protocol.toString(StandardCharsets.UTF_8).lines().map(TrainingEvents::fromJsonLine).toList();
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isInstanceOf(TrainingEvent.Iteration.class);
        assertThat(events.get(1)).isInstanceOfSatisfying(TrainingEvent.Notice.class, n -> assertThat(n.message())
                .contains("Cannot write events.jsonl").contains("No space left on device").contains("training goes on"));
        assertThat(events.get(2)).isInstanceOf(TrainingEvent.Iteration.class);
    }

    @Test
    void everyLineIsOnDiskAsSoonAsItIsWritten() throws Exception {
        Path log = dir.resolve("events.jsonl");
        try (EventWriter writer = new EventWriter(new PrintStream(protocol, true, StandardCharsets.UTF_8), log)) {
            writer.write(new TrainingEvent.Iteration(1, 1, 2.3, 0.001, 100));

            assertThat(Files.readAllLines(log)).hasSize(1);
        }
    }

    @Test
    void anEventIsOnDiskBeforeTheProtocolCarriesIt() throws Exception {
        Path log = dir.resolve("events.jsonl");
        java.util.List<Integer> linesOnDiskWhenPrinted = new java.util.ArrayList<>();
        PrintStream reading = new PrintStream(protocol, true, StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                try {
                    linesOnDiskWhenPrinted.add(Files.readAllLines(log).size());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                super.println(line);
            }
        };
        try (EventWriter writer = new EventWriter(reading, log)) {
            writer.write(new TrainingEvent.Iteration(1, 1, 2.3, 0.001, 100));
            writer.write(new TrainingEvent.Finished(1, 1, "model.zip", "completed 1 epoch"));
        }

        // the window lists the run folder when the protocol says Finished: the file must already end with it
        assertThat(linesOnDiskWhenPrinted).containsExactly(1, 2);
    }

    @Test
    void aSecondWorkerCannotWriteIntoTheSameRunFolder() throws Exception {
        Path log = dir.resolve("events.jsonl");
        try (EventWriter first = new EventWriter(new PrintStream(protocol, true, StandardCharsets.UTF_8), log)) {
            assertThatThrownBy(() -> new EventWriter(new PrintStream(protocol, true, StandardCharsets.UTF_8), log))
                    .hasMessageContaining("another training process is writing to " + dir);
            first.write(new TrainingEvent.Paused(1));
        }
        assertThat(Files.readAllLines(log)).hasSize(1);
    }
}
