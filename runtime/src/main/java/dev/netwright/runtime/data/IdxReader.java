package dev.netwright.runtime.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Reads IDX files (the MNIST format), raw or gzipped (recognised by the magic bytes 1f 8b, not the file name). */
public final class IdxReader {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    /** The most values one Java array holds; a header that asks for more is refused before anything is allocated. */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private IdxReader() {
    }

    public static IdxImages readImages(Path file) throws DataException {
        try (InputStream in = open(file)) {
            return readImages(in, file.toString());
        } catch (IOException e) {
            throw DataFiles.cannotRead(file, e);
        }
    }

    public static int[] readLabels(Path file) throws DataException {
        try (InputStream in = open(file)) {
            return readLabels(in, file.toString());
        } catch (IOException e) {
            throw DataFiles.cannotRead(file, e);
        }
    }

    /** Reads IDX images from {@code in}; {@code name} is how messages refer to the source. Does not close {@code in}. */
    public static IdxImages readImages(InputStream in, String name) throws DataException {
        Reader r = new Reader(in, name);
        int[] dims = r.header(IMAGES_MAGIC, "IDX images", 3);
        long values = (long) dims[0] * dims[1] * dims[2];
        if (values > MAX_VALUES) {
            throw new DataException(name + ": " + dims[0] + " images of " + dims[1] + "×" + dims[2]
                    + " are too many to hold in memory");
        }
        float[] pixels = new float[(int) values];
        r.readUnsigned(values, (i, v) -> pixels[(int) i] = v);
        r.expectEnd();
        return new IdxImages(dims[0], dims[1], dims[2], pixels);
    }

    /** Reads IDX labels from {@code in}; {@code name} is how messages refer to the source. Does not close {@code in}. */
    public static int[] readLabels(InputStream in, String name) throws DataException {
        Reader r = new Reader(in, name);
        int[] dims = r.header(LABELS_MAGIC, "IDX labels", 1);
        int[] labels = new int[dims[0]];
        r.readUnsigned(dims[0], (i, v) -> labels[(int) i] = v);
        r.expectEnd();
        return labels;
    }

    private static InputStream open(Path file) throws DataException {
        return DataFiles.open(file);
    }

    private interface ValueSink {
        void accept(long index, int value);
    }

    /** Counts decompressed bytes so that a short file can say where it ends. */
    private static final class Reader {
        private final String name;
        private final InputStream in;
        private long position;
        private long expectedTotal;

        Reader(InputStream raw, String name) throws DataException {
            this.name = name;
            this.in = unzipIfGzipped(raw, name);
        }

        private static InputStream unzipIfGzipped(InputStream raw, String name) throws DataException {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            try {
                buffered.mark(2);
                int b0 = buffered.read();
                int b1 = buffered.read();
                buffered.reset();
                return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            } catch (IOException e) {
                throw new DataException(name + ": not a readable gzip file (" + e.getMessage() + ")", e);
            }
        }

        /** Reads magic and dimensions; returns the dimensions. */
        int[] header(int expectedMagic, String what, int rank) throws DataException {
            expectedTotal = 4L + 4L * rank;
            int magic = intAt(readFully(new byte[4], 4), 0);
            if (magic != expectedMagic) {
                throw new DataException(String.format("%s: bad magic number 0x%08x (expected 0x%08x for %s)",
                        name, magic, expectedMagic, what));
            }
            byte[] head = readFully(new byte[4 * rank], 4 * rank);
            int[] dims = new int[rank];
            long values = 1;
            for (int d = 0; d < rank; d++) {
                dims[d] = intAt(head, 4 * d);
                if (dims[d] < 0 || (d > 0 && dims[d] == 0)) {
                    throw new DataException(name + ": the header gives dimension " + d + " as " + dims[d]);
                }
                values *= dims[d];
            }
            expectedTotal += values;
            return dims;
        }

        /** Reads {@code count} bytes as unsigned values 0..255. */
        void readUnsigned(long count, ValueSink sink) throws DataException {
            byte[] chunk = new byte[1 << 16];
            long done = 0;
            while (done < count) {
                int n = (int) Math.min(chunk.length, count - done);
                readFully(chunk, n);
                for (int i = 0; i < n; i++) {
                    sink.accept(done + i, chunk[i] & 0xff);
                }
                done += n;
            }
        }

        /** A file longer than its header says is as suspect as a short one: it may be a different file. */
        void expectEnd() throws DataException {
            try {
                if (in.read() != -1) {
                    throw new DataException(name + ": more bytes than the header announces (expected "
                            + expectedTotal + " bytes)");
                }
            } catch (IOException e) {
                throw failure(e);
            }
        }

        private byte[] readFully(byte[] buf, int n) throws DataException {
            int got = 0;
            while (got < n) {
                int r;
                try {
                    r = in.read(buf, got, n - got);
                } catch (EOFException e) {
                    r = -1; // a gzip stream cut short ends like a short raw file
                } catch (IOException e) {
                    throw failure(e);
                }
                if (r < 0) {
                    throw new DataException(name + ": truncated at byte " + position + " (expected "
                            + expectedTotal + " bytes)");
                }
                got += r;
                position += r;
            }
            return buf;
        }

        private DataException failure(IOException e) {
            String why = e instanceof ZipException ? "corrupt gzip data" : "read error";
            return new DataException(name + ": " + why + " after byte " + position + " (" + e.getMessage() + ")", e);
        }

        private static int intAt(byte[] b, int i) {
            return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
        }
    }
}
