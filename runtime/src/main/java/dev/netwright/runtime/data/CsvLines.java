package dev.netwright.runtime.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a CSV file's lines as UTF-8, each at most {@link #MAX_LINE_BYTES} long. BufferedReader.readLine would hold a
 * line of any length, so that a file with no line breaks (a disk image, a binary named *.csv) fills the heap; this
 * reader stops at the limit. Lines end at \n, \r\n or \r and are numbered from 1.
 */
final class CsvLines implements Closeable {
    /** The longest line read: far above any real CSV row, far below what the heap holds. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private final Path file;
    private final String name;
    private final InputStream in;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
    private final byte[] buffer = new byte[1 << 16];
    private int bufferStart;
    private int bufferEnd;
    private byte[] line = new byte[256];
    private int number;

    /** Opens {@code file}, which must be a regular file; {@code name} is how row messages refer to it. */
    CsvLines(Path file, String name) throws DataException {
        this.file = file;
        this.name = name;
        this.in = DataFiles.open(file);
    }

    /** The number of the line last returned, from 1. */
    int number() {
        return number;
    }

    /** The next line without its line break, or null at the end of the file. */
    String next() throws DataException {
        int length = 0;
        boolean any = false;
        while (true) {
            if (bufferStart == bufferEnd && !fill()) {
                break;
            }
            any = true;
            byte b = buffer[bufferStart++];
            if (b == '\n') {
                break;
            }
            if (b == '\r') {
                if ((bufferStart < bufferEnd || fill()) && buffer[bufferStart] == '\n') {
                    bufferStart++;
                }
                break;
            }
            if (length == MAX_LINE_BYTES) {
                throw new DataException(name + ", row " + (number + 1) + " is longer than 1 MiB; is " + file
                        + " a CSV file?");
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, 2 * line.length));
            }
            line[length++] = b;
        }
        if (!any) {
            return null;
        }
        number++;
        try {
            return utf8.decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new DataException(name + ", row " + number + " is not UTF-8 text; is " + file + " a CSV file?", e);
        }
    }

    private boolean fill() throws DataException {
        try {
            int n = in.read(buffer);
            bufferStart = 0;
            bufferEnd = Math.max(n, 0);
            return n > 0;
        } catch (IOException e) {
            throw DataFiles.cannotRead(file, e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // read only: nothing is lost
        }
    }
}
