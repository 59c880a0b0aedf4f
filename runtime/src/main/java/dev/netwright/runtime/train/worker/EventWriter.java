package dev.netwright.runtime.train.worker;

import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes each event as one JSON line to the protocol stream and appends it to the run's event log. */
final class EventWriter implements AutoCloseable {
    private final PrintStream protocol;
    private final BufferedWriter log;
    private boolean closed;

    EventWriter(PrintStream protocol, Path eventLog) throws IOException {
        this.protocol = protocol;
        Files.createDirectories(eventLog.getParent());
        this.log = Files.newBufferedWriter(eventLog, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    synchronized void write(TrainingEvent event) {
        String line = TrainingEvents.toJsonLine(event);
        protocol.println(line);
        protocol.flush();
        if (closed) {
            return;
        }
        try {
            log.write(line);
            log.newLine();
            if (event.isTerminal() || !(event instanceof TrainingEvent.Iteration)) {
                log.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            log.close();
        }
    }
}
