package dev.netwright.runtime.train.worker;

import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes each event as one JSON line to the protocol stream and appends it to the run's event log. The log is locked
 * while the worker runs, so no two workers ever write into one run folder. A log that cannot be written (a full disk)
 * does not end the run: the protocol still carries every event, and one {@link TrainingEvent.Notice} says what was
 * lost; the lines written before stay, since every line is flushed.
 */
public final class EventWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventWriter.class);

    private final PrintStream protocol;
    private final Path eventLog;
    private final FileChannel channel;
    private final FileLock lock;
    private final Writer log;
    private boolean closed;
    private boolean logFailed;

    EventWriter(PrintStream protocol, Path eventLog) throws IOException {
        this.protocol = protocol;
        this.eventLog = eventLog;
        Files.createDirectories(eventLog.toAbsolutePath().getParent());
        this.channel = FileChannel.open(eventLog, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        FileLock taken;
        try {
            taken = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            taken = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (taken == null) {
            channel.close();
            throw new IOException("another training process is writing to " + eventLog.getParent()
                    + "; each run needs a folder of its own");
        }
        this.lock = taken;
        this.log = Channels.newWriter(channel, StandardCharsets.UTF_8);
    }

    /**
     * A writer of {@code eventLog} alone, for a run trained in this JVM rather than in a worker (a data-parallel run's
     * driver, {@code netwright train --cluster}), whose events reach the command line as a listener's.
     */
    public static EventWriter toFileOnly(Path eventLog) throws IOException {
        return new EventWriter(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8), eventLog);
    }

    public synchronized void write(TrainingEvent event) {
        String line = TrainingEvents.toJsonLine(event);
        // The log first: whoever reads the protocol (the window, which then lists the run folder) finds the event on
        // disk already. Printed first, a run's Finished reached the window before events.jsonl had it, and the runs
        // table read the just-finished run as incomplete.
        TrainingEvent.Notice lost = null;
        if (!closed && !logFailed) {
            try {
                log.write(line);
                log.write('\n');
                log.flush();
            } catch (IOException e) {
                logFailed = true;
                LOG.warn("cannot write the event log {}: {}", eventLog, e.getMessage());
                lost = new TrainingEvent.Notice("Cannot write " + eventLog.getFileName() + " in "
                        + eventLog.getParent() + " (" + e.getMessage() + "); training goes on, but the run's record on "
                        + "disk ends here.");
            }
        }
        protocol.println(line);
        protocol.flush();
        if (lost != null) {
            protocol.println(TrainingEvents.toJsonLine(lost));
            protocol.flush();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            log.flush();
        } catch (IOException e) {
            LOG.warn("cannot write the end of the event log {}: {}", eventLog, e.getMessage());
        }
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}
