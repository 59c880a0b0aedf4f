package dev.netwright.runtime.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST format), raw or gzipped (recognised by the magic bytes 1f 8b, not the file name).
 *
 * <p>A header of a few bytes can declare billions of values, so it is not trusted with memory: a raw file must be
 * exactly as long as its header says, a gzipped one's trailer (its unpacked size mod 2^32) must agree before the
 * heap is measured against the header, and the values are held in chunks as they arrive, so a short file fails as
 * truncated having allocated only what it held.
 */
public final class IdxReader {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    /** The most values one Java array holds; a header that asks for more is refused before anything is allocated. */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;
    /** Values are read and held in chunks of this many bytes. */
    private static final int CHUNK = 1 << 20;
    /** Memory per value while reading: the byte as read, and the float (or int) it becomes. */
    private static final int BYTES_PER_VALUE = 1 + 4;

    private IdxReader() {
    }

    public static IdxImages readImages(Path file) throws DataException {
        try (Reader r = Reader.open(file)) {
            return images(r);
        }
    }

    public static int[] readLabels(Path file) throws DataException {
        try (Reader r = Reader.open(file)) {
            return labels(r);
        }
    }

    /** Reads IDX images from {@code in}; {@code name} is how messages refer to the source. Does not close {@code in}. */
    public static IdxImages readImages(InputStream in, String name) throws DataException {
        return images(new Reader(in, name, null, -1));
    }

    /** Reads IDX labels from {@code in}; {@code name} is how messages refer to the source. Does not close {@code in}. */
    public static int[] readLabels(InputStream in, String name) throws DataException {
        return labels(new Reader(in, name, null, -1));
    }

    private static IdxImages images(Reader r) throws DataException {
        int[] dims = r.header(IMAGES_MAGIC, "IDX images", 3);
        List<byte[]> chunks = r.values(Texts.count(dims[0]) + " images of " + dims[1] + "×" + dims[2]);
        float[] pixels = new float[(int) r.valueCount()];
        int i = 0;
        for (byte[] chunk : chunks) {
            for (byte b : chunk) {
                pixels[i++] = b & 0xff;
            }
        }
        return new IdxImages(dims[0], dims[1], dims[2], pixels);
    }

    private static int[] labels(Reader r) throws DataException {
        int[] dims = r.header(LABELS_MAGIC, "IDX labels", 1);
        List<byte[]> chunks = r.values(Texts.count(dims[0]) + " labels");
        int[] labels = new int[dims[0]];
        int i = 0;
        for (byte[] chunk : chunks) {
            for (byte b : chunk) {
                labels[i++] = b & 0xff;
            }
        }
        return labels;
    }

    /** Counts decompressed bytes so that a short file can say where it ends. */
    private static final class Reader implements Closeable {
        /** A gzip file has at least a 10-byte header and an 8-byte trailer. */
        private static final int GZIP_SMALLEST = 18;

        private final String name;
        private final Path file;
        private final long fileSize;
        private final boolean gzipped;
        private final InputStream in;
        private long position;
        private long headerBytes;
        private long expectedTotal;

        /** {@code file} and {@code fileSize} are null and -1 for a stream that is not a file. */
        Reader(InputStream raw, String name, Path file, long fileSize) throws DataException {
            this.name = name;
            this.file = file;
            this.fileSize = fileSize;
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            try {
                buffered.mark(2);
                int b0 = buffered.read();
                int b1 = buffered.read();
                buffered.reset();
                gzipped = b0 == 0x1f && b1 == 0x8b;
                in = gzipped ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            } catch (IOException e) {
                throw new DataException(name + ": not a readable gzip file ("
                        + Texts.reason(e, "it ends within its gzip header") + ")", e);
            }
        }

        static Reader open(Path file) throws DataException {
            long size = DataFiles.requireRegularFile(file);
            InputStream raw = DataFiles.open(file);
            try {
                return new Reader(raw, file.toString(), file, size);
            } catch (DataException e) {
                closeQuietly(raw);
                throw e;
            }
        }

        /** Reads magic and dimensions; returns the dimensions. */
        int[] header(int expectedMagic, String what, int rank) throws DataException {
            headerBytes = 4L + 4L * rank;
            expectedTotal = headerBytes;
            int magic = intAt(readFully(new byte[4], 4), 0);
            if (magic != expectedMagic && isIdxMagic(magic)) {
                throw new DataException(String.format("%s: bad magic number 0x%08x (expected 0x%08x for %s)",
                        name, magic, expectedMagic, what));
            }
            if (magic != expectedMagic) {
                // any other four bytes are the file's own contents, which a message does not quote
                throw new DataException(String.format("%s: not an IDX file (it does not start with the magic number "
                        + "0x%08x of %s)", name, expectedMagic, what));
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

        long valueCount() {
            return expectedTotal - headerBytes;
        }

        /**
         * Checks the header's size ({@code what} in words) against the file and the heap, then reads the values as
         * they arrive, in chunks, and checks that nothing follows them.
         */
        List<byte[]> values(String what) throws DataException {
            long count = valueCount();
            boolean headerContradicted = checkDeclaredSize(what);
            if (count > MAX_VALUES) {
                throw new DataException(name + ": " + what + " are too many to hold in memory");
            }
            HeapRoom heap = HeapRoom.ofThisProcess();
            if (!headerContradicted) {
                heap.require(count * BYTES_PER_VALUE, name + ": reading " + what);
            }
            List<byte[]> chunks = new ArrayList<>();
            long done = 0;
            while (done < count) {
                int n = (int) Math.min(CHUNK, count - done);
                if (headerContradicted) {
                    // the header was not believed up front: what has arrived must still fit, as bytes and as floats
                    heap.require(n + (done + n) * 4, name + ": reading the first " + Texts.count(done + n)
                            + " values of " + what);
                }
                chunks.add(readFully(new byte[n], n));
                done += n;
            }
            expectEnd();
            return chunks;
        }

        /**
         * A raw file must hold exactly what its header declares. A gzipped file's trailer gives its unpacked size
         * mod 2^32; returns true when that contradicts the header: the file is then cut short (its last bytes are
         * no trailer), forged, or several gzip streams joined, and reading it shows which.
         */
        private boolean checkDeclaredSize(String what) throws DataException {
            if (file == null) {
                return false;
            }
            if (!gzipped) {
                if (fileSize != expectedTotal) {
                    throw new DataException(name + ": the header declares " + what + " (" + Texts.count(expectedTotal)
                            + " bytes) but the file holds " + Texts.count(fileSize) + " bytes");
                }
                return false;
            }
            return fileSize < GZIP_SMALLEST || unpackedSizeMod32() != (expectedTotal & 0xffffffffL);
        }

        /** ISIZE, the last four bytes of a gzip file, little-endian. */
        private long unpackedSizeMod32() throws DataException {
            try (SeekableByteChannel channel = Files.newByteChannel(file)) {
                ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                channel.position(fileSize - 4);
                while (trailer.hasRemaining()) {
                    if (channel.read(trailer) < 0) {
                        break;
                    }
                }
                trailer.flip();
                return trailer.remaining() == 4 ? trailer.getInt() & 0xffffffffL : -1;
            } catch (IOException e) {
                throw DataFiles.cannotRead(file, e);
            }
        }

        /** A file longer than its header says is as suspect as a short one: it may be a different file. */
        private void expectEnd() throws DataException {
            try {
                if (in.read() != -1) {
                    throw new DataException(name + ": more bytes than the header announces (expected "
                            + Texts.count(expectedTotal) + " bytes)");
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
                    throw new DataException(name + ": truncated at byte " + Texts.count(position) + " (expected "
                            + Texts.count(expectedTotal) + " bytes)");
                }
                got += r;
                position += r;
            }
            return buf;
        }

        private DataException failure(IOException e) {
            String why = e instanceof ZipException ? "corrupt gzip data" : "read error";
            return new DataException(name + ": " + why + " after byte " + Texts.count(position) + " ("
                    + Texts.reason(e, "no reason given") + ")", e);
        }

        /** Closes the file this reader opened; a stream handed in is the caller's to close. */
        @Override
        public void close() {
            if (file != null) {
                closeQuietly(in);
            }
        }

        private static void closeQuietly(InputStream stream) {
            try {
                stream.close();
            } catch (IOException e) {
                // nothing was written, so nothing is lost
            }
        }

        /** Two zero bytes, a type code (unsigned byte, signed byte, short, int, float, double), 1 to 4 dimensions. */
        private static boolean isIdxMagic(int magic) {
            int type = magic >>> 8;
            int rank = magic & 0xff;
            return (type == 0x08 || type == 0x09 || (type >= 0x0b && type <= 0x0e)) && rank >= 1 && rank <= 4;
        }

        private static int intAt(byte[] b, int i) {
            return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
        }
    }
}
