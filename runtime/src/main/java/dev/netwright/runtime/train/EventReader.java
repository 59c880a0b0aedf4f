package dev.netwright.runtime.train;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads a run's JSON-lines file ({@link RunFolder#EVENTS}, {@link RunFolder#DOCTOR}) line by line, within bounds, so
 * that a wrong or damaged file never fills the memory:
 * <ul>
 *   <li>a line longer than {@link Limits#maxLineBytes()} is not kept: it is read past to its end and handed on as a
 *       {@link Line} whose {@link Line#event()} fails, saying it is too long;</li>
 *   <li>a file larger than {@link Limits#maxBytes()}, or one that grows past it while read, is refused with an
 *       {@link IOException} that names the file and the bound;</li>
 *   <li>a last line without its newline (the file ends mid-line: the run may be writing it now, or its worker died
 *       while writing it) is handed on as a {@link Line#cut() cut} line: an event when it is whole, else its
 *       {@link Line#event()} fails saying it is cut short.</li>
 * </ul>
 * Blank lines are skipped. What was appended to the file before a read reaches its end is read too. Bytes that are
 * not UTF-8 text fail the read with an {@link IOException} naming the file and the line; so does a file that cannot be
 * read.
 * <p>
 * A file that is still being written is followed by reading it again from the {@link #position() position} after the
 * last whole line taken ({@link #open(Path, Limits, Position)}): each read costs what was appended, not the whole
 * file, and a line cut short by the writer is read whole once its newline is there.
 */
public final class EventReader implements Closeable {
    /** The bounds of one read. */
    public record Limits(int maxLineBytes, long maxBytes) {
        /**
         * An event is a few hundred bytes, an evaluation with a thousand classes' confusion matrix a few MB; a run's
         * events of a few hours' training are a few MB.
         */
        public static final Limits DEFAULT = new Limits(16 << 20, 256L << 20);

        public Limits {
            if (maxLineBytes < 1 || maxBytes < 1) {
                throw new IllegalArgumentException("bounds must be positive: " + maxLineBytes + ", " + maxBytes);
            }
        }
    }

    /**
     * One line that is not blank: its number (from 1), its text, whether the file ended in it before its newline, and
     * why it was not kept where it was too long (then its text is empty); {@code tooLong} is null for other lines.
     */
    public record Line(Path file, int number, String text, boolean cut, String tooLong) {
        /** The line as an event; a line that is not one fails with a message that names the file and the line. */
        public TrainingEvent event() throws BadLine {
            if (tooLong != null) {
                throw new BadLine(this, tooLong);
            }
            try {
                return TrainingEvents.fromJsonLine(text);
            } catch (IllegalArgumentException e) {
                throw new BadLine(this, cut ? "it is cut short (the file ends in it: its run may still be writing it)"
                        : e.getMessage());
            }
        }
    }

    /**
     * Where a read stands: the byte offset just past the last line read (its newline included) and that line's number;
     * {@link #START} is the start of the file.
     */
    public record Position(long offset, int line) {
        public static final Position START = new Position(0, 0);

        public Position {
            if (offset < 0 || line < 0) {
                throw new IllegalArgumentException("a position is not negative: " + offset + ", " + line);
            }
        }
    }

    /** A line that is not a training event, with a message naming the file, the line and why. */
    public static final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Line line;

        BadLine(Line line, String why) {
            super(line.file() + ", line " + line.number() + ": " + why);
            this.line = line;
        }

        public Line line() {
            return line;
        }
    }

    private final Path file;
    private final Limits limits;
    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int filled;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final long startOffset;
    private long bytesRead;
    private long bytesTaken;
    private int lineNumber;

    private EventReader(Path file, Limits limits, InputStream in, Position from) {
        this.file = file;
        this.limits = limits;
        this.in = in;
        this.startOffset = from.offset();
        this.lineNumber = from.line();
    }

    /** Opens {@code file} with the {@link Limits#DEFAULT default} bounds. */
    public static EventReader open(Path file) throws IOException {
        return open(file, Limits.DEFAULT);
    }

    /**
     * Opens {@code file} to read it from its start.
     *
     * @throws NoSuchFileException naming the file when there is none
     * @throws IOException         when it is a folder, larger than {@code limits} allow, or cannot be read
     */
    public static EventReader open(Path file, Limits limits) throws IOException {
        return open(file, limits, Position.START);
    }

    /**
     * Opens {@code file} to read it on from {@code from}, a {@link #position()} an earlier reader of the same file
     * reached: lines are numbered on from there, and the bounds hold for the whole file.
     *
     * @throws NoSuchFileException naming the file when there is none
     * @throws IOException         when it is a folder, larger than {@code limits} allow, shorter than {@code from} (it
     *                             was replaced or cut since), or cannot be read
     */
    public static EventReader open(Path file, Limits limits, Position from) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(from, "from");
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null,
                    "no events file; a run folder has one once its run has started");
        }
        if (Files.isDirectory(file)) {
            throw new IOException("Cannot read " + file + ": it is a folder, not a run's events file");
        }
        long size = Files.size(file);
        if (size > limits.maxBytes()) {
            throw new IOException("Cannot read " + file + ": it is " + size(size) + ", more than the "
                    + size(limits.maxBytes()) + " a run's record may be");
        }
        if (size < from.offset()) {
            throw new IOException("Cannot read " + file + " on from line " + from.line() + ": it is " + size(size)
                    + ", shorter than the " + size(from.offset()) + " read before (it was replaced or cut since)");
        }
        SeekableByteChannel channel = Files.newByteChannel(file);
        try {
            channel.position(from.offset());
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new EventReader(file, limits, Channels.newInputStream(channel), from);
    }

    /**
     * Where this read stands: just past the last line {@link #next()} returned (or the position it was opened at).
     * After a {@link Line#cut() cut} line it is the end of the file, so a reader that wants that line whole later
     * keeps the position from before it.
     */
    public Position position() {
        return new Position(startOffset + bytesTaken, lineNumber);
    }

    /**
     * Every event of {@code file} in order, read with the default bounds; each line that is not an event goes to
     * {@code badLines} (which may log it, or throw to refuse the file).
     */
    public static List<TrainingEvent> readAll(Path file, Consumer<BadLine> badLines) throws IOException {
        List<TrainingEvent> events = new ArrayList<>();
        try (EventReader reader = open(file)) {
            for (Line line = reader.next(); line != null; line = reader.next()) {
                try {
                    events.add(line.event());
                } catch (BadLine bad) {
                    badLines.accept(bad);
                }
            }
        }
        return events;
    }

    /** The next line that is not blank, or null at the end of the file. */
    public Line next() throws IOException {
        while (true) {
            Line line = nextLine();
            if (line == null || line.tooLong() != null || !line.text().isBlank()) {
                return line;
            }
        }
    }

    private Line nextLine() throws IOException {
        pending.reset();
        long length = 0;
        int b;
        while ((b = read()) != -1) {
            if (b == '\n') {
                return line(length, false);
            }
            length++;
            if (length <= limits.maxLineBytes()) {
                pending.write(b);
            } else if (length == limits.maxLineBytes() + 1L) {
                pending.reset(); // read on to the line's end without keeping it
            }
        }
        return length == 0 ? null : line(length, true);
    }

    private int read() throws IOException {
        if (position == filled) {
            try {
                filled = in.read(buffer);
            } catch (IOException e) {
                throw new IOException("Cannot read " + file + " (line " + (lineNumber + 1) + "): " + e.getMessage(), e);
            }
            position = 0;
            if (filled <= 0) {
                filled = 0;
                return -1;
            }
            bytesRead += filled;
            if (startOffset + bytesRead > limits.maxBytes()) {
                throw new IOException("Cannot read " + file + " past line " + lineNumber + ": it has grown past the "
                        + size(limits.maxBytes()) + " a run's record may be");
            }
        }
        bytesTaken++;
        return buffer[position++] & 0xff;
    }

    private Line line(long length, boolean cut) throws IOException {
        lineNumber++;
        if (length > limits.maxLineBytes()) {
            return new Line(file, lineNumber, "", cut, "it is " + size(length) + " long, more than the "
                    + size(limits.maxLineBytes()) + " a training event may be");
        }
        String text;
        try {
            text = utf8.reset().decode(ByteBuffer.wrap(pending.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("Cannot read " + file + " (line " + lineNumber + "): it is not UTF-8 text", e);
        }
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        return new Line(file, lineNumber, text, cut, null);
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MB" : bytes + " bytes";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
